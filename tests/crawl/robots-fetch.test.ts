/**
 * robots.txt as RFC 9309 asks, against real node:http servers on loopback: redirects (up to five,
 * within the allowlist), an oversized file parsed up to the limit, and an unreachable file (5xx,
 * network error) meaning "nothing is fetched from this host".
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { PageFetcher } from "../../src/directory/crawl/page-fetcher.js";
import type { PoliteFetcher } from "../../src/directory/crawl/polite-fetcher.js";
import { ROBOTS_MAX_BYTES } from "../../src/directory/crawl/robots-rules.js";
import { loopbackPoliteFetcher } from "./crawl-test-kit.js";

interface TestServer {
  /** `127.0.0.1:PORT` (or another loopback address), an allowlist entry. */
  hostPort: string;
  origin: string;
  /** Paths requested, in order. */
  seen: string[];
  close(): Promise<void>;
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  address = "127.0.0.1",
): Promise<TestServer> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? "");
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, address, r));
  const port = (server.address() as { port: number }).port;
  const s: TestServer = {
    hostPort: `${address}:${port}`,
    origin: `http://${address}:${port}`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  open.push(s);
  return s;
}

/** A site whose robots.txt sits behind `hops` redirects (/robots.txt → /hop/1 → … → /hop/hops). */
function redirectingSite(hops: number, robots: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "";
    const hop = url === "/robots.txt" ? 0 : Number(/^\/hop\/(\d+)$/.exec(url)?.[1] ?? NaN);
    if (Number.isInteger(hop)) {
      if (hop < hops) return res.writeHead(302, { location: `/hop/${hop + 1}` }).end();
      return res.writeHead(200, { "content-type": "text/plain" }).end(robots);
    }
    res.writeHead(200, { "content-type": "text/html" }).end(`<p>${url}</p>`);
  };
}

/** Smaller than robots.txt may be (100 KB bodies): the robots.txt limit is its own (at least 500 KiB, RFC 9309 2.5). */
async function politeFor(allowedHosts: string[]): Promise<{ polite: PoliteFetcher; http: PageFetcher }> {
  const fetcher = await loopbackPoliteFetcher(allowedHosts);
  open.push(fetcher);
  return fetcher;
}

const RULES = "User-agent: *\nDisallow: /private\n";

describe("robots.txt redirects", () => {
  it("follows a chain of three redirects and obeys the robots.txt at its end", async () => {
    const site = await serve(redirectingSite(3, RULES));
    const { polite } = await politeFor([site.hostPort]);
    const denied = await polite.fetchPage(`${site.origin}/private/page`);
    const allowed = await polite.fetchPage(`${site.origin}/public`);
    expect(denied).toMatchObject({ ok: false, code: "E_CRAWL_ROBOTS", skipped: true });
    expect(allowed).toMatchObject({ ok: true });
    expect(site.seen).toEqual(["/robots.txt", "/hop/1", "/hop/2", "/hop/3", "/public"]);
  });

  it("follows exactly five redirects", async () => {
    const site = await serve(redirectingSite(5, RULES));
    const { polite } = await politeFor([site.hostPort]);
    expect(await polite.fetchPage(`${site.origin}/private/x`)).toMatchObject({ code: "E_CRAWL_ROBOTS" });
    expect(await polite.fetchPage(`${site.origin}/public`)).toMatchObject({ ok: true });
  });

  it("treats more than five redirects as unreachable: nothing is fetched from the host", async () => {
    const site = await serve(redirectingSite(6, "User-agent: *\nAllow: /\n"));
    const { polite } = await politeFor([site.hostPort]);
    const outcome = await polite.fetchPage(`${site.origin}/public`);
    expect(outcome).toMatchObject({ ok: false, code: "E_CRAWL_ROBOTS_UNREACHABLE", skipped: false });
    if (!outcome.ok) expect(outcome.reason).toContain("redirect");
    // Five redirects followed, the sixth not: no page and no further hop.
    expect(site.seen).toEqual(["/robots.txt", "/hop/1", "/hop/2", "/hop/3", "/hop/4", "/hop/5"]);
  });

  it("applies rules found on another allowed host to the original host", async () => {
    const shared = await serve((req, res) => {
      if (req.url === "/shared-robots.txt") return res.writeHead(200).end(RULES);
      res.writeHead(404).end();
    }, "127.0.0.2");
    const site = await serve((req, res) => {
      if (req.url === "/robots.txt")
        return res.writeHead(301, { location: `${shared.origin}/shared-robots.txt` }).end();
      res.writeHead(200, { "content-type": "text/html" }).end("<p>page</p>");
    });
    const { polite } = await politeFor([site.hostPort, shared.hostPort]);
    expect(await polite.fetchPage(`${site.origin}/private/a`)).toMatchObject({ code: "E_CRAWL_ROBOTS" });
    expect(await polite.fetchPage(`${site.origin}/public`)).toMatchObject({ ok: true });
    expect(shared.seen).toEqual(["/shared-robots.txt"]);
  });

  it("does not follow a robots.txt redirect off the allowlist, and crawls nothing on that host", async () => {
    const elsewhere = await serve(
      (_req, res) => res.writeHead(200).end("User-agent: *\nAllow: /\n"),
      "127.0.0.2",
    );
    const site = await serve((req, res) => {
      if (req.url === "/robots.txt")
        return res.writeHead(302, { location: `${elsewhere.origin}/robots.txt` }).end();
      res.writeHead(200, { "content-type": "text/html" }).end("<p>page</p>");
    });
    const { polite } = await politeFor([site.hostPort]);
    const outcome = await polite.fetchPage(`${site.origin}/public`);
    expect(outcome).toMatchObject({ ok: false, code: "E_CRAWL_ROBOTS_UNREACHABLE" });
    if (!outcome.ok) expect(outcome.reason).toContain(elsewhere.hostPort);
    expect(elsewhere.seen).toEqual([]);
    expect(site.seen).toEqual(["/robots.txt"]);
  });
});

