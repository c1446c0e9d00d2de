/**
 * `outreach directory crawl`: walk a site profile's pages politely, write `contacts/sources/<profile>-<date>.csv`
 * and merge it into the directory. The composition root for the crawler: builds the real HTTP fetcher.
 */
import { defaultConfig } from "../../config/config-schema.js";
import { InputError } from "../../core/errors.js";
import { isAllowedUrl } from "../../directory/crawl/allowed-hosts.js";
import type { CrawlProgress, PageProblem } from "../../directory/crawl/crawl-site.js";
import { createHttpPageFetcher } from "../../directory/crawl/page-fetcher.http.js";
import { ituProfile } from "../../directory/crawl/profiles/itu.js";
import { runCrawl, type CrawlReport } from "../../directory/crawl/run-crawl.fs.js";
import type { SiteProfile } from "../../directory/crawl/site-profile.js";
import type { CliContext } from "../context.js";
import { formatCsv, formatJson, formatTable, parseFormat } from "../output.js";
import type { CrawlFlags, CrawlProfileName } from "../definitions/directory-crawl.js";
import { VERSION } from "../version.js";
import {
  MAX_TIMER_MS,
  nonNegativeInt,
  nonNegativeNumber,
  parseCountryList,
  positiveInt,
} from "../options.js";

const PROFILES: Record<CrawlProfileName, SiteProfile> = { itu: ituProfile };

export async function runCrawlCommand(ctx: CliContext, flags: CrawlFlags): Promise<number> {
  const format = parseFormat(flags.format);
  const profile = PROFILES[flags.profile as CrawlProfileName] as SiteProfile | undefined;
  if (!profile) throw new InputError("E_CRAWL_PROFILE", `unknown profile "${flags.profile}"`);
  const { config } = await ctx.loadConfig();
  if (
    config.crawler.contactEmail === defaultConfig.crawler.contactEmail &&
    config.crawler.userAgent === undefined
  ) {
    ctx.stderr(
      `warning: crawler.contactEmail is the example address; set your own in config.json so site operators can reach you\n`,
    );
  }
  const crawler = {
    ...config.crawler,
    ...(flags.delay !== undefined ? { delayMs: nonNegativeInt("--delay", flags.delay, MAX_TIMER_MS) } : {}),
  };
  const startUrl = checkStartUrl(flags.start ?? profile.defaultStartUrl, crawler.allowedHosts);
  const fetcher = createHttpPageFetcher({ connectionsPerOrigin: crawler.concurrency });
  const progress = progressPrinter(ctx);
  let report: CrawlReport;
  try {
    report = await runCrawl({
      workspace: ctx.workspace,
      config: crawler,
      fetcher,
      clock: ctx.clock,
      profile,
      version: VERSION,
      startUrl,
      ...(flags.country !== undefined
        ? { countries: new Set(parseCountryList(flags.country, "E_CRAWL_COUNTRY")) }
        : {}),
      ...(flags.maxPages !== undefined ? { maxPages: positiveInt("--max-pages", flags.maxPages) } : {}),
      reuseWithinMs: nonNegativeNumber("--max-age", flags.maxAge) * 3_600_000,
      dryRun: flags.dryRun ?? false,
      reparse: flags.reparse ?? false,
      signal: ctx.signal,
      onProgress: progress.update,
    });
  } finally {
    progress.end();
    await fetcher.close?.();
  }
  printReport(ctx, report, format);
  return report.failures.length > 0 || report.import.rejected > 0 ? 1 : 0;
}

/**
 * The crawl's progress on stderr: on a terminal, a bar of pages done and failed; otherwise the page just
 * read, at most every 10 s. A page that failed or was skipped is also printed on a line of its own.
 */
