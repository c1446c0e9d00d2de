/**
 * Signatories: the one schema for `campaigns/<id>/signatories.csv` (organisation,country,signed), and a
 * pure parser that reports every bad row as `file:line column: message`. A country may be written as a
 * name; it is kept as its ISO code.
 */
import { z } from "zod";
import { resolveCountry } from "../contacts/countries.js";
import { parseCsvTable } from "../core/csv-table.js";
import type { Problem } from "../core/errors.js";
import { problemsFromZod } from "../core/zod-problems.js";

export const SIGNATORY_COLUMNS = ["organisation", "country", "signed"] as const;

export const signatorySchema = z.strictObject({
  /** As it should be printed under the letter. */
  organisation: z.string().trim().min(1, "is empty"),
  /**
   * The organisation's country: an ISO 3166-1 alpha-2 code or a name ("Argentina", "Royaume-Uni",
   * "Bolivia (Plurinational State of)"), read as the code; empty for international organisations. A
   * country nobody can resolve would print as "Unknown Region" under the letter, so it is an error.
   */
  country: z.string().transform((text, ctx) => {
    if (text.trim() === "") return "";
    const code = resolveCountry(text);
    if (code) return code;
    ctx.addIssue({
      code: "custom",
      message: `unknown country "${text.trim()}": give its ISO code (AR) or its name (Argentina), or leave it empty for an international organisation`,
    });
    return z.NEVER;
  }),
  /** Date the organisation signed, YYYY-MM-DD. */
  signed: z.iso.date("must be a date as YYYY-MM-DD"),
});

export type Signatory = z.infer<typeof signatorySchema>;

/** Pure: parse the CSV text; rows with problems are reported and left out. */
export function parseSignatoriesCsv(
  text: string,
  file: string,
): { signatories: Signatory[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const table = parseCsvTable(text, file, { trim: true });
  if (!table.ok) return { signatories: [], problems: [table.problem] };
  const columns = table.header;
  const missing = SIGNATORY_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) {
    return {
      signatories: [],
      problems: [
        {
          file,
          line: 1,
          message: `missing column(s) ${missing.join(", ")}; expected ${SIGNATORY_COLUMNS.join(",")}`,
        },
      ],
    };
  }
  const signatories: Signatory[] = [];
  const seen = new Map<string, number>();
  for (const { values: record, line } of table.records) {
    const raw = Object.fromEntries(SIGNATORY_COLUMNS.map((c) => [c, record[columns.indexOf(c)] ?? ""]));
    const result = signatorySchema.safeParse(raw);
    if (!result.success) {
      for (const problem of problemsFromZod(result.error.issues, file, { line })) {
        problems.push(problem.field === "country" ? { ...problem, code: "E_SIGNATORY_COUNTRY" } : problem);
      }
      continue;
    }
    const key = result.data.organisation.toLocaleLowerCase("en");
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        file,
        line: line,
        field: "organisation",
        message: `"${result.data.organisation}" is already listed on line ${first}; printed once`,
        severity: "warning",
      });
      continue;
    }
    seen.set(key, line);
    signatories.push(result.data);
  }
  if (signatories.length === 0 && problems.length === 0) {
    problems.push({ file, message: "no signatories: the letter would be signed by nobody" });
  }
  return { signatories, problems };
}

/** The date of the latest signature (YYYY-MM-DD), shown as the letter's "Updated" line. */
export function latestSignature(signatories: readonly Signatory[]): string | undefined {
  let latest: string | undefined;
  for (const s of signatories) if (latest === undefined || s.signed > latest) latest = s.signed;
  return latest;
}
