/**
 * Small CSV files (reference data, signatories, partner returns) read whole with the one CSV reader
 * (csv-read.ts): a header and records, each with the line it starts on, so every problem can be reported
 * as `file:line field`. Stricter than the big-file readers: a stray quote or text after a closing quote
 * makes the whole file invalid, as an unclosed quote does, since these files are short and hand-edited.
 */
import { CsvSyntaxError, forEachCsvRecord, type CsvRecord } from "./csv-read.js";
import type { Problem } from "./errors.js";

export interface CsvTableRecord {
  /** 1-based line the record starts on (a quoted field may span several lines). */
  line: number;
  values: string[];
}

export type CsvTable =
  { ok: true; header: string[]; records: CsvTableRecord[] } | { ok: false; problem: Problem };

function notValidCsv(file: string, line: number, reason: string): CsvTable {
  return { ok: false, problem: { file, line, message: `not valid CSV: ${reason}` } };
}

/**
 * Pure: parse CSV text (a leading byte-order mark is left out; `trim` leaves out the whitespace around
 * every field). Blank rows are left out; a malformed file is one problem with its line.
 */
export function parseCsvTable(text: string, file: string, options: { trim?: boolean } = {}): CsvTable {
  const rows: CsvRecord[] = [];
  try {
    forEachCsvRecord(text.replace(/^\ufeff/, ""), ",", (record) => rows.push(record), {
      trim: options.trim ?? false,
    });
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    return notValidCsv(file, e.line, e.message);
  }
  const bad = rows.find((r) => r.malformed !== undefined || r.strayQuote !== undefined);
  if (bad) return notValidCsv(file, bad.line, bad.malformed ?? bad.strayQuote ?? "");
  const header = (rows[0]?.fields ?? []).map((h) => h.trim());
  const records: CsvTableRecord[] = [];
  for (const { fields, line } of rows.slice(1)) {
    if (fields.every((v) => v.trim() === "")) continue;
    records.push({ line, values: fields });
  }
  return { ok: true, header, records };
}
