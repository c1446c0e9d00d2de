/**
 * Parsing of the two small reference files, `itu-member-states.csv` and `partners.csv` (pure: text in,
 * validated rows and located problems out).
 */
import { parseCsvTable } from "../core/csv-table.js";
import type { Problem } from "../core/errors.js";
import { problemsFromZod } from "../core/zod-problems.js";
import {
  MEMBER_STATE_COLUMNS,
  MEMBER_STATE_OPTIONAL_COLUMNS,
  memberStateSchema,
  type MemberState,
} from "./member-state-schema.js";
import { PARTNER_COLUMNS, partnerSchema, type Partner } from "./partner-schema.js";

export interface ParsedRows<T> {
  rows: T[];
  problems: Problem[];
}

/** Header and trimmed records by column; every required column must be there, any unknown one is refused. */
function parseRecords(
  text: string,
  file: string,
  columns: readonly string[],
  optional: readonly string[] = [],
): { records: { line: number; values: Record<string, string> }[]; problems: Problem[] } {
  const table = parseCsvTable(text, file);
  if (!table.ok) return { records: [], problems: [table.problem] };
  const { header } = table;
  const problems: Problem[] = [];
  for (const column of columns) {
    if (!header.includes(column))
      problems.push({ file, line: 1, field: column, message: "column is missing" });
  }
  for (const column of header) {
    if (!columns.includes(column) && !optional.includes(column))
      problems.push({ file, line: 1, field: column, message: "unknown column" });
  }
  if (problems.length > 0) return { records: [], problems };
  const records = table.records.map(({ line, values: cells }) => {
    const values: Record<string, string> = {};
    header.forEach((column, i) => (values[column] = (cells[i] ?? "").trim()));
    return { line, values };
  });
  return { records, problems };
}

/**
 * `itu-member-states.csv`: the optional columns (`language2`) may be missing, so a workspace made before
 * they existed still reads; a code listed twice is refused.
 */
export function parseMemberStatesCsv(text: string, file: string): ParsedRows<MemberState> {
  const { records, problems } = parseRecords(text, file, MEMBER_STATE_COLUMNS, MEMBER_STATE_OPTIONAL_COLUMNS);
  const rows: MemberState[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of records) {
    const parsed = memberStateSchema.safeParse(values);
    if (!parsed.success) {
      problems.push(...problemsFromZod(parsed.error.issues, file, { line }));
      continue;
    }
    const first = seen.get(parsed.data.code);
    if (first !== undefined) {
      const message = `duplicate code ${parsed.data.code} (first on line ${first})`;
      problems.push({ file, line, field: "code", message });
      continue;
    }
    seen.set(parsed.data.code, line);
    rows.push(parsed.data);
  }
  return { rows, problems };
}

export function parsePartnersCsv(text: string, file: string): ParsedRows<Partner> {
  const { records, problems } = parseRecords(text, file, PARTNER_COLUMNS);
  const rows: Partner[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of records) {
    const countries = (values.countries ?? "")
      .split(/[;,]/)
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean);
    const parsed = partnerSchema.safeParse({ ...values, countries });
    if (!parsed.success) {
      problems.push(...problemsFromZod(parsed.error.issues, file, { line }));
      continue;
    }
    const first = seen.get(parsed.data.id);
    if (first !== undefined) {
      problems.push({
        file,
        line,
        field: "id",
        message: `duplicate partner id ${parsed.data.id} (first on line ${first})`,
      });
      continue;
    }
    seen.set(parsed.data.id, line);
    rows.push(parsed.data);
  }
  return { rows, problems };
}
