/**
 * A link that is not a URL (`http://[::1`, `http://exa mple`) is one problem, reported once; the rest
 * of its page is still read and the links after it are still followed. Real node:http site on loopback.
 */
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawlSite } from "../../src/directory/crawl/crawl-site.js";
import { ituProfile, parseMemberStateList } from "../../src/directory/crawl/profiles/itu.js";
import { loopbackPoliteFetcher } from "./crawl-test-kit.js";

const frame = (content: string) =>
  `<!DOCTYPE html><html><body><div class="container"><div class="content">${content}</div></div></body></html>`;

const memberList = frame(`<table>
<tr><th>Country</th><th>Region</th><th>Symbol</th><th>Domain</th><th>Date of entry</th></tr>
<tr><td><a href="/c/sn">Senegal</a></td><td>A</td><td>SEN</td><td>.SN</td><td>1960/1/1</td></tr>
<tr><td><a href="http://[::1">Peru</a></td><td>B</td><td>PRU</td><td>.PE</td><td>1960/1/1</td></tr>
<tr><td><a href="/c/ke">Kenya</a></td><td>A</td><td>KEN</td><td>.KE</td><td>1960/1/1</td></tr>
</table>`);

const countryPage = (code: string) =>
  frame(`<table>
<tr><th>Name, Place</th><th>ITU-R</th><th>ITU-T</th><th>ITU-D</th><th>Categories</th></tr>
<tr><td><a href="http://exa mple/ministry">Ministry of Broken Links, Capital</a></td><td>X</td><td></td><td></td><td>Administration</td></tr>
<tr><td><a href="/m/${code}">Ministry of Posts, Capital</a></td><td>X</td><td></td><td></td><td>Administration</td></tr>
</table>
<table><tr><th>Permanent Mission</th></tr><tr><td>Mission, Geneva</td></tr></table>`);

const ministryPage = (code: string) =>
  frame(`<p>Address: 1 Example Street<br>E-mail: info@posts-${code}.example</p>`);

let origin = "";
let hostPort = "";
const seen: string[] = [];
const server = createServer((req, res) => {
  const url = req.url ?? "";
  seen.push(url);
  const html = (body: string) => res.writeHead(200, { "content-type": "text/html" }).end(body);
  if (url === "/robots.txt") return res.writeHead(404).end();
  if (url === "/list") return html(memberList);
  const country = /^\/c\/(\w+)$/.exec(url)?.[1];
  if (country) return html(countryPage(country));
  const ministry = /^\/m\/(\w+)$/.exec(url)?.[1];
  if (ministry) return html(ministryPage(ministry));
  res.writeHead(404).end();
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hostPort = `127.0.0.1:${(server.address() as { port: number }).port}`;
  origin = `http://${hostPort}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

describe("malformed links", () => {
  it("the profile keeps reading a member list past a link that is not a URL", () => {
    const parsed = parseMemberStateList(`${origin}/list`, memberList);
    expect(parsed.groups?.map((g) => g.group)).toEqual(["SN", "PE", "KE"]);
    expect(parsed.links.map((l) => l.url)).toEqual([`${origin}/c/sn`, "http://[::1", `${origin}/c/ke`]);
  });

  it("are reported once each, and every other link on the page is followed", async () => {
    const fetcher = await loopbackPoliteFetcher([hostPort], {
      retry: { maxRetries: 0, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 10 },
    });
    const { polite } = fetcher;
    try {
      const result = await crawlSite({
        profile: ituProfile,
        fetchPage: (url) => polite.fetchPage(url),
        startUrl: `${origin}/list`,
        concurrency: 2,
      });
      // One problem per malformed link: `http://exa mple/ministry` is on both country pages, reported once.
      expect(result.failures.map((f) => [f.code, f.url])).toEqual([
        ["E_CRAWL_BAD_URL", "http://[::1"],
        ["E_CRAWL_BAD_URL", "http://exa mple/ministry"],
      ]);
      expect(result.failures[0]!.reason).toContain(`${origin}/list`);
      expect([...seen].sort()).toEqual(["/c/ke", "/c/sn", "/list", "/m/ke", "/m/sn", "/robots.txt"]);
      expect([...result.groups.keys()].sort()).toEqual(["KE", "PE", "SN"]);
      const emails = result.records.map((r) => r.fields.email).filter(Boolean);
      expect(emails.sort()).toEqual(["info@posts-ke.example", "info@posts-sn.example"]);
      // The ministry behind the broken link is still listed from the country page.
      expect(result.records.some((r) => r.fields.organisation === "Ministry of Broken Links")).toBe(true);
    } finally {
      await fetcher.close();
    }
  });
});
