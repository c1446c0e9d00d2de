/**
 * Small CSV files (reference data, signatories, partner returns) read whole with csv-parse: a header and
 * records, each with the line it starts on, so every problem can be reported as `file:line field`.
 */
import { parse } from "csv-parse/sync";
import type { Problem } from "./errors.js";

export interface CsvTableRecord {
  /** 1-based line the record starts on (a quoted field may span several lines). */
  line: number;
  values: string[];
}

export type CsvTable =
  { ok: true; header: string[]; records: CsvTableRecord[] } | { ok: false; problem: Problem };

/** Pure: parse CSV text. Blank rows are left out; a malformed file is one problem with its line. */
export function parseCsvTable(text: string, file: string, options: { trim?: boolean } = {}): CsvTable {
  let raw: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` csv-parse returns { record, info } objects; its typings only know string[][].
    raw = parse(text.replace(/^\ufeff/, ""), {
      info: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: options.trim ?? false,
    }) as unknown as typeof raw;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return {
      ok: false,
      problem: { file, ...(line ? { line } : {}), message: `not valid CSV: ${(e as Error).message}` },
    };
  }
  const header = (raw[0]?.record ?? []).map((h) => h.trim());
  const records: CsvTableRecord[] = [];
  let previousEnd = raw[0]?.info.lines ?? 1;
  for (const item of raw.slice(1)) {
    const line = previousEnd + 1;
    previousEnd = item.info.lines;
    if (item.record.every((v) => v.trim() === "")) continue;
    records.push({ line, values: item.record });
  }
  return { ok: true, header, records };
}
