/** Shared setup for crawler tests: the fixture site, a temp cache, and a polite fetcher on a manual clock. */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock } from "../../src/core/clock.js";
import { createFsPageCache } from "../../src/directory/crawl/page-cache.fs.js";
import { createHttpPageFetcher } from "../../src/directory/crawl/page-fetcher.http.js";
import type { FetchRequest, PageFetcher } from "../../src/directory/crawl/page-fetcher.js";
import { PoliteFetcher, type PoliteFetcherOptions } from "../../src/directory/crawl/polite-fetcher.js";
import { startFixtureSite, type FixtureSite } from "./fixture-site/fixture-server.js";
import { describeSite, type SiteDescription } from "./fixture-site/site-description.js";

export const USER_AGENT =
  "outreach-crawler/test (delegate-outreach directory crawler; +mailto:crawl-ops@example.org)";

export function smallSite(): SiteDescription {
  return describeSite({ seed: 7, countryCount: 24, ministriesPerCountry: 3 });
}

export interface Kit {
  site: SiteDescription;
  fixture: FixtureSite;
  clock: ManualClock;
  cacheDir: string;
  /** Every request the crawler made, with the manual clock's time. */
  sent: { url: string; at: number; headers: Record<string, string> }[];
  fetcher: PageFetcher;
  polite(overrides?: Partial<PoliteFetcherOptions>): PoliteFetcher;
  url(path: string): string;
  close(): Promise<void>;
}

export async function startKit(site: SiteDescription = smallSite()): Promise<Kit> {
  const fixture = await startFixtureSite(site);
  const clock = new ManualClock(Date.UTC(2026, 2, 3));
  const cacheDir = await mkdtemp(join(tmpdir(), "outreach-crawl-cache-"));
  const http = createHttpPageFetcher();
  const sent: Kit["sent"] = [];
  // Every cache a fetcher was given is closed with the kit: its index file handle stays open otherwise,
  // and Node closes it on garbage collection with a warning.
  const caches: ReturnType<typeof createFsPageCache>[] = [];
  const newCache = () => {
    const cache = createFsPageCache(cacheDir);
    caches.push(cache);
    return cache;
  };
  // Not a mock: the real fetcher, with a note of when (on the manual clock) each request left.
  const fetcher: PageFetcher = {
    fetch: (req: FetchRequest) => {
      sent.push({ url: req.url, at: clock.now(), headers: req.headers });
      return http.fetch(req);
    },
  };
  return {
    site,
    fixture,
    clock,
    cacheDir,
    sent,
    fetcher,
    polite: (overrides = {}) =>
      new PoliteFetcher({
        fetcher,
        cache: newCache(),
        clock,
        userAgent: USER_AGENT,
        robotsAgent: "outreach-crawler",
        delayMs: 1000,
        timeoutMs: 300,
        maxBodyBytes: 200_000,
        retry: { maxRetries: 2, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 300_000 },
        allowedHosts: [fixture.hostPort],
        reuseWithinMs: 0,
        ...overrides,
      }),
    url: (path) => new URL(path, fixture.origin).href,
    close: async () => {
      for (const cache of caches.splice(0)) await cache.close();
      await http.close?.();
      await fixture.close();
    },
  };
}

export interface LoopbackFetcher {
  polite: PoliteFetcher;
  http: PageFetcher;
  /** Close the HTTP agent and the page cache. */
  close(): Promise<void>;
}

/**
 * A polite fetcher over the real HTTP fetcher for a node:http site on loopback, with a fresh page cache,
 * no delay between requests and quick retries: for tests about what is fetched, not when.
 */
export async function loopbackPoliteFetcher(
  allowedHosts: string[],
  overrides: Partial<PoliteFetcherOptions> = {},
): Promise<LoopbackFetcher> {
  const http = createHttpPageFetcher();
  const cache = createFsPageCache(await mkdtemp(join(tmpdir(), "outreach-loopback-cache-")));
  const polite = new PoliteFetcher({
    fetcher: http,
    cache,
    clock: new ManualClock(Date.UTC(2026, 2, 3)),
    userAgent: USER_AGENT,
    robotsAgent: "outreach-crawler",
    delayMs: 0,
    timeoutMs: 2000,
    maxBodyBytes: 100_000,
    retry: { maxRetries: 1, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 10 },
    allowedHosts,
    reuseWithinMs: 0,
    ...overrides,
  });
  return {
    polite,
    http,
    close: async () => {
      await cache.close();
      await http.close?.();
    },
  };
}
