/**
 * Directory import, `outreach directory import <csv>`.
 * Input: a CSV file of contacts (any common header language, encoding and delimiter) and the workspace.
 * Output: an ImportReport (added / updated / unchanged / rejected, every problem as file:line field).
 * Effects: rewrites `contacts/directory.csv` atomically when something changed, and writes rejected rows
 * to `contacts/sources/<name>.rejects.csv` with an `error` column; `dryRun` writes nothing.
 * Other stages (the crawler) merge their results through `importDirectoryFile` too.
 */
import { readFile, rm } from "node:fs/promises";
import { basename, extname, join, relative } from "node:path";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import { formatCsvRows } from "../core/csv-write.js";
import { InputError, isOutreachError, OperationError, type Problem } from "../core/errors.js";
import { statRegularFile } from "../core/regular-file.fs.js";
import { workspacePaths } from "../core/workspace.js";
import type { Contact } from "../contacts/contact-schema.js";
import { readDirectory, writeDirectory, type FileWriter } from "../contacts/directory-store.fs.js";
import { decodeCsvBytes, type DecodedText, type EncodingOption } from "./decode-bytes.js";
import { collectImportRows, type ImportRows, type RejectedRow } from "./import-rows.js";
import type { CombinedValue, SharedMailboxNote } from "../contacts/describe-merge.js";
import { DirectoryMerger, type MergeResult } from "../contacts/merge-contacts.js";

export interface ImportOptions {
  workspace: string;
  /** The CSV file to import. */
  file: string;
  /** Provenance written on imported rows that do not name one; default: the file's name. */
  source?: string;
  /** Heading → field overrides (`--map`). */
  map?: Record<string, string>;
  dryRun?: boolean;
  /** Import time (retrieved_at for rows without one). */
  now: Date;
  encoding?: EncodingOption;
  /** How the file is named in problems (default: relative to the workspace, or as given). */
  label?: string;
  /** Replaceable file writer, used by tests to simulate a failing disk. */
  writer?: FileWriter;
  /** Progress of a long import: records read so far, every PROGRESS_EVERY (10,000) records. */
  onProgress?: (recordsRead: number) => void;
  /** Accept a file with a header and no rows (the crawler's output when it found nobody); else E_CSV_EMPTY. */
  allowHeaderOnly?: boolean;
}

export interface ImportReport {
  file: string;
  directory: string;
  source: string;
  encoding: string;
  delimiter: string;
  /** How each heading was understood (null = ignored). */
  columns: { heading: string; field: string | null }[];
  rows: number;
  blank: number;
  duplicates: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Rejected rows (errors) and warnings, in line order. */
  problems: Problem[];
  /** For every row combined with an earlier row: each value kept and dropped (also in `problems`). */
  combined: CombinedValue[];
  /** Rows that made or repeat a shared mailbox, with everyone the contact lists (also in `problems`). */
  sharedMailboxes: SharedMailboxNote[];
  rejectsFile: string | null;
  dryRun: boolean;
  /** True when directory.csv was rewritten. */
  written: boolean;
  addedIds: string[];
  updatedIds: string[];
}

/** The rejects file for an import: `contacts/sources/<input name>.rejects.csv`. */
export function rejectsPathFor(workspace: string, file: string): string {
  const name = basename(file, extname(file));
  return join(workspacePaths(workspace).sourcesDir, `${name}.rejects.csv`);
}

/** The rejected rows as CSV with the original columns plus `line` and `error`, ready to fix and re-import. */
export function formatRejects(header: readonly string[], rejected: readonly RejectedRow[]): string {
  const keep = header
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => !["line", "error"].includes(h.trim().toLowerCase()));
  const rows = rejected.map((r) => [
    ...keep.map(({ i }) => r.record[i] ?? ""),
    String(r.line),
    r.problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join("; "),
  ]);
  return formatCsvRows([[...keep.map(({ h }) => h), "line", "error"], ...rows]);
}