function progressPrinter(ctx: CliContext): { update: (p: CrawlProgress) => void; end: () => void } {
  const progress = ctx.progress();
  let failed = 0;
  return {
    update: (p) => {
      if (p.outcome === "failed") failed += 1;
      if (p.outcome !== "ok") ctx.stderr(`${describePage(p)}\n`);
      progress.update({
        line: describePage(p),
        terminalLine: `${p.done}/${p.queued} pages, ${failed} failed`,
        fraction: p.done / Math.max(1, p.queued),
      });
    },
    end: () => progress.end(),
  };
}

/** `[12/40] SN ministry download https://…`: the page's place in the crawl, its level and how it was read. */
function describePage(p: CrawlProgress): string {
  const where = p.task.group ? `${p.task.group} ${p.task.level}` : p.task.level;
  const how = p.outcome === "ok" ? (p.via ?? "") : p.outcome;
  return `[${p.done}/${p.queued}] ${where} ${how} ${p.task.url}`;
}

function printReport(ctx: CliContext, report: CrawlReport, format: "table" | "csv" | "json"): void {
  if (format === "json") {
    ctx.stdout(formatJson(report));
    return;
  }
  const headers = ["country", "name", "ministries", "people", "emails", "pages_failed"];
  const rows = report.summary.map((s) => [s.group, s.label, s.ministries, s.people, s.emails, s.pagesFailed]);
  if (format === "csv") {
    ctx.stdout(formatCsv(headers, rows));
  } else {
    ctx.stdout(formatTable(headers, rows));
    const totals = report.summary.reduce(
      (t, s) => ({ m: t.m + s.ministries, p: t.p + s.people, e: t.e + s.emails }),
      { m: 0, p: 0, e: 0 },
    );
    ctx.stdout(
      `\n${report.summary.length} countries, ${totals.m} ministries, ${totals.p} people, ${totals.e} emails\n`,
    );
  }
  const e = ctx.stderr;
  const { pages, requests } = report;
  e(
    `pages: ${pages.download} downloaded, ${pages["not-modified"]} unchanged (304), ${pages.cache} reused from cache; ${requests.requests} requests, ${requests.retries} retries\n`,
  );
  if (report.overBudget > 0) e(`--max-pages reached: ${report.overBudget} link(s) not followed\n`);
  if (report.withoutPeople.length > 0)
    e(`no person-level data (ministry rows only): ${report.withoutPeople.join(", ")}\n`);
  listProblems(e, "failed", report.failures);
  listProblems(e, "skipped", report.skipped);
  for (const w of report.warnings) e(`warning: ${w.url}: ${w.message}\n`);
  const imp = report.import;
  e(
    `${report.file}: ${report.rows} row(s); directory ${imp.dryRun ? "(dry run) " : ""}${imp.added} added, ${imp.updated} updated, ${imp.unchanged} unchanged, ${imp.rejected} rejected\n`,
  );
  for (const p of imp.problems) e(`  ${p.file ?? ""}:${p.line ?? ""} ${p.field ?? ""}: ${p.message}\n`);
}

function listProblems(e: (t: string) => void, what: string, list: readonly PageProblem[]): void {
  if (list.length === 0) return;
  e(`${list.length} page(s) ${what}:\n`);
  for (const p of list) e(`  ${p.group || "-"} ${p.url} [${p.code}] ${p.reason}\n`);
}

/**
 * `--start` (or the profile's default) must be an http(s) URL on an allowed host. Refused before any
 * request, robots.txt included, rather than reported later as a failed page.
 */
function checkStartUrl(startUrl: string, allowedHosts: readonly string[]): string {
  const start = URL.parse(startUrl);
  if (!start) throw new InputError("E_CRAWL_START", `--start "${startUrl}" is not a URL`);
  if (isAllowedUrl(start, allowedHosts)) return startUrl;
  const why =
    start.protocol === "http:" || start.protocol === "https:"
      ? `host ${start.host} is not in crawler.allowedHosts`
      : "only http and https URLs are crawled";
  throw new InputError("E_CRAWL_START", `--start ${start.href}: ${why}`, {
    hint: `allowed hosts: ${allowedHosts.join(", ") || "(none)"}; add the host to crawler.allowedHosts in config.json to crawl it`,
  });
}
