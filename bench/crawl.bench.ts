/**
 * Crawl benchmark: a generated site of 200 countries × 10 ministries (2,201 pages) on loopback, delay 0.
 * First crawl: pages per second and peak RSS. Second crawl of the same site from the cache (every page
 * revalidated with a conditional request, none reused blindly): full downloads and time ratio second/first.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { defaultConfig } from "../src/config/config-schema.js";
import { systemClock } from "../src/core/system-clock.js";
import { createHttpPageFetcher } from "../src/directory/crawl/page-fetcher.http.js";
import { ituProfile } from "../src/directory/crawl/profiles/itu.js";
import { runCrawl, type CrawlReport } from "../src/directory/crawl/run-crawl.fs.js";
import { startFixtureSite } from "../tests/crawl/fixture-site/fixture-server.js";
import { describeSite } from "../tests/crawl/fixture-site/site-description.js";
import { makeTempDir } from "../tests/helpers/cli.js";
import { peakRssMb, report, timed } from "./measure.js";

const site = describeSite({ seed: 2026, countryCount: 200, ministriesPerCountry: 10, specialCases: false });
const fixture = await startFixtureSite(site);
const workspace = await makeTempDir("outreach-crawl-bench-");
const config = {
  ...defaultConfig.crawler,
  delayMs: 0,
  allowedHosts: [fixture.hostPort],
  contactEmail: "bench@example.org",
};

async function crawlOnce(): Promise<{ ms: number; value: CrawlReport }> {
  const fetcher = createHttpPageFetcher({ connectionsPerOrigin: config.concurrency });
  try {
    return await timed(() =>
      runCrawl({
        workspace,
        config,
        fetcher,
        clock: systemClock,
        profile: ituProfile,
        version: "bench",
        startUrl: fixture.listUrl,
        reuseWithinMs: 0,
      }),
    );
  } finally {
    await fetcher.close?.();
  }
}

try {
  const first = await crawlOnce();
  const pages = first.value.pages.download;
  const logAfterFirst = fixture.log.length;
  report("crawl pages (first run)", pages, "pages", { op: ">=", value: 2200 });
  report("crawl first run", first.ms, "ms");
  report("crawl throughput (first run)", pages / (first.ms / 1000), "pages/s", { op: ">=", value: 100 });
  report("crawl rows written", first.value.rows, "rows");
  report("crawl peak RSS (after first run)", peakRssMb(), "MB");

  const second = await crawlOnce();
  const secondLog = fixture.log.slice(logAfterFirst);
  const fullDownloads = secondLog.filter((r) => r.status === 200 && r.path !== "/robots.txt").length;
  report("crawl second run: full downloads", fullDownloads, "pages", { op: "<=", value: 0 });
  report("crawl second run: 304 revalidations", second.value.pages["not-modified"], "pages");
  report("crawl second run", second.ms, "ms");
  report("crawl time ratio second/first", second.ms / first.ms, "x", { op: "<=", value: 0.3 });
  report("crawl peak RSS", peakRssMb(), "MB");
} finally {
  await fixture.close();
  await rm(join(workspace), { recursive: true, force: true });
}
