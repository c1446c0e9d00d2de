import { rm } from "node:fs/promises";
import { join } from "node:path";
import { cacheBodyFileName } from "../../src/directory/crawl/page-cache.fs.js";
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SPECIAL } from "./fixture-site/site-description.js";
import { startKit, USER_AGENT, type Kit } from "./crawl-test-kit.js";

let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(async () => {
  await kit.close();
});

const country = (i: number) => kit.site.countries[i]!;
const firstMinistry = (i: number) => country(i).ministries[0]!;
const logFor = (path: string) => kit.fixture.log.filter((r) => r.path === path);

describe("PoliteFetcher against the fixture site", () => {
  it("identifies itself and fetches robots.txt once per host", async () => {
    const polite = kit.polite();
    const robotsBefore = logFor("/robots.txt").length;
    const a = await polite.fetchPage(kit.url(country(14).path));
    const b = await polite.fetchPage(kit.url(country(15).path));
    expect(a.ok && b.ok).toBe(true);
    expect(logFor("/robots.txt").length - robotsBefore).toBe(1);
    expect(logFor(country(14).path)[0]!.userAgent).toBe(USER_AGENT);
    expect(USER_AGENT).toContain("crawl-ops@example.org");
  });

  it("waits at least the delay between two requests to one host", async () => {
    // A clock that stands still and records each sleep: the n-th request must wait (n - 1) × delay.
    const sleeps: number[] = [];
    const still = { now: () => kit.clock.now(), sleep: (ms: number) => (sleeps.push(ms), Promise.resolve()) };
    const polite = kit.polite({ delayMs: 1000, clock: still });
    const outcomes = await Promise.all([16, 17, 18].map((i) => polite.fetchPage(kit.url(country(i).path))));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    // robots.txt first, then three pages: three waits of 1, 2 and 3 delays.
    expect(sleeps.sort((a, b) => a - b)).toEqual([1000, 2000, 3000]);
  });

  it("retries a 429 after the Retry-After it was given", async () => {
    const path = country(SPECIAL.retryAfter).path;
    const polite = kit.polite({ delayMs: 0 });
    const before = kit.sent.length;
    const outcome = await polite.fetchPage(kit.url(path));
    expect(outcome.ok).toBe(true);
    expect(logFor(path).map((r) => r.status)).toEqual([429, 200]);
    const tries = kit.sent.slice(before).filter((s) => s.url === kit.url(path));
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(polite.stats.retries).toBe(1);
  });

  it("retries a 500 and gets the page on the second try", async () => {
    const path = firstMinistry(SPECIAL.errorThenOk).path!;
    const outcome = await kit.polite().fetchPage(kit.url(path));
    expect(outcome.ok).toBe(true);
    expect(logFor(path).map((r) => r.status)).toEqual([500, 200]);
  });

  it("gives up on a response slower than the timeout, after the retries", async () => {
    const path = firstMinistry(SPECIAL.slow).path!;
    const outcome = await kit
      .polite({
        timeoutMs: 200,
        retry: { maxRetries: 1, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 1000 },
      })
      .fetchPage(kit.url(path));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.code).toBe("E_CRAWL_TIMEOUT");
    expect(logFor(path)).toHaveLength(2);
  });

  it("refuses and reports a redirect to another host, which never sees a request", async () => {
    const path = firstMinistry(SPECIAL.offHostRedirect).path!;
    const outcome = await kit.polite().fetchPage(kit.url(path));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.code).toBe("E_CRAWL_OFF_HOST");
      expect(outcome.reason).toContain(kit.fixture.otherOrigin.replace("http://", ""));
    }
    expect(kit.fixture.log.filter((r) => r.server === "other")).toEqual([]);
  });

  it("stops reading an oversized page and does not retry it", async () => {
    const path = firstMinistry(SPECIAL.oversized).path!;
    const outcome = await kit.polite({ maxBodyBytes: 100_000 }).fetchPage(kit.url(path));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.code).toBe("E_CRAWL_TOO_LARGE");
    expect(logFor(path)).toHaveLength(1);
  });

  it("skips a path robots.txt disallows without requesting it", async () => {
    const path = firstMinistry(SPECIAL.robotsDisallowed).path!;
    const outcome = await kit.polite().fetchPage(kit.url(path));
    expect(outcome).toMatchObject({ ok: false, code: "E_CRAWL_ROBOTS", skipped: true });
    expect(logFor(path)).toEqual([]);
  });

  it("never requests a start URL outside the allowlist", async () => {
    const before = kit.sent.length;
    const outcome = await kit.polite().fetchPage(`${kit.fixture.otherOrigin}/anything`);
    expect(outcome).toMatchObject({ ok: false, code: "E_CRAWL_NOT_ALLOWED" });
    expect(kit.sent.length).toBe(before);
  });

  it("reports a missing page without retrying", async () => {
    const outcome = await kit.polite().fetchPage(kit.url("/no/such/page"));
    expect(outcome).toMatchObject({ ok: false, code: "E_CRAWL_HTTP" });
    expect(logFor("/no/such/page")).toHaveLength(1);
  });

  it("revalidates with a conditional request and uses the cache on 304", async () => {
    const path = country(19).path;
    const first = await kit.polite().fetchPage(kit.url(path));
    kit.clock.advance(60_000);
    const second = await kit.polite().fetchPage(kit.url(path));
    expect(first).toMatchObject({ ok: true, via: "download" });
    expect(second).toMatchObject({ ok: true, via: "not-modified" });
    if (first.ok && second.ok) expect(await second.readHtml()).toBe(await first.readHtml());
    const log = logFor(path);
    expect(log.at(-1)).toMatchObject({ status: 304, conditional: true });
  });

  it("reuses a recent cache entry without asking the site (resume)", async () => {
    const path = country(20).path;
    await kit.polite().fetchPage(kit.url(path));
    const requests = logFor(path).length;
    const again = await kit.polite({ reuseWithinMs: 3_600_000 }).fetchPage(kit.url(path));
    expect(again).toMatchObject({ ok: true, via: "cache" });
    expect(logFor(path).length).toBe(requests);
  });
  it("downloads a page again when its cached body was lost", async () => {
    const path = country(21).path;
    const first = await kit.polite().fetchPage(kit.url(path));
    await rm(join(kit.cacheDir, cacheBodyFileName(kit.url(path))));
    const requests = logFor(path).length;
    const again = await kit.polite({ reuseWithinMs: 3_600_000 }).fetchPage(kit.url(path));
    expect(again).toMatchObject({ ok: true, via: "cache" });
    if (first.ok && again.ok) expect(await again.readHtml()).toBe(await first.readHtml());
    expect(logFor(path).slice(requests)).toMatchObject([{ status: 200, conditional: false }]);
  });
});