export async function importDirectoryFile(options: ImportOptions): Promise<ImportReport> {
  const paths = workspacePaths(options.workspace);
  const shownFile = options.label ?? displayPath(options.workspace, options.file);
  const decoded = await readAndDecode(options.file, shownFile, options.encoding ?? "auto");
  const source = options.source?.trim() || basename(options.file);
  const existing = await readValidDirectory(paths.directory);
  // Rows are merged as they are parsed: a 100,000-row file is never held as 100,000 patches.
  const merger = new DirectoryMerger(existing, { file: shownFile });
  const collected = await collectImportRows(decoded.text, {
    file: shownFile,
    source,
    now: options.now,
    onPatch: (patch, line) => merger.add(patch, line),
    ...(options.map ? { map: options.map } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.allowHeaderOnly ? { allowHeaderOnly: true } : {}),
  });
  const merged = merger.finish();
  const dryRun = options.dryRun ?? false;
  const { written, rejectsFile } = dryRun
    ? { written: false, rejectsFile: null }
    : await writeImportResults(options, paths.directory, merged, collected);

  return {
    file: shownFile,
    directory: paths.directory,
    source,
    encoding: decoded.encoding,
    delimiter: collected.delimiter === "\t" ? "tab" : collected.delimiter,
    columns: collected.header.map((heading, i) => ({ heading, field: collected.fields[i] ?? null })),
    rows: collected.rows,
    blank: collected.blank,
    duplicates: collected.duplicates,
    added: merged.added,
    updated: merged.updated,
    unchanged: merged.unchanged,
    rejected: collected.rejected.length,
    problems: importProblems(decoded, collected, shownFile),
    combined: merged.combined,
    sharedMailboxes: merged.sharedMailboxes,
    rejectsFile,
    dryRun,
    written,
    addedIds: merged.addedIds,
    updatedIds: merged.updatedIds,
  };
}

/** The directory's contacts; a directory with errors is fixed first (E_DIRECTORY_INVALID). */
async function readValidDirectory(directory: string): Promise<Contact[]> {
  const existing = await readDirectory(directory);
  const blocking = existing.problems.filter((p) => (p.severity ?? "error") === "error");
  if (blocking.length > 0) {
    throw new InputError(
      "E_DIRECTORY_INVALID",
      `${directory} has ${blocking.length} problem(s); fix them before importing (nothing was changed)`,
      {
        problems: blocking,
      },
    );
  }
  return existing.contacts;
}

/** Decoding warnings, header and row warnings and rejected rows' errors, in line order. */
function importProblems(decoded: DecodedText, collected: ImportRows, shownFile: string): Problem[] {
  return [
    ...decoded.warnings.map((message): Problem => ({ file: shownFile, message, severity: "warning" })),
    ...collected.warnings,
    ...collected.rejected.flatMap((r) => r.problems.map((p) => ({ ...p, severity: "error" as const }))),
  ].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/**
 * Write directory.csv when something was added or updated, and the rejects file when rows were
 * rejected (else remove a stale one); says what was written.
 */
async function writeImportResults(
  options: ImportOptions,
  directory: string,
  merged: MergeResult,
  collected: ImportRows,
): Promise<{ written: boolean; rejectsFile: string | null }> {
  const writer = options.writer ?? writeFileAtomic;
  let written = false;
  if (merged.added + merged.updated > 0) {
    try {
      await writeDirectory(directory, merged.contacts, writer);
    } catch (e) {
      throw new OperationError(
        "E_DIRECTORY_WRITE",
        `could not write ${directory}: ${(e as Error).message}; the previous directory is unchanged`,
        {
          cause: e,
        },
      );
    }
    written = true;
  }
  const rejectsPath = rejectsPathFor(options.workspace, options.file);
  if (collected.rejected.length > 0) {
    try {
      await writer(rejectsPath, formatRejects(collected.header, collected.rejected));
    } catch (e) {
      throw new OperationError(
        "E_REJECTS_WRITE",
        `could not write the rejects file ${rejectsPath}: ${(e as Error).message}` +
          (written ? " (the directory itself was updated)" : ""),
        { cause: e },
      );
    }
    return { written, rejectsFile: rejectsPath };
  }
  if (rejectsPath !== options.file) {
    // A stale rejects file from an earlier run would suggest rows are still rejected.
    await rm(rejectsPath, { force: true });
  }
  return { written, rejectsFile: null };
}

/** Read and decode in a function of its own, so the raw bytes can be collected before the merge. */
async function readAndDecode(
  file: string,
  shownFile: string,
  encoding: EncodingOption,
): Promise<DecodedText> {
  let bytes: Uint8Array;
  try {
    // A FIFO or a device (/dev/zero) would block or never end: refused before it is opened.
    await statRegularFile(file, shownFile);
    bytes = await readFile(file);
  } catch (e) {
    if (isOutreachError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      "E_IMPORT_READ",
      `cannot read ${file}: ${code === "ENOENT" ? "no such file" : (e as Error).message}`,
      { cause: e },
    );
  }
  return decodeCsvBytes(bytes, shownFile, encoding);
}

/** Paths inside the workspace are shown relative to it; others as given. */
function displayPath(workspace: string, file: string): string {
  const rel = relative(workspace, file);
  return rel && !rel.startsWith("..") && !rel.startsWith("/") ? rel : file;
}
