/**
 * Imported CSV text to contact patches (pure, one pass over the text): sniff the delimiter, map the
 * header, validate every row and hand each valid one to `onPatch` (the merger) as it is parsed; keep
 * every rejected row with its line and reasons for the report and the rejects file.
 */
import { InputError, type Problem } from "../core/errors.js";
import { CsvSyntaxError, forEachCsvRecord, type CsvRecord } from "../core/csv-read.js";
import { restoreCsvCells } from "../core/csv-write.js";
import { mapHeader, type ImportField } from "./header-map.js";
import { sniffDelimiter, type Delimiter } from "./sniff-delimiter.js";
import type { MergeNotes } from "../contacts/merge-contacts.js";
import type { ContactPatch } from "../contacts/contact-patch.js";
import { makeCountryResolver, validateRow, type RowValues } from "./validate-row.js";

export interface RejectedRow {
  line: number;
  /** The row's cells as read, for the rejects file. */
  record: string[];
  problems: Problem[];
}

export interface ImportRows {
  header: string[];
  fields: (ImportField | undefined)[];
  delimiter: Delimiter;
  rejected: RejectedRow[];
  warnings: Problem[];
  /** Data rows read (not counting the header and blank rows). */
  rows: number;
  blank: number;
  /** Rows combined into an earlier row of the same file (the same contact or the same shared mailbox). */
  duplicates: number;
}

export interface CollectOptions {
  /** File name shown in problems. */
  file: string;
  map?: Record<string, string>;
  /** Source written on rows that do not name their own (`manual` rows keep `manual`). */
  source: string;
  /** Import time, written as `retrieved_at` where a row gives none. */
  now: Date;
  /**
   * Receives each valid row as a patch, in file order, as it is parsed (nothing is held for the whole
   * file); returns what the report must say when this row was more than a plain merge: combined with an
   * earlier row (a duplicate), warnings, or rejected (it was not merged: the row goes to the rejects).
   */
  onPatch: (patch: ContactPatch, line: number) => MergeNotes | undefined;
  /** Called with the number of records read after every PROGRESS_EVERY of them (long imports). */
  onProgress?: (recordsRead: number) => void;
  /** A header with no data rows is a result (0 rows), not E_CSV_EMPTY: for files the tool wrote itself. */
  allowHeaderOnly?: boolean;
}

/** How often onProgress is called: a 100,000-row file reports ten times. */
export const PROGRESS_EVERY = 10_000;

export async function collectImportRows(text: string, options: CollectOptions): Promise<ImportRows> {
  const { file } = options;
  const delimiter = sniffDelimiter(text);
  const retrievedAt = options.now.toISOString();
  const resolve = makeCountryResolver();
  const rejected: RejectedRow[] = [];
  const warnings: Problem[] = [];
  let header: string[] | undefined;
  let fields: (ImportField | undefined)[] = [];
  let rows = 0;
  let blank = 0;
  let duplicates = 0;
  let read = 0;

  const takeRecord = ({ fields: cells, line, malformed }: CsvRecord): void => {
    // Files the tool wrote (rejects, crawl output, directory.csv) neutralise formula-like cells with a
    // leading `'`; reading them back gives the original value.
    const record = restoreCsvCells(cells);
    if (header === undefined) {
      if (record.every((c) => c.trim() === "")) return; // blank lines above the header
      header = record.map((h) => h.trim());
      fields = mapImportHeader(header, options.map ?? {}, file, line, warnings);
      return;
    }
    read += 1;
    if (read % PROGRESS_EVERY === 0) options.onProgress?.(read);
    if (record.length === 1 && record[0] === "") {
      blank += 1;
      return;
    }
    const shapeProblem = recordShapeProblem(record, header.length, malformed, file, line);
    if (shapeProblem !== undefined) {
      rows += 1;
      rejected.push({ line, record, problems: [shapeProblem] });
      return;
    }
    const result = validateRow(rowValues(fields, record), file, line, resolve);
    if (result.kind === "blank") {
      blank += 1;
      return;
    }
    rows += 1;
    if (result.kind === "rejected") {
      rejected.push({ line, record, problems: result.problems });
      return;
    }
    if (result.warnings.length > 0) warnings.push(...result.warnings);
    const patch = result.patch;
    patch.source ??= options.source;
    patch.retrieved_at ??= retrievedAt;
    const notes = options.onPatch(patch, line);
    if (notes === undefined) return;
    if (notes.rejected) rejected.push({ line, record, problems: notes.rejected });
    else if (notes.duplicateOf !== undefined) duplicates += 1;
    if (notes.warnings) warnings.push(...notes.warnings);
  };

  readCsvRecords(text, delimiter, file, takeRecord);
  // Yield once so a caller's progress output or signal handling gets a turn on very large files.
  await Promise.resolve();
  if (header === undefined) throw new InputError("E_CSV_EMPTY", `${file} has no header row`);
  // A header only is almost always the wrong file (an empty export, a template): say so, change nothing.
  if (rows === 0 && !options.allowHeaderOnly)
    throw new InputError("E_CSV_EMPTY", `${file} has a header row but no data rows; nothing was imported`);
  return { header, fields, delimiter, rejected, warnings, rows, blank, duplicates };
}

/**
 * The field of each header column; the header's warnings are added to `warnings`. A header that
 * cannot be used (E_CSV_HEADER) stops the import.
 */
function mapImportHeader(
  header: string[],
  map: Record<string, string>,
  file: string,
  line: number,
  warnings: Problem[],
): (ImportField | undefined)[] {
  const mapping = mapHeader(header, map, file);
  for (const p of mapping.problems) p.line = line;
  const errors = mapping.problems.filter((p) => (p.severity ?? "error") === "error");
  if (errors.length > 0) {
    throw new InputError("E_CSV_HEADER", `${file}: the header row cannot be used`, {
      problems: errors,
      hint: 'name the columns with --map "Heading=field" (fields: country, email, name, organisation, ...)',
    });
  }
  warnings.push(...mapping.problems);
  return mapping.fields;
}

/** Why a record cannot be read as a row at all: a quoting error, or more non-empty cells than headings. */
function recordShapeProblem(
  record: string[],
  headerLength: number,
  malformed: string | undefined,
  file: string,
  line: number,
): Problem | undefined {
  if (malformed !== undefined) return { file, line, message: `not valid CSV: ${malformed}` };
  if (record.length > headerLength && record.slice(headerLength).some((c) => c.trim() !== "")) {
    return {
      file,
      line,
      message: `has ${record.length} fields but the header has ${headerLength} (an unquoted delimiter in a field?)`,
    };
  }
  return undefined;
}

/** The cell of each mapped column of a record, by field. */
function rowValues(fields: readonly (ImportField | undefined)[], record: readonly string[]): RowValues {
  const values: RowValues = {};
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field !== undefined) values[field] = record[i] ?? "";
  }
  return values;
}

/** Every record of the text to `onRecord`; an unclosed quote stops the import (E_CSV_PARSE). */
function readCsvRecords(
  text: string,
  delimiter: Delimiter,
  file: string,
  onRecord: (record: CsvRecord) => void,
): void {
  try {
    forEachCsvRecord(text, delimiter, onRecord);
  } catch (e) {
    if (e instanceof CsvSyntaxError) {
      throw new InputError(
        "E_CSV_PARSE",
        `${file}:${e.line}: not valid CSV: ${e.message}; nothing was imported`,
        { cause: e },
      );
    }
    throw e;
  }
}
