/**
 * `outreach translations export|import|status|approve`: the PO round trip with national partners. Text
 * for people by default; `--format json` prints one object on stdout and the text on stderr.
 */
import { relative } from "node:path";
import { formatProblem, type Problem } from "../../core/errors.js";
import { exportTranslation } from "../../translations/export-translation.fs.js";
import { importTranslation, type ImportResult } from "../../translations/import-translation.fs.js";
import {
  approveTranslation,
  describeStale,
  translationsStatus,
} from "../../translations/review-translations.fs.js";
import type { LanguageStatus } from "../../translations/translation-status.js";
import type { CliContext } from "../context.js";
import type {
  TranslationsApproveOptions,
  TranslationsExportOptions,
  TranslationsImportOptions,
  TranslationsStatusOptions,
} from "../definitions/translations.js";
import { EXIT_CODES } from "../exit-codes.js";
import { formatJson, formatTable } from "../output.js";

const isError = (p: Problem) => (p.severity ?? "error") === "error";

export async function runTranslationsExport(
  ctx: CliContext,
  campaign: string,
  options: TranslationsExportOptions,
): Promise<number> {
  const r = await exportTranslation(ctx.workspace, campaign, options, ctx.clock);
  const shown = relative(process.cwd(), r.file) || r.file;
  const human = options.format === "json" ? ctx.stderr : ctx.stdout;
  const c = r.counts;
  human(
    `${shown}: ${r.segments} segment(s) in ${r.language}` +
      (r.newLetter
        ? ` (a new letter: every segment to translate)\n`
        : `: ${c.current} current, ${c.changed} changed since translated (marked fuzzy), ${c.new} new, ${c.untracked} untracked\n`),
  );
  human(`send it to the translator; when it comes back: outreach translations import ${campaign} ${shown}\n`);
  if (options.format === "json") ctx.stdout(formatJson({ command: "translations export", campaign, ...r }));
  return EXIT_CODES.success;
}

export async function runTranslationsImport(
  ctx: CliContext,
  campaign: string,
  file: string,
  options: TranslationsImportOptions,
): Promise<number> {
  const r = await importTranslation(ctx.workspace, campaign, file, options);
  for (const p of r.problems) ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
  const human = options.format === "json" ? ctx.stderr : ctx.stdout;
  human(importSummary(r));
  if (options.format === "json") {
    ctx.stdout(
      formatJson({
        command: "translations import",
        campaign,
        ...r,
        rejected: r.problems.filter(isError).map((p) => p.field),
        problems: r.problems.map((p) => ({ ...p, severity: p.severity ?? "error" })),
      }),
    );
  }
  return r.problems.some(isError) ? EXIT_CODES.finishedWithFailures : EXIT_CODES.success;
}

function importSummary(r: ImportResult): string {
  const rejected = r.problems.filter(isError).length;
  const lines = [
    `${r.language}${r.newLetter ? " (new letter)" : ""}: ${r.imported.length} segment(s) imported, ${rejected} rejected, ${r.missing.length} not translated in ${r.file}`,
  ];
  const kept = r.missing.filter((m) => !r.sourceText.includes(m.id));
  if (kept.length)
    lines.push(
      `  not translated (the current translation is kept): ` +
        kept.map((m) => (m.reason === "fuzzy" ? `${m.id} (fuzzy)` : m.id)).join(", "),
    );
  if (r.sourceText.length)
    lines.push(`  not translated (the source text stands in): ${r.sourceText.join(", ")}`);
  if (r.restructured)
    lines.push(`  the source letter's structure changed: the ${r.language} letter was rebuilt on it`);
  lines.push(r.written.length ? `  written: ${r.written.join(", ")}` : "  nothing changed on disk");
  return lines.join("\n") + "\n";
}

export async function runTranslationsStatus(
  ctx: CliContext,
  campaign: string,
  options: TranslationsStatusOptions,
): Promise<number> {
  const r = await translationsStatus(ctx.workspace, campaign, options);
  if (options.format === "json") {
    ctx.stdout(formatJson({ command: "translations status", campaign, ...r }));
    return EXIT_CODES.success;
  }
  ctx.stdout(
    formatTable(
      ["language", "current", "changed", "new", "gone", "untracked", "approved"],
      r.languages.map((s) => [
        s.language,
        s.counts.current,
        s.counts.changed,
        s.counts.new,
        s.counts.gone,
        s.counts.untracked,
        approvalCell(s),
      ]),
    ),
  );
  for (const s of r.languages)
    if (s.stale.length)
      ctx.stdout(`${s.language}: out of date with ${r.sourceLanguage}: ${describeStale(s, 50)}\n`);
  return EXIT_CODES.success;
}

function approvalCell(s: LanguageStatus): string {
  if (!s.approved) return "no";
  const who = `${s.approved.by}, ${s.approved.at.slice(0, 10)}`;
  return s.approvalCurrent ? who : `stale (${who})`;
}

export async function runTranslationsApprove(
  ctx: CliContext,
  campaign: string,
  options: TranslationsApproveOptions,
): Promise<number> {
  const by = options.by ?? ctx.env.USER ?? ctx.env.USERNAME ?? "unknown";
  const r = await approveTranslation(ctx.workspace, campaign, { lang: options.lang, by }, ctx.clock);
  const human = options.format === "json" ? ctx.stderr : ctx.stdout;
  human(
    `${r.language}: approved by ${r.approval.by} at ${r.approval.at} (source ${r.approval.source}, translation ${r.approval.translation})` +
      (r.refreshed.length ? `; now current: ${r.refreshed.join(", ")}` : "") +
      "\n",
  );
  if (options.format === "json") ctx.stdout(formatJson({ command: "translations approve", campaign, ...r }));
  return EXIT_CODES.success;
}
