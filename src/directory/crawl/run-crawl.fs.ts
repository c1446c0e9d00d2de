/**
 * A whole crawl as the CLI runs it. Input: workspace, crawler config, a page fetcher, a profile and the
 * command's options. Output: the crawl report. Effects: reads and writes the cache, writes
 * `contacts/sources/<profile>-<date>.csv` (directory columns), then merges that file into the directory
 * through the same import as hand-made CSV files.
 */
import { isAbsolute, join, relative } from "node:path";
import type { CrawlerConfig } from "../../config/config-schema.js";
import { DIRECTORY_COLUMNS } from "../../contacts/contact-schema.js";
import type { Clock } from "../../core/clock.js";
import { formatCsvRows } from "../../core/csv-write.js";
import { writeFileAtomic } from "../../core/atomic-write.fs.js";
import { isOutreachError, OperationError } from "../../core/errors.js";
import { workspacePaths } from "../../core/workspace.js";
import { importDirectoryFile } from "../import-directory.fs.js";
import { assembleDirectoryRows, type GroupSummary } from "./assemble-directory-rows.js";
import { buildUserAgent, robotsAgentOf } from "./crawl-user-agent.js";
import { crawlSite, type CrawlProgress, type CrawlResult, type PageProblem } from "./crawl-site.js";
import { createFsPageCache } from "./page-cache.fs.js";
import { createFsParsedPageStore } from "./parsed-page-store.fs.js";
import type { PageFetcher } from "./page-fetcher.js";
import { PoliteFetcher, type FetchStats, type PoliteFetcherOptions } from "./polite-fetcher.js";
import { DEFAULT_RETRY_POLICY } from "./retry-delay.js";
import type { PageCache, ParsedPageStore } from "./page-cache.js";
import type { SiteProfile } from "./site-profile.js";

export interface RunCrawlOptions {
  workspace: string;
  config: CrawlerConfig;
  fetcher: PageFetcher;
  clock: Clock;
  profile: SiteProfile;
  version: string;
  startUrl?: string;
  countries?: ReadonlySet<string>;
  maxPages?: number;
  /** Reuse cached pages downloaded less than this long ago without asking the site. */
  reuseWithinMs: number;
  /** First retry delay (doubles each retry). */
  retryBaseMs?: number;
  dryRun?: boolean;
  /** Parse every page again instead of reusing parses of unchanged pages. */
  reparse?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: CrawlProgress) => void;
}

export interface CrawlReport {
  file: string;
  rows: number;
  summary: GroupSummary[];
  withoutPeople: string[];
  failures: PageProblem[];
  skipped: PageProblem[];
  warnings: { url: string; message: string }[];
  pages: { download: number; "not-modified": number; cache: number };
  overBudget: number;
  requests: FetchStats;
  import: Awaited<ReturnType<typeof importDirectoryFile>>;
}

export async function runCrawl(options: RunCrawlOptions): Promise<CrawlReport> {
  const { config, clock, profile } = options;
  const paths = workspacePaths(options.workspace);
  const cacheDir = isAbsolute(config.cacheDir) ? config.cacheDir : join(options.workspace, config.cacheDir);
  const cache = createFsPageCache(cacheDir);
  const polite = new PoliteFetcher(politeFetcherOptions(options, cache));
  const parsedStore = createFsParsedPageStore(cacheDir);
  let result: CrawlResult;
  try {
    result = await crawlSite({
      profile,
      fetchPage: (url) => polite.fetchPage(url),
      startUrl: options.startUrl ?? profile.defaultStartUrl,
      concurrency: config.concurrency,
      parsedStore: options.reparse ? writeOnly(parsedStore) : parsedStore,
      ...(options.countries ? { groups: options.countries } : {}),
      ...(options.maxPages !== undefined ? { maxPages: options.maxPages } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } catch (e) {
    if (isOutreachError(e)) throw e;
    throw new OperationError("E_CRAWL_IO", `crawl stopped: ${(e as Error).message} (cache: ${cacheDir})`, {
      cause: e,
    });
  } finally {
    await parsedStore.close();
    await cache.close();
  }
  refuseIncompleteCrawl(result, polite.stats);
  const assembled = assembleDirectoryRows(result, profile.source);
  const date = new Date(clock.now()).toISOString().slice(0, 10);
  const file = join(paths.sourcesDir, `${profile.name}-${date}.csv`);
  const csv = formatCsvRows([
    [...DIRECTORY_COLUMNS],
    ...assembled.rows.map((r) => DIRECTORY_COLUMNS.map((c) => r[c])),
  ]);
  await writeFileAtomic(file, csv);
  const imported = await importDirectoryFile({
    workspace: options.workspace,
    file,
    source: profile.source,
    dryRun: options.dryRun ?? false,
    now: new Date(clock.now()),
    allowHeaderOnly: true,
  });
  return {
    file: relative(options.workspace, file),
    rows: assembled.rows.length,
    summary: assembled.summary,
    withoutPeople: assembled.withoutPeople,
    failures: result.failures,
    skipped: result.skipped,
    warnings: [...result.warnings, ...assembled.warnings],
    pages: result.pages,
    overBudget: result.overBudget,
    requests: { ...polite.stats },
    import: imported,
  };
}

/** The crawler's settings as the polite fetcher takes them. */
function politeFetcherOptions(options: RunCrawlOptions, cache: PageCache): PoliteFetcherOptions {
  const { config } = options;
  const userAgent = buildUserAgent(config, options.version);
  return {
    fetcher: options.fetcher,
    cache,
    clock: options.clock,
    userAgent,
    robotsAgent: robotsAgentOf(userAgent),
    delayMs: config.delayMs,
    timeoutMs: config.timeoutMs,
    maxBodyBytes: config.maxBodyBytes,
    retry: {
      ...DEFAULT_RETRY_POLICY,
      maxRetries: config.maxRetries,
      ...(options.retryBaseMs !== undefined ? { baseDelayMs: options.retryBaseMs } : {}),
    },
    allowedHosts: config.allowedHosts,
    reuseWithinMs: options.reuseWithinMs,
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

/** An interrupted crawl, or one that found nothing, writes and merges nothing. */
function refuseIncompleteCrawl(result: CrawlResult, stats: FetchStats): void {
  if (result.interrupted) {
    throw new OperationError(
      "E_CRAWL_INTERRUPTED",
      `crawl interrupted after ${stats.requests} request(s); nothing was merged`,
      {
        hint: "run the same command again: pages already fetched are reused from the cache",
      },
    );
  }
  if (result.groups.size === 0 && result.failures.length > 0) {
    // Nothing was learnt: keep any earlier file of the same day rather than replacing it with an empty one.
    throw new OperationError("E_CRAWL_NOTHING", "the crawl found no country: nothing was written or merged", {
      problems: result.failures.map((f) => ({ file: f.url, field: f.code, message: f.reason })),
    });
  }
}

/** `--reparse`: parse every page again and store the fresh parses. */
function writeOnly(store: ParsedPageStore): ParsedPageStore {
  return {
    read: () => Promise.resolve(undefined),
    write: (key, value) => store.write(key, value),
    close: () => store.close(),
  };
}
