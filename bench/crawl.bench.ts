/**
 * Crawl benchmark: a generated site of 200 countries × 10 ministries (2,201 pages) served on loopback by
 * a separate process (a real site is another machine), delay 0, other politeness settings at their
 * defaults (concurrency 2). First crawl: pages per second and peak RSS. Second crawl of the same site from
 * the cache, every page revalidated with a conditional request (as a re-run next month would): full
 * downloads and time ratio second/first. Third: a resumed crawl inside --max-age, which asks nothing.
 */
import { fork } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { defaultConfig } from "../src/config/config-schema.js";
import { systemClock } from "../src/core/system-clock.js";
import { createHttpPageFetcher } from "../src/directory/crawl/page-fetcher.http.js";
import { ituProfile } from "../src/directory/crawl/profiles/itu.js";
import { runCrawl, type CrawlReport } from "../src/directory/crawl/run-crawl.fs.js";
import type { LoggedRequest } from "../tests/crawl/fixture-site/fixture-server.js";
import { makeTempDir } from "../tests/helpers/cli.js";
import { peakRssMb, report, timed } from "./measure.js";

interface Ready {
  type: "ready";
  hostPort: string;
  listUrl: string;
}

const server = fork(
  join(import.meta.dirname, "../tests/crawl/fixture-site/serve-fixture-site.ts"),
  ["2026", "200", "10"],
  {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  },
);
const ready = await new Promise<Ready>((resolve) => server.once("message", (m) => resolve(m as Ready)));
const serverLog = () =>
  new Promise<LoggedRequest[]>((resolve) => {
    server.once("message", (m) => resolve((m as { log: LoggedRequest[] }).log));
    server.send({ type: "log" });
  });

const workspace = await makeTempDir("outreach-crawl-bench-");
const config = {
  ...defaultConfig.crawler,
  delayMs: 0,
  allowedHosts: [ready.hostPort],
  contactEmail: "bench@example.org",
};

async function crawlOnce(reuseWithinMs: number): Promise<{ ms: number; value: CrawlReport }> {
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
        startUrl: ready.listUrl,
        reuseWithinMs,
      }),
    );
  } finally {
    await fetcher.close?.();
  }
}

try {
  const first = await crawlOnce(0);
  const pages = first.value.pages.download;
  const logAfterFirst = (await serverLog()).length;
  report("crawl pages (first run)", pages, "pages", { op: ">=", value: 2200 });
  report("crawl first run", first.ms, "ms");
  report("crawl throughput (first run)", pages / (first.ms / 1000), "pages/s", { op: ">=", value: 100 });
  report("crawl rows written", first.value.rows, "rows");
  report("crawl peak RSS (after first run)", peakRssMb(), "MB");

  const second = await crawlOnce(0);
  const secondLog = (await serverLog()).slice(logAfterFirst);
  const fullDownloads = secondLog.filter((r) => r.status === 200 && r.path !== "/robots.txt").length;
  report("crawl second run (revalidate all): full downloads", fullDownloads, "pages", { op: "<=", value: 0 });
  report(
    "crawl second run (revalidate all): 304 responses",
    secondLog.filter((r) => r.status === 304).length,
    "pages",
  );
  report("crawl second run (revalidate all)", second.ms, "ms");
  report("crawl time ratio second/first", second.ms / first.ms, "x", { op: "<=", value: 0.3 });

  const logAfterSecond = (await serverLog()).length;
  const resumed = await crawlOnce(12 * 3_600_000);
  report(
    "crawl resumed run (--max-age 12): requests",
    (await serverLog()).length - logAfterSecond,
    "requests",
  );
  report("crawl time ratio resumed/first", resumed.ms / first.ms, "x");
  report("crawl peak RSS", peakRssMb(), "MB");
} finally {
  server.send({ type: "close" });
  await rm(workspace, { recursive: true, force: true });
}
