/**
 * The shared CSV writer neutralises cells a spreadsheet would run as formulas (OWASP "CSV injection")
 * and `restoreCsvCell` undoes it exactly, for every string.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  formatCsvField,
  formatCsvRow,
  formatCsvRows,
  neutraliseCsvCell,
  restoreCsvCell,
} from "../../src/core/csv-write.js";

/** What Excel and LibreOffice would evaluate: a trigger character first, after any spaces. */
const RUNS_AS_FORMULA = /^[ ]*[=+\-@\t\r]/;

/** Every string of up to `max` characters over a small alphabet of the characters that matter. */
function allStrings(alphabet: readonly string[], max: number): string[] {
  const out = [""];
  let level = [""];
  for (let n = 0; n < max; n++) {
    level = level.flatMap((s) => alphabet.map((c) => s + c));
    out.push(...level);
  }
  return out;
}

describe("CSV writer: formula neutralising", () => {
  it("prefixes and quotes cells starting with = + - @ tab or CR", () => {
    expect(formatCsvField("=1+2")).toBe(`"'=1+2"`);
    expect(formatCsvField("+41 22 555 01 01")).toBe(`"'+41 22 555 01 01"`);
    expect(formatCsvField("-")).toBe(`"'-"`);
    expect(formatCsvField("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(formatCsvField("\t=1")).toBe(`"'\t=1"`);
    expect(formatCsvField("\r=1")).toBe(`"'\r=1"`);
    expect(formatCsvField(' =HYPERLINK("x")')).toBe(`"' =HYPERLINK(""x"")"`);
    // A value that already starts with ' before a trigger gets one more, so reading back is exact.
    expect(formatCsvField("'=x")).toBe(`"''=x"`);
  });

  it("leaves other cells as they were", () => {
    for (const v of ["plain", "a=b", "'abc", "'", "1-2", "name@x.example", ""])
      expect(formatCsvField(v)).toBe(v);
    expect(formatCsvRow(["a", "b=c", "d"])).toBe("a,b=c,d");
  });

  it("restoreCsvCell(neutraliseCsvCell(v)) === v for every short string of the characters that matter", () => {
    for (const v of allStrings(["'", " ", "=", "+", "-", "@", "\t", "\r", "a", ";"], 4)) {
      expect(restoreCsvCell(neutraliseCsvCell(v))).toBe(v);
    }
  });

  it("no written cell, as a spreadsheet parses it, starts a formula; reading it back gives the value", () => {
    const values = allStrings(["'", " ", "=", "+", "-", "@", "\t", "a", ",", '"', ";"], 3);
    const text = formatCsvRows(values.map((v) => ["id", v]));
    const parsed = parse(text, { relax_column_count: true });
    expect(parsed).toHaveLength(values.length);
    parsed.forEach((row, i) => {
      expect(row[1] ?? "").not.toMatch(RUNS_AS_FORMULA);
      expect(restoreCsvCell(row[1] ?? "")).toBe(values[i]);
    });
  });

  it("a spreadsheet that splits at `;` (es/fr/de locales) finds no formula in any piece either", () => {
    const values = allStrings(["'", " ", "=", "+", "a", ",", '"', ";"], 4);
    const text = formatCsvRows(values.map((v) => ["id", v]));
    // Such a spreadsheet reads each line as cells split at every `;`, whatever the quotes say.
    for (const line of text.split("\n"))
      for (const cell of line.split(";").slice(1)) expect(cell).not.toMatch(RUNS_AS_FORMULA);
    expect(formatCsvRow(["x", "Dept;=1+1"])).toBe(`x,"Dept;'=1+1"`);
    const parsed = parse(text, { relax_column_count: true });
    parsed.forEach((row, i) => expect(restoreCsvCell(row[1] ?? "")).toBe(values[i]));
  });
});
