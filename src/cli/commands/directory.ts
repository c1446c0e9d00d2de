/** `outreach directory import | check | list`: build and inspect the contact directory. */
import { isAbsolute, relative, resolve } from "node:path";
import { InputError, formatProblem, type Problem } from "../../core/errors.js";
import { workspacePaths } from "../../core/workspace.js";
import { CONTACT_STATUSES, DIRECTORY_COLUMNS, type Contact } from "../../contacts/contact-schema.js";
import { sortContacts } from "../../contacts/directory-rows.js";
import { readDirectory } from "../../contacts/directory-store.fs.js";
import { readMemberStates } from "../../contacts/member-states.fs.js";
import { checkDirectory } from "../../contacts/check-directory.js";
import { ENCODINGS, type EncodingOption } from "../../directory/decode-bytes.js";
import { importDirectoryFile, type ImportReport } from "../../directory/import-directory.fs.js";
import type { CliContext } from "../context.js";
import { EXIT_CODES } from "../exit-codes.js";
import { formatCsv, formatJson, formatTable, parseFormat, type OutputFormat } from "../output.js";
import type { ImportOptions, ListOptions } from "../definitions/directory.js";
import { parseCountryList } from "../options.js";

/** A path relative to the current folder when it is inside it (shorter to read), else absolute. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

function problemLine(p: Problem): string {
  return `${p.severity === "warning" ? "warning: " : ""}${formatProblem(p)}`;
}

function printImportReport(ctx: CliContext, report: ImportReport, fmt: OutputFormat): void {
  if (fmt === "json") {
    ctx.stdout(formatJson(report));
    return;
  }
  const counts: [string, number][] = [
    ["added", report.added],
    ["updated", report.updated],
    ["unchanged", report.unchanged],
    ["rejected", report.rejected],
  ];
  if (fmt === "csv") {
    ctx.stdout(formatCsv(["outcome", "count"], counts));
  } else {
    ctx.stdout(formatTable(["outcome", "count"], counts));
  }
  for (const p of report.problems) ctx.stderr(`${problemLine(p)}\n`);
  const extra = [
    `${report.rows} row(s) read from ${report.file} (${report.encoding}, ${report.delimiter}-separated)`,
    report.duplicates ? `${report.duplicates} duplicate row(s) combined` : "",
    report.blank ? `${report.blank} blank row(s) skipped` : "",
  ].filter(Boolean);
  ctx.stderr(`${extra.join("; ")}\n`);
  if (report.rejectsFile)
    ctx.stderr(`rejected rows written to ${shown(report.rejectsFile)} (fix them and import that file)\n`);
  if (report.dryRun) ctx.stderr("dry run: nothing was written\n");
  else if (report.written) ctx.stderr(`directory updated: ${shown(report.directory)}\n`);
  else ctx.stderr("directory unchanged\n");
}

/**
 * Long imports (10,000+ rows) show progress on stderr: a line redrawn on a terminal, otherwise a plain
 * line at each report (the importer reports every 10,000 rows, so they are not throttled further).
 */
function importProgress(ctx: CliContext): { update: (records: number) => void; end: () => void } {
  const progress = ctx.progress({ plainEveryMs: 0 });
  return {
    update: (records) =>
      progress.update({
        line: `${records} rows read`,
        terminalLine: `${records.toLocaleString("en")} rows read`,
      }),
    end: () => progress.end(),
  };
}

export async function runImport(ctx: CliContext, csv: string, opts: ImportOptions): Promise<number> {
  const fmt = parseFormat(opts.format);
  if (!(ENCODINGS as readonly string[]).includes(opts.encoding)) {
    throw new InputError("E_USAGE", `--encoding must be one of ${ENCODINGS.join(", ")}`);
  }
  const progress = importProgress(ctx);
  const report = await importDirectoryFile({
    workspace: ctx.workspace,
    file: resolve(csv),
    label: csv,
    map: opts.map,
    dryRun: opts.dryRun ?? false,
    encoding: opts.encoding as EncodingOption,
    now: new Date(ctx.clock.now()),
    ...(opts.source !== undefined ? { source: opts.source } : {}),
    onProgress: progress.update,
  }).finally(progress.end);
  printImportReport(ctx, report, fmt);
  return report.rejected > 0 ? EXIT_CODES.finishedWithFailures : EXIT_CODES.success;
}

export async function runCheck(ctx: CliContext, opts: { format: string }): Promise<number> {
  const fmt = parseFormat(opts.format);
  const paths = workspacePaths(ctx.workspace);
  const [directory, memberStates] = await Promise.all([
    readDirectory(paths.directory),
    readMemberStates(paths.memberStates),
  ]);
  const checked = checkDirectory(directory.contacts, memberStates, directory.problems, directory.lines);
  if (fmt === "json") {
    ctx.stdout(formatJson(checked));
  } else {
    const headers = ["severity", "kind", "country", "id", "line", "message"];
    const rows = checked.findings.map((f) => [f.severity, f.kind, f.country, f.id, f.line ?? "", f.message]);
    ctx.stdout(fmt === "csv" ? formatCsv(headers, rows) : formatTable(headers, rows));
    const s = checked.summary;
    ctx.stderr(
      `${s.contacts} contact(s); ${s.memberStatesWithContact} of ${s.memberStates} member states have a contact; ` +
        `${s.errors} error(s), ${s.warnings} warning(s), ${s.notes} note(s)\n`,
    );
  }
  return checked.summary.errors > 0 ? EXIT_CODES.finishedWithFailures : EXIT_CODES.success;
}

const LIST_TABLE_COLUMNS = ["id", "country", "organisation", "name", "email", "status"] as const;

export async function runList(ctx: CliContext, opts: ListOptions): Promise<void> {
  const fmt = parseFormat(opts.format);
  if (opts.status !== undefined && !(CONTACT_STATUSES as readonly string[]).includes(opts.status)) {
    throw new InputError("E_USAGE", `--status must be one of ${CONTACT_STATUSES.join(", ")}`);
  }
  const countries = opts.country !== undefined ? new Set(parseCountryList(opts.country)) : undefined;
  const { contacts, problems } = await readDirectory(workspacePaths(ctx.workspace).directory);
  for (const p of problems) ctx.stderr(`warning: ${formatProblem(p)} (row skipped)\n`);
  const selected = sortContacts(contacts).filter(
    (c: Contact) => (!countries || countries.has(c.country)) && (!opts.status || c.status === opts.status),
  );
  if (fmt === "json") ctx.stdout(formatJson(selected));
  else if (fmt === "csv")
    ctx.stdout(
      formatCsv(
        DIRECTORY_COLUMNS,
        selected.map((c) => DIRECTORY_COLUMNS.map((k) => c[k])),
      ),
    );
  else {
    ctx.stdout(
      formatTable(
        LIST_TABLE_COLUMNS,
        selected.map((c) => LIST_TABLE_COLUMNS.map((k) => c[k])),
      ),
    );
    ctx.stderr(`${selected.length} contact(s)\n`);
  }
}
