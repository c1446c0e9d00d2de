/** Output helpers shared by commands: tables for people, CSV and JSON for scripts. */
import { formatCsvRows } from "../core/csv-write.js";
import { InputError } from "../core/errors.js";
import { cellText } from "../core/text-table.js";

// The table writer moved to the shared layer (the send stage uses it); commands still import it from here.
export { displayWidth, formatTable } from "../core/text-table.js";

export const OUTPUT_FORMATS = ["table", "csv", "json"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function parseFormat(value: string): OutputFormat {
  if ((OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new InputError("E_USAGE", `--format must be one of ${OUTPUT_FORMATS.join(", ")}, not "${value}"`);
}

/** CSV for scripts and spreadsheets, through the shared writer (formula-like cells neutralised). */
export function formatCsv(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return formatCsvRows([headers, ...rows.map((r) => r.map((c) => cellText(c)))]);
}

export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}
