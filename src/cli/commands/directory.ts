/** `outreach directory import | check | list`: build and inspect the contact directory. */
import { isAbsolute, relative, resolve } from "node:path";
import { InputError, formatProblem, type Problem } from "../../core/errors.js";
import { workspacePaths } from "../../core/workspace.js";
import { CONTACT_STATUSES, DIRECTORY_COLUMNS, type Contact } from "../../contacts/contact-schema.js";
import { sortContacts } from "../../contacts/directory-rows.js";
import { readDirectory } from "../../contacts/directory-store.fs.js";
import { readMemberStates } from "../../contacts/member-states.fs.js";
import {
  checkDirectory,
  SEVERITIES,
  type CheckResult,
  type Finding,
  type Severity,
} from "../../contacts/check-directory.js";
import {
  selectFindings,
  summariseFindings,
  type FindingSelection,
} from "../../contacts/summarise-findings.js";
import { ENCODINGS, type EncodingOption } from "../../directory/decode-bytes.js";
import { importDirectoryFile, type ImportReport } from "../../directory/import-directory.fs.js";
import type { CliContext } from "../context.js";
import { EXIT_CODES } from "../exit-codes.js";
import { formatCsv, formatJson, formatTable, parseFormat, type OutputFormat } from "../output.js";
import type { CheckOptions, ImportOptions, ListOptions } from "../definitions/directory.js";
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

export async function runCheck(ctx: CliContext, opts: CheckOptions): Promise<number> {
  const fmt = parseFormat(opts.format);
  const selection = checkSelection(opts);
  const paths = workspacePaths(ctx.workspace);
  const [directory, memberStates] = await Promise.all([
    readDirectory(paths.directory),
    readMemberStates(paths.memberStates),
  ]);
  const checked = checkDirectory(directory.contacts, memberStates, directory.problems, directory.lines);
  const findings = selectFindings(checked.findings, selection);
  // json and csv are for scripts: every finding of the selection, never folded.
  if (fmt === "json") ctx.stdout(formatJson({ ...checked, findings }));
  else printCheck(ctx, checked, findings, fmt === "csv" ? "csv" : opts.all ? "all" : "summary");
  const errors = findings.some((f) => f.severity === "error");
  return errors ? EXIT_CODES.finishedWithFailures : EXIT_CODES.success;
}

const CHECK_COLUMNS = ["severity", "kind", "country", "id", "line", "message"];

/** The selected findings as CSV, a table of all of them, or a table that folds the repeated ones. */
function printCheck(
  ctx: CliContext,
  checked: CheckResult,
  findings: readonly Finding[],
  as: "csv" | "all" | "summary",
): void {
  const lines = as === "summary" ? summariseFindings(findings) : findings.map((f) => ({ finding: f }));
  const rows = lines.map((l) =>
    "finding" in l
      ? [
          l.finding.severity,
          l.finding.kind,
          l.finding.country,
          l.finding.id,
          l.finding.line ?? "",
          l.finding.message,
        ]
      : [l.group.severity, l.group.kind, "", "", "", `${l.group.message} — \`--all\` lists them`],
  );
  if (as === "csv") ctx.stdout(formatCsv(CHECK_COLUMNS, rows));
  else if (rows.length > 0) ctx.stdout(formatTable(CHECK_COLUMNS, rows));
  const s = checked.summary;
  const total = checked.findings.length;
  const shown = findings.length < total ? `; ${findings.length} of ${total} finding(s) shown` : "";
  ctx.stderr(
    `${s.contacts} contact(s); ${s.memberStatesWithContact} of ${s.memberStates} member states have a contact; ` +
      `${s.errors} error(s), ${s.warnings} warning(s), ${s.notes} note(s)${shown}\n`,
  );
}

/** `--severity` and `--country` of `directory check`; a bad value is a usage error. */
function checkSelection(opts: CheckOptions): FindingSelection {
  const { severity } = opts;
  if (severity !== undefined && !(SEVERITIES as readonly string[]).includes(severity)) {
    throw new InputError("E_USAGE", `--severity must be one of ${SEVERITIES.join(", ")}, not "${severity}"`);
  }
  const countries = parseCountryList(opts.country);
  return {
    ...(severity !== undefined ? { severity: severity as Severity } : {}),
    ...(countries ? { countries } : {}),
  };
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