describe("an oversized robots.txt", () => {
  it("is parsed up to the limit (600 KiB file, rule near the start): the rule applies", async () => {
    const line = "# filler line to make robots.txt large\n";
    const filler = line.repeat(Math.ceil((600 * 1024) / line.length));
    const body = `User-agent: *\nDisallow: /private\n${filler}`;
    expect(Buffer.byteLength(body)).toBeGreaterThan(600 * 1024);
    const site = await serve((req, res) => {
      if (req.url === "/robots.txt") return res.writeHead(200, { "content-type": "text/plain" }).end(body);
      res.writeHead(200, { "content-type": "text/html" }).end("<p>page</p>");
    });
    const { polite } = await politeFor([site.hostPort]);
    expect(await polite.fetchPage(`${site.origin}/private/a`)).toMatchObject({ code: "E_CRAWL_ROBOTS" });
    expect(await polite.fetchPage(`${site.origin}/public`)).toMatchObject({ ok: true });
    expect(site.seen).toEqual(["/robots.txt", "/public"]);
  });

  it("is cut at the last full line within the limit, never in the middle of a rule", async () => {
    // A line straddles the limit: cut inside it, "Disallow: /p" would shut out /public too.
    const head = "User-agent: *\nDisallow: /private\n";
    const pad = "#".repeat(ROBOTS_MAX_BYTES - head.length - 20) + "\n";
    const body = `${head}${pad}Disallow: /partial-rule-that-crosses-the-limit\n`;
    expect(Buffer.byteLength(`${head}${pad}`)).toBeLessThan(ROBOTS_MAX_BYTES);
    expect(Buffer.byteLength(body)).toBeGreaterThan(ROBOTS_MAX_BYTES);
    const site = await serve((req, res) => {
      if (req.url === "/robots.txt") return res.writeHead(200).end(body);
      res.writeHead(200, { "content-type": "text/html" }).end("<p>page</p>");
    });
    const { polite } = await politeFor([site.hostPort]);
    expect(await polite.fetchPage(`${site.origin}/public`)).toMatchObject({ ok: true });
    expect(await polite.fetchPage(`${site.origin}/private`)).toMatchObject({ code: "E_CRAWL_ROBOTS" });
  });

  it("without a single full line within the limit means disallow-all, never allow-all", async () => {
    const body = `Disallow: /${"x".repeat(ROBOTS_MAX_BYTES + 10)}\n`;
    const site = await serve((req, res) => {
      if (req.url === "/robots.txt") return res.writeHead(200).end(body);
      res.writeHead(200, { "content-type": "text/html" }).end("<p>page</p>");
    });
    const { polite } = await politeFor([site.hostPort]);
    expect(await polite.fetchPage(`${site.origin}/public`)).toMatchObject({
      ok: false,
      code: "E_CRAWL_ROBOTS_UNREACHABLE",
    });
    expect(site.seen).toEqual(["/robots.txt"]);
  });
});

describe("an unreachable robots.txt", () => {
  it("503: nothing is fetched from that host, robots.txt is asked once per host", async () => {
    const site = await serve((req, res) => {
      if (req.url === "/robots.txt") return res.writeHead(503).end();
      res.writeHead(200, { "content-type": "text/html" }).end("<p>page</p>");
    });
    const { polite } = await politeFor([site.hostPort]);
    const a = await polite.fetchPage(`${site.origin}/a`);
    const b = await polite.fetchPage(`${site.origin}/b`);
    expect(a).toMatchObject({ ok: false, code: "E_CRAWL_ROBOTS_UNREACHABLE" });
    expect(b).toMatchObject({ ok: false, code: "E_CRAWL_ROBOTS_UNREACHABLE" });
    // One try and one retry, then never again in this crawl; no page at all.
    expect(site.seen).toEqual(["/robots.txt", "/robots.txt"]);
  });

  it("a network error (connection refused) means disallow-all too", async () => {
    const gone = await serve((_req, res) => res.writeHead(200).end());
    await gone.close();
    open.pop();
    const { polite } = await politeFor([gone.hostPort]);
    expect(await polite.fetchPage(`${gone.origin}/a`)).toMatchObject({
      ok: false,
      code: "E_CRAWL_ROBOTS_UNREACHABLE",
    });
  });

  it("404 still means no restriction (RFC 9309 2.3.1.3)", async () => {
    const site = await serve((req, res) => {
      if (req.url === "/robots.txt") return res.writeHead(404).end();
      res.writeHead(200, { "content-type": "text/html" }).end("<p>page</p>");
    });
    const { polite } = await politeFor([site.hostPort]);
    expect(await polite.fetchPage(`${site.origin}/a`)).toMatchObject({ ok: true });
  });
});
