/**
 * Parsing of `itu-member-states.csv` (pure: text in, validated rows and located problems out). Every
 * required column must be there; the optional ones (`language2`) may be missing, so a workspace made
 * before they existed still reads; any other column is refused, and so is a code listed twice.
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

const KNOWN: ReadonlySet<string> = new Set([...MEMBER_STATE_COLUMNS, ...MEMBER_STATE_OPTIONAL_COLUMNS]);

export function parseMemberStatesCsv(
  text: string,
  file: string,
): { rows: MemberState[]; problems: Problem[] } {
  const table = parseCsvTable(text, file);
  if (!table.ok) return { rows: [], problems: [table.problem] };
  const { header } = table;
  const problems: Problem[] = [];
  for (const column of MEMBER_STATE_COLUMNS) {
    if (!header.includes(column))
      problems.push({ file, line: 1, field: column, message: "column is missing" });
  }
  for (const column of header) {
    if (!KNOWN.has(column)) problems.push({ file, line: 1, field: column, message: "unknown column" });
  }
  if (problems.length > 0) return { rows: [], problems };
  const rows: MemberState[] = [];
  const seen = new Map<string, number>();
  for (const { line, values: cells } of table.records) {
    const values: Record<string, string> = {};
    header.forEach((column, i) => (values[column] = (cells[i] ?? "").trim()));
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
