import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { forEachCsvRecord, type CsvRecord } from "../../src/core/csv-read.js";
import { parseCsvTable } from "../../src/core/csv-table.js";

function records(text: string, trim = false): CsvRecord[] {
  const out: CsvRecord[] = [];
  forEachCsvRecord(text, ",", (r) => out.push(r), { trim });
  return out;
}

describe("parseCsvTable", () => {
  it("reads what csv-parse reads, header trimmed, blank rows left out, each record with its start line", () => {
    const text = '\ufeff name , note\n"a, b","x\n""y"""\n\n  ,\r\nc,\n';
    const table = parseCsvTable(text, "t.csv");
    const oracle: string[][] = parse(text.slice(1), { relax_column_count: true });
    expect(table).toEqual({
      ok: true,
      header: ["name", "note"],
      records: [
        { line: 2, values: oracle[1] },
        { line: 6, values: oracle[4] },
      ],
    });
  });

  it("with trim, leaves out the whitespace around fields and quoted fields, as csv-parse's trim does", () => {
    const text = 'h1 , h2\n  "a, b" , c \n\t d\t,"e"\n';
    const table = parseCsvTable(text, "t.csv", { trim: true });
    const oracle: string[][] = parse(text, { relax_column_count: true, trim: true });
    expect(table.ok && table.records.map((r) => r.values)).toEqual(oracle.slice(1));
  });

  it("counts a CRLF inside a quoted field as one line", () => {
    const table = parseCsvTable('h\r\n"a\r\nb"\r\nc\r\n', "t.csv");
    expect(table.ok && table.records.map((r) => r.line)).toEqual([2, 4]);
  });

  it("refuses a malformed file as one problem with its line, as csv-parse refuses it", () => {
    for (const [text, line] of [
      ['h\nok\n"a"b\n', 3],
      ['h\nok\na"b\n', 3],
      ['h\n "a"\n', 2],
      ['h\nok\n"a\nb\n', 3],
    ] as const) {
      expect(() => parse(text, { relax_column_count: true })).toThrow();
      const table = parseCsvTable(text, "t.csv");
      expect(table.ok ? undefined : [table.problem.file, table.problem.line]).toEqual(["t.csv", line]);
    }
  });

  it("accepts an empty file as an empty table", () => {
    expect(parseCsvTable("", "t.csv")).toEqual({ ok: true, header: [], records: [] });
  });
});

describe("forEachCsvRecord", () => {
  it("keeps a stray quote in an unquoted field as text and says so", () => {
    const [r] = records('a"b,c\n');
    expect(r?.fields).toEqual(['a"b', "c"]);
    expect(r?.strayQuote).toBeTruthy();
    expect(records('"a""b",c\n')[0]?.strayQuote).toBeUndefined();
  });

  it("with trim, flags text after a closing quote but not whitespace", () => {
    expect(records('"a"  ,b\n', true)[0]).toEqual({ fields: ["a", "b"], line: 1 });
    expect(records('"a" x,b\n', true)[0]?.malformed).toBeTruthy();
  });
});
