/**
 * Directory crawl, the walk. Input: a site profile, a page getter (the polite fetcher), a start URL,
 * optional group filter and page budget. Output: every record with the page it came from, the
 * failures and skips with reasons, fetch counts (kept by `crawl-result.ts`). Effects: none of its own
 * (all I/O is in `fetchPage` and the parsed-page store).
 */
import pLimit from "p-limit";
import { isOutreachError } from "../../core/errors.js";
import {
  emptyCrawlResult,
  pageProblem,
  recordBadLink,
  recordFetchFailure,
  recordParsedPage,
  sortCrawlResult,
  type CrawlResult,
  type PageStatus,
} from "./crawl-result.js";
import type { ParsedPageStore } from "./page-cache.js";
import type { PageOutcome, PageVia } from "./polite-fetcher.js";
import { parsePageOrReuse } from "./reuse-parsed-page.js";
import type { PageTask, ParsedPage, SiteProfile } from "./site-profile.js";

export type { CrawledRecord, CrawlResult, PageProblem } from "./crawl-result.js";

export interface CrawlProgress {
  done: number;
  queued: number;
  task: PageTask;
  outcome: PageStatus;
  via?: PageVia;
}

export interface CrawlSiteOptions {
  profile: SiteProfile;
  fetchPage: (url: string) => Promise<PageOutcome>;
  startUrl: string;
  /** Only follow links into these groups (e.g. ISO country codes). */
  groups?: ReadonlySet<string>;
  /** Stop scheduling pages after this many. */
  maxPages?: number;
  concurrency: number;
  signal?: AbortSignal;
  onProgress?: (progress: CrawlProgress) => void;
  /** Reuse parses of unchanged pages from an earlier run. */
  parsedStore?: ParsedPageStore;
}

export async function crawlSite(options: CrawlSiteOptions): Promise<CrawlResult> {
  const { profile, signal } = options;
  const limit = pLimit(options.concurrency);
  const result = emptyCrawlResult();
  const seen = new Set<string>();
  const badLinks = new Set<string>();
  const running: Promise<void>[] = [];
  let done = 0;
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;

  const schedule = (task: PageTask, from?: string): void => {
    if (options.groups && task.group !== "" && !options.groups.has(task.group)) return;
    const url = URL.parse(task.url);
    // A malformed link is one problem; the page's other links go on.
    if (!url) return recordBadLink(result, badLinks, task, from);
    const key = url.href;
    if (seen.has(key)) return;
    if (seen.size >= maxPages) {
      result.overBudget += 1;
      return;
    }
    seen.add(key);
    running.push(limit(() => visit(task)));
  };

  const visit = async (task: PageTask): Promise<void> => {
    if (signal?.aborted) {
      result.interrupted = true;
      return;
    }
    const outcome = await options.fetchPage(task.url);
    const index = ++done;
    const report = (status: PageStatus, via?: PageVia) =>
      options.onProgress?.({
        done: index,
        queued: seen.size,
        task,
        outcome: status,
        ...(via ? { via } : {}),
      });
    if (!outcome.ok) {
      recordFetchFailure(result, task, outcome);
      report(outcome.skipped ? "skipped" : "failed");
      return;
    }
    result.pages[outcome.via] += 1;
    const page = await readPage(options, task, outcome, result);
    for (const link of page.links) schedule(link, outcome.finalUrl);
    report(page.status, outcome.via);
  };

  schedule(profile.startTask(options.startUrl));
  // Visits schedule more visits; wait until the list stops growing.
  let settled = 0;
  while (settled < running.length) {
    const batch = running.slice(settled);
    settled += batch.length;
    await Promise.all(batch);
  }
  if (signal?.aborted) result.interrupted = true;
  sortCrawlResult(result);
  return result;
}

/** A fetched page parsed (or its parse reused) and recorded; a page that cannot be read has failed. */
async function readPage(
  options: CrawlSiteOptions,
  task: PageTask,
  outcome: PageOutcome & { ok: true },
  result: CrawlResult,
): Promise<{ status: PageStatus; links: PageTask[] }> {
  let parsed: ParsedPage;
  try {
    parsed = await parsePageOrReuse(options, task, outcome);
  } catch (e) {
    const code = isOutreachError(e) ? e.code : "E_CRAWL_PARSE";
    result.failures.push(
      pageProblem(task, code, `page could not be read or parsed: ${(e as Error).message}`),
    );
    return { status: "failed", links: [] };
  }
  return { status: recordParsedPage(result, task, outcome, parsed, options.groups), links: parsed.links };
}
