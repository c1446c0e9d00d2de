import { join } from "node:path";
import { defaultConfig } from "../../src/config/config-schema.ts";
import { systemClock } from "../../src/core/system-clock.ts";
import { createHttpPageFetcher } from "../../src/directory/crawl/page-fetcher.http.ts";
import { createFsPageCache, createFsParsedPageStore } from "../../src/directory/crawl/page-cache.fs.ts";
import { PoliteFetcher } from "../../src/directory/crawl/polite-fetcher.ts";
import { crawlSite } from "../../src/directory/crawl/crawl-site.ts";
import { ituProfile } from "../../src/directory/crawl/profiles/itu.ts";
import { runCrawl } from "../../src/directory/crawl/run-crawl.fs.ts";
import { startFixtureSite } from "./fixture-site/fixture-server.ts";
import { describeSite } from "./fixture-site/site-description.ts";
import { makeTempDir } from "../helpers/cli.ts";
const site = describeSite({ seed: 2026, countryCount: 200, ministriesPerCountry: 10, specialCases: false });
const fx = await startFixtureSite(site);
const ws = await makeTempDir();
const config = { ...defaultConfig.crawler, delayMs: 0, allowedHosts: [fx.hostPort] };
const f = createHttpPageFetcher();
let t = performance.now();
await runCrawl({
  workspace: ws,
  config,
  fetcher: f,
  clock: systemClock,
  profile: ituProfile,
  version: "x",
  startUrl: fx.listUrl,
  reuseWithinMs: 0,
});
console.log("first full", performance.now() - t);
for (let i = 0; i < 2; i++) {
  const polite = new PoliteFetcher({
    fetcher: f,
    cache: createFsPageCache(join(ws, config.cacheDir)),
    clock: systemClock,
    userAgent: "x",
    robotsAgent: "x",
    delayMs: 0,
    timeoutMs: 5000,
    maxBodyBytes: 1e7,
    retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    allowedHosts: [fx.hostPort],
    reuseWithinMs: 0,
  });
  t = performance.now();
  const r = await crawlSite({
    profile: ituProfile,
    fetchPage: (u) => polite.fetchPage(u),
    startUrl: fx.listUrl,
    concurrency: 2,
    parsedStore: createFsParsedPageStore(join(ws, config.cacheDir)),
  });
  console.log("second crawlSite only", performance.now() - t, r.pages);
}
t = performance.now();
await runCrawl({
  workspace: ws,
  config,
  fetcher: f,
  clock: systemClock,
  profile: ituProfile,
  version: "x",
  startUrl: fx.listUrl,
  reuseWithinMs: 0,
});
console.log("second full", performance.now() - t);
await f.close!();
await fx.close();
