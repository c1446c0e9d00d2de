/**
 * Directory crawl, the walk. Input: a site profile, a page getter (the polite fetcher), a start URL,
 * optional group filter and page budget. Output: every record with the page it came from, the
 * failures and skips with reasons, fetch counts. Effects: none of its own (all I/O is in `fetchPage`).
 */
import { createHash } from "node:crypto";
import pLimit from "p-limit";
import { isOutreachError } from "../../core/errors.js";
import type { ErrorCode } from "../../core/error-codes.js";
import type { ParsedPageStore } from "./page-cache.js";
import { readParsedPage } from "./parsed-page-schema.js";
import type { PageOutcome, PageVia } from "./polite-fetcher.js";
import type { PageTask, ParsedPage, ProfileRecord, SiteProfile } from "./site-profile.js";

export interface CrawledRecord extends ProfileRecord {
  sourceUrl: string;
  /** When the page's content was last confirmed with the site, ms since the epoch. */
  confirmedAt: number;
}

export interface PageProblem {
  url: string;
  level: string;
  group: string;
  code: ErrorCode;
  reason: string;
}

export interface CrawlProgress {
  done: number;
  queued: number;
  task: PageTask;
  outcome: "ok" | "failed" | "skipped";
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

export interface CrawlResult {
  records: CrawledRecord[];
  failures: PageProblem[];
  skipped: PageProblem[];
  warnings: { url: string; message: string }[];
  groups: Map<string, string>;
  pages: { download: number; "not-modified": number; cache: number };
  /** Links not followed because the page budget ran out. */
  overBudget: number;
  interrupted: boolean;
}

export async function crawlSite(options: CrawlSiteOptions): Promise<CrawlResult> {
  const { profile, signal } = options;
  const limit = pLimit(options.concurrency);
  const result: CrawlResult = {
    records: [],
    failures: [],
    skipped: [],
    warnings: [],
    groups: new Map(),
    pages: { download: 0, "not-modified": 0, cache: 0 },
    overBudget: 0,
    interrupted: false,
  };
  const seen = new Set<string>();
  const running: Promise<void>[] = [];
  let done = 0;
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;

  const badLinks = new Set<string>();
  const schedule = (task: PageTask, from?: string): void => {
    if (options.groups && task.group !== "" && !options.groups.has(task.group)) return;
    const url = URL.parse(task.url);
    if (!url) {
      // One problem per malformed link, however often it appears; the page's other links go on.
      if (!badLinks.has(task.url)) {
        badLinks.add(task.url);
        result.failures.push({
          url: task.url,
          level: task.level,
          group: task.group,
          code: "E_CRAWL_BAD_URL",
          reason: from ? `link on ${from} is not a valid URL` : "not a valid URL",
        });
      }
      return;
    }
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
    const problem = (code: ErrorCode, reason: string): PageProblem => ({
      url: task.url,
      level: task.level,
      group: task.group,
      code,
      reason,
    });
    if (!outcome.ok) {
      if (outcome.code === "E_CRAWL_ABORTED") result.interrupted = true;
      else (outcome.skipped ? result.skipped : result.failures).push(problem(outcome.code, outcome.reason));
      options.onProgress?.({
        done: index,
        queued: seen.size,
        task,
        outcome: outcome.skipped ? "skipped" : "failed",
      });
      return;
    }
    result.pages[outcome.via] += 1;
    let parsed: ParsedPage;
    try {
      parsed = await parsePage(options, task, outcome);
    } catch (e) {
      const code = isOutreachError(e) ? e.code : "E_CRAWL_PARSE";
      result.failures.push(problem(code, `page could not be read or parsed: ${(e as Error).message}`));
      options.onProgress?.({ done: index, queued: seen.size, task, outcome: "failed", via: outcome.via });
      return;
    }
    for (const g of parsed.groups ?? []) {
      if (!options.groups || options.groups.has(g.group)) result.groups.set(g.group, g.label);
    }
    if (task.group !== "" && !result.groups.has(task.group)) result.groups.set(task.group, task.groupLabel);
    for (const record of parsed.records) {
      result.records.push({ ...record, sourceUrl: outcome.finalUrl, confirmedAt: outcome.confirmedAt });
    }
    for (const message of parsed.warnings ?? []) result.warnings.push({ url: task.url, message });
    let status: CrawlProgress["outcome"] = "ok";
    if (parsed.loginRequired) {
      result.skipped.push(problem("E_CRAWL_LOGIN", "page asks for a login"));
      status = "skipped";
    } else if (parsed.layoutProblem !== undefined) {
      result.failures.push(problem("E_CRAWL_LAYOUT", parsed.layoutProblem));
      status = "failed";
    }
    for (const link of parsed.links) schedule(link, outcome.finalUrl);
    options.onProgress?.({ done: index, queued: seen.size, task, outcome: status, via: outcome.via });
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
  sortResult(result);
  return result;
}

/** Parse a page, or reuse the parse of the same content for the same task by the same profile version. */
async function parsePage(
  options: CrawlSiteOptions,
  task: PageTask,
  page: PageOutcome & { ok: true },
): Promise<ParsedPage> {
  const { profile, parsedStore } = options;
  const key = parsedStore
    ? createHash("sha256")
        .update(
          JSON.stringify([
            profile.name,
            profile.version,
            task.level,
            task.group,
            task.groupLabel,
            task.data,
            page.finalUrl,
            page.digest,
          ]),
        )
        .digest("hex")
        .slice(0, 40)
    : "";
  if (parsedStore && page.via !== "download") {
    const stored = readParsedPage(await parsedStore.read(key));
    if (stored) return stored;
  }
  const parsed = profile.parsePage(task, { url: page.finalUrl, html: await page.readHtml() });
  if (parsedStore) await parsedStore.write(key, parsed);
  return parsed;
}

/** Concurrency makes arrival order vary; the output must not. */
function sortResult(result: CrawlResult): void {
  const byUrl = (a: { url: string }, b: { url: string }) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
  result.failures.sort(byUrl);
  result.skipped.sort(byUrl);
  result.warnings.sort(byUrl);
  result.records.sort(
    (a, b) =>
      a.group.localeCompare(b.group) ||
      a.orgKey.localeCompare(b.orgKey) ||
      (a.kind === b.kind ? 0 : a.kind === "organisation" ? -1 : 1) ||
      a.sourceUrl.localeCompare(b.sourceUrl) ||
      (a.fields.name ?? "").localeCompare(b.fields.name ?? ""),
  );
}