describe("PoliteFetcher against a hand-made server", () => {
  it("follows a same-host redirect, and treats an unreachable robots.txt as 'disallow everything'", async () => {
    const seen: string[] = [];
    let robotsStatus = 404;
    const server = createServer((req, res) => {
      seen.push(req.url ?? "");
      if (req.url === "/robots.txt") return res.writeHead(robotsStatus).end();
      if (req.url === "/old") return res.writeHead(301, { location: "/new" }).end();
      res
        .writeHead(200, { "content-type": "text/html; charset=iso-8859-1" })
        .end(Buffer.from("<p>caf\xe9</p>", "latin1"));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const host = `127.0.0.1:${port}`;
    try {
      const moved = await kit.polite({ allowedHosts: [host] }).fetchPage(`http://${host}/old`);
      expect(moved).toMatchObject({ ok: true, finalUrl: `http://${host}/new` });
      if (moved.ok) expect(await moved.readHtml()).toBe("<p>café</p>");

      robotsStatus = 503;
      seen.length = 0;
      const refused = await kit
        .polite({
          allowedHosts: [host],
          retry: { maxRetries: 1, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 10 },
        })
        .fetchPage(`http://${host}/page`);
      expect(refused).toMatchObject({ ok: false, code: "E_CRAWL_ROBOTS_UNREACHABLE" });
      expect(seen).toEqual(["/robots.txt", "/robots.txt"]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
