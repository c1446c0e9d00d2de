import { describe, expect, it } from "vitest";
import { latestSignature, parseSignatoriesCsv } from "../../src/campaign/signatory-schema.js";

describe("signatories.csv", () => {
  it("parses rows, keeps their order and finds the latest signature", () => {
    const { signatories, problems } = parseSignatoriesCsv(
      'organisation,country,signed\nExample Rights Group,AR,2012-11-05\n"Open Example Network, Inc.",,2012-11-14\nThird Example,GB,2012-11-09\n',
      "signatories.csv",
    );
    expect(problems).toEqual([]);
    expect(signatories.map((s) => s.organisation)).toEqual([
      "Example Rights Group",
      "Open Example Network, Inc.",
      "Third Example",
    ]);
    expect(latestSignature(signatories)).toBe("2012-11-14");
  });

  it("reports every bad row with its line and column, and duplicates as warnings", () => {
    const { signatories, problems } = parseSignatoriesCsv(
      "organisation,country,signed\nGood,AR,2012-11-05\n,AR,2012-11-05\nBad Country,Narnia,2012-11-05\nBad Date,AR,14 November 2012\ngood,,2012-11-06\n",
      "campaigns/x/signatories.csv",
    );
    expect(signatories.map((s) => s.organisation)).toEqual(["Good"]);
    const located = problems.map((p) => `${p.line} ${p.field} ${p.severity ?? "error"}`);
    expect(located).toEqual([
      "3 organisation error",
      "4 country error",
      "5 signed error",
      "6 organisation warning",
    ]);
    expect(problems.every((p) => p.file === "campaigns/x/signatories.csv")).toBe(true);
  });

  it("reads a country given by name (any case, UN or everyday form) as its ISO code", () => {
    const { signatories, problems } = parseSignatoriesCsv(
      [
        "organisation,country,signed",
        "Example Rights Group,Argentina,2012-11-05",
        "Réseau Exemple,Royaume-Uni,2012-11-05",
        "Red Ejemplo,Bolivia (Estado Plurinacional de),2012-11-05",
        "Lower Case Example,ar,2012-11-05",
        "International Example,,2012-11-05",
      ].join("\n"),
      "signatories.csv",
    );
    expect(problems).toEqual([]);
    expect(signatories.map((s) => s.country)).toEqual(["AR", "GB", "BO", "AR", ""]);
  });

  it('makes an unknown country a blocking error with its line, never a letter\'s "Unknown Region"', () => {
    const { signatories, problems } = parseSignatoriesCsv(
      "organisation,country,signed\nGood,AR,2012-11-05\nNowhere Group,Narnia,2012-11-05\nCode Group,ZZ,2012-11-05\n",
      "campaigns/x/signatories.csv",
    );
    expect(signatories.map((s) => s.organisation)).toEqual(["Good"]);
    expect(problems.map((p) => [p.line, p.field, p.code, p.severity ?? "error"])).toEqual([
      [3, "country", "E_SIGNATORY_COUNTRY", "error"],
      [4, "country", "E_SIGNATORY_COUNTRY", "error"],
    ]);
    expect(problems[0]?.message).toContain('"Narnia"');
  });

  it("refuses a file without the expected columns", () => {
    const { problems } = parseSignatoriesCsv("name,date\nX,2012-11-05\n", "s.csv");
    expect(problems[0]?.line).toBe(1);
    expect(problems[0]?.message).toContain("organisation");
  });

  it("refuses an empty list: a letter signed by nobody", () => {
    expect(parseSignatoriesCsv("organisation,country,signed\n", "s.csv").problems).toHaveLength(1);
  });
});
