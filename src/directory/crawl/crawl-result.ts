/**
 * What a crawl found, kept as pages arrive: every record with the page it came from, failures and skips
 * with reasons, the groups seen, page counts. Input: one page's fetch outcome or parse at a time.
 * Output: the result, sorted at the end so that concurrency does not change it. Pure.
 */
import type { ErrorCode } from "../../core/error-codes.js";
import type { PageOutcome } from "./polite-fetcher.js";
import type { PageTask, ParsedPage, ProfileRecord } from "./site-profile.js";

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

/** How one page went, as progress reports it. */
export type PageStatus = "ok" | "failed" | "skipped";

export function emptyCrawlResult(): CrawlResult {
  return {
    records: [],
    failures: [],
    skipped: [],
    warnings: [],
    groups: new Map(),
    pages: { download: 0, "not-modified": 0, cache: 0 },
    overBudget: 0,
    interrupted: false,
  };
}

export function pageProblem(task: PageTask, code: ErrorCode, reason: string): PageProblem {
  return { url: task.url, level: task.level, group: task.group, code, reason };
}

/** One problem per malformed link, however often it appears (`reported` remembers them). */
export function recordBadLink(
  result: CrawlResult,
  reported: Set<string>,
  task: PageTask,
  from: string | undefined,
): void {
  if (reported.has(task.url)) return;
  reported.add(task.url);
  result.failures.push(
    pageProblem(task, "E_CRAWL_BAD_URL", from ? `link on ${from} is not a valid URL` : "not a valid URL"),
  );
}

/** A page not fetched: skipped on purpose, failed, or (interrupted) neither. */
export function recordFetchFailure(
  result: CrawlResult,
  task: PageTask,
  outcome: PageOutcome & { ok: false },
): void {
  if (outcome.code === "E_CRAWL_ABORTED") result.interrupted = true;
  else
    (outcome.skipped ? result.skipped : result.failures).push(
      pageProblem(task, outcome.code, outcome.reason),
    );
}

/**
 * A parsed page's groups (those the crawl is limited to), records, warnings and problems. Returns how
 * the page went: a login page is skipped, a page in an unexpected layout failed.
 */
export function recordParsedPage(
  result: CrawlResult,
  task: PageTask,
  page: { finalUrl: string; confirmedAt: number },
  parsed: ParsedPage,
  groups: ReadonlySet<string> | undefined,
): PageStatus {
  for (const g of parsed.groups ?? []) {
    if (!groups || groups.has(g.group)) result.groups.set(g.group, g.label);
  }
  if (task.group !== "" && !result.groups.has(task.group)) result.groups.set(task.group, task.groupLabel);
  for (const record of parsed.records) {
    result.records.push({ ...record, sourceUrl: page.finalUrl, confirmedAt: page.confirmedAt });
  }
  for (const message of parsed.warnings ?? []) result.warnings.push({ url: task.url, message });
  if (parsed.loginRequired) {
    result.skipped.push(pageProblem(task, "E_CRAWL_LOGIN", "page asks for a login"));
    return "skipped";
  }
  if (parsed.layoutProblem !== undefined) {
    result.failures.push(pageProblem(task, "E_CRAWL_LAYOUT", parsed.layoutProblem));
    return "failed";
  }
  return "ok";
}

/** Concurrency makes arrival order vary; the output must not. */
export function sortCrawlResult(result: CrawlResult): void {
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
