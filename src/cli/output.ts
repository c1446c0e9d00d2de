/** Output helpers shared by commands: tables for people, CSV and JSON for scripts. */
import { stringify } from "csv-stringify/sync";

export const OUTPUT_FORMATS = ["table", "csv", "json"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function parseFormat(value: string): OutputFormat {
  if ((OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new Error(`--format must be one of ${OUTPUT_FORMATS.join(", ")}`);
}

/** A plain aligned text table; cells are single-line. */
export function formatTable(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = rows.map((r) => r.map((c) => cellText(c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n") + "\n";
}

export function formatCsv(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify([headers, ...rows.map((r) => r.map((c) => cellText(c)))]);
}

export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

function cellText(c: unknown): string {
  if (c === undefined || c === null) return "";
  const s = typeof c === "string" ? c : typeof c === "number" || typeof c === "boolean" ? String(c) : JSON.stringify(c);
  return s.replace(/[\r\n\t]+/g, " ");
}
