/**
 * Imported CSV text to contact patches (pure, streaming over the text): sniff the delimiter, map the
 * header, validate every row, combine rows about the same contact, and keep every rejected row with its
 * line and reasons for the report and the rejects file.
 */
import { parse, type CsvError } from "csv-parse";
import { InputError, type Problem } from "../core/errors.js";
import { mapHeader, type ImportField } from "./header-map.js";
import { combinePatches, patchKey } from "./merge-contacts.js";
import { sniffDelimiter, type Delimiter } from "./sniff-delimiter.js";
import { makeCountryResolver, validateRow, type ContactPatch } from "./validate-row.js";

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
  /** One patch per contact named in the file (rows about the same contact combined). */
  patches: ContactPatch[];
  /** Lines of the rows behind each patch. */
  patchLines: number[][];
  rejected: RejectedRow[];
  warnings: Problem[];
  /** Data rows read (not counting the header and blank rows). */
  rows: number;
  blank: number;
  /** Rows combined into an earlier row of the same file. */
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
}

export async function collectImportRows(text: string, options: CollectOptions): Promise<ImportRows> {
  const { file } = options;
  const delimiter = sniffDelimiter(text);
  const retrievedAt = options.now.toISOString();
  const resolve = makeCountryResolver();
  const parser = parse({
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
  });
  const rejected: RejectedRow[] = [];
  const warnings: Problem[] = [];
  parser.on("skip", (err: CsvError) => {
    const line = (err as CsvError & { lines?: number }).lines ?? 0;
    rejected.push({ line, record: [], problems: [{ file, line, message: `not valid CSV: ${err.message}` }] });
  });
  // Feed the text in slices so the parser's buffers stay small on large files.
  const feed = async () => {
    const slice = 1 << 20;
    for (let i = 0; i < text.length; i += slice) {
      if (!parser.write(text.slice(i, i + slice))) await new Promise<void>((r) => parser.once("drain", () => r()));
    }
    parser.end();
  };
  const feeding = feed();

  let header: string[] | undefined;
  let fields: (ImportField | undefined)[] = [];
  const groups = new Map<string, number>();
  const patches: ContactPatch[] = [];
  const patchLines: number[][] = [];
  let rows = 0;
  let blank = 0;
  let duplicates = 0;
  let previousEnd = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = previousEnd + 1;
      previousEnd = item.info.lines;
      const record = item.record;
      if (header === undefined) {
        if (record.every((c) => c.trim() === "")) continue; // blank lines above the header
        header = record.map((h) => h.trim());
        const mapping = mapHeader(header, options.map ?? {}, file);
        for (const p of mapping.problems) p.line = line;
        const errors = mapping.problems.filter((p) => (p.severity ?? "error") === "error");
        if (errors.length > 0) {
          throw new InputError("E_CSV_HEADER", `${file}: the header row cannot be used`, {
            problems: errors,
            hint: 'name the columns with --map "Heading=field" (fields: country, email, name, organisation, ...)',
          });
        }
        warnings.push(...mapping.problems);
        fields = mapping.fields;
        continue;
      }
      if (record.length === 1 && record[0] === "") {
        blank += 1;
        continue;
      }
      rows += 1;
      if (record.length > header.length && record.slice(header.length).some((c) => c.trim() !== "")) {
        rejected.push({
          line,
          record,
          problems: [{ file, line, message: `has ${record.length} fields but the header has ${header.length} (an unquoted delimiter in a field?)` }],
        });
        continue;
      }
      const values = new Map<ImportField, string>();
      for (let i = 0; i < fields.length; i++) {
        const field = fields[i];
        if (field !== undefined) values.set(field, record[i] ?? "");
      }
      const result = validateRow(values, file, line, resolve);
      if (result.kind === "blank") {
        rows -= 1;
        blank += 1;
        continue;
      }
      if (result.kind === "rejected") {
        rejected.push({ line, record, problems: result.problems });
        continue;
      }
      warnings.push(...result.warnings);
      const patch = result.patch;
      patch.source ??= options.source;
      patch.retrieved_at ??= retrievedAt;
      const key = patchKey(patch);
      const at = groups.get(key);
      if (at === undefined) {
        groups.set(key, patches.length);
        patches.push(patch);
        patchLines.push([line]);
      } else {
        duplicates += 1;
        const lines = patchLines[at] ?? [];
        warnings.push({ file, line, message: `same contact as line ${lines[0] ?? "?"}; the rows were combined`, severity: "warning" });
        patches[at] = combinePatches(patches[at] ?? patch, patch);
        lines.push(line);
      }
    }
    await feeding;
  } catch (e) {
    parser.destroy();
    await feeding.catch(() => undefined);
    if (e instanceof InputError) throw e;
    const line = (e as { lines?: number }).lines;
    throw new InputError("E_CSV_PARSE", `${file}${line ? `:${line}` : ""}: not valid CSV: ${(e as Error).message}`, { cause: e });
  }
  if (header === undefined) throw new InputError("E_CSV_EMPTY", `${file} has no header row`);
  rejected.sort((a, b) => a.line - b.line);
  return { header, fields, delimiter, patches, patchLines, rejected, warnings, rows: rows + rejected.filter((r) => r.record.length === 0).length, blank, duplicates };
}
