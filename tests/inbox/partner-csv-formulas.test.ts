/**
 * Partner packs are opened in spreadsheets: formula-like cells are neutralised on export, and what a
 * partner sends back (still carrying the `'`) is read back to the original values.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { workspacePaths } from "../../src/core/workspace.js";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import {
  PARTNER_CSV_COLUMNS,
  parseReturnedCsv,
  stringifyPartnerCsv,
  type PartnerCsvRow,
} from "../../src/inbox/partner-csv.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

const RUNS_AS_FORMULA = /^[ ]*[=+\-@\t\r]/;

function row(fields: Partial<PartnerCsvRow>): PartnerCsvRow {
  const empty = Object.fromEntries(PARTNER_CSV_COLUMNS.map((c) => [c, ""])) as PartnerCsvRow;
  return { ...empty, ...fields };
}

describe("partner CSV and spreadsheet formulas", () => {
  it("a pack's contacts.csv neutralises formula-like cells; the returned file reads back to the original values", () => {
    const text = stringifyPartnerCsv([
      row({
        contact_id: "ch-1",
        name: '=HYPERLINK("http://evil.invalid","x")',
        phone: "+41 22 555 01 01",
        outcome: "delivered",
        date: "2012-11-12",
        notes: "-- handed over; @reception",
      }),
      row({ contact_id: "-odd-id", outcome: "replied", notes: "'=typed with a quote" }),
    ]);
    const cells = parse(text);
    for (const cell of cells.flat()) expect(cell).not.toMatch(RUNS_AS_FORMULA);
    expect(text).toContain(`"'+41 22 555 01 01"`);
    const back = parseReturnedCsv(text, "returned.csv", { knownContacts: new Set(["ch-1", "-odd-id"]) });
    expect(back.problems).toEqual([]);
    expect(back.rejected).toEqual([]);
    expect(back.outcomes.map((o) => [o.contact, o.note])).toEqual([
      ["ch-1", "-- handed over; @reception"],
      ["-odd-id", "'=typed with a quote"],
    ]);
  });

  it("partners export then import (CLI): phones are exported as '+54 …, and a returned note keeps its exact text", async () => {
    const ws = await copyExampleWorkspace();
    const clock = () => new ManualClock(Date.UTC(2012, 10, 20, 12));
    const out = join(ws, "packs");
    const exported = await runInProcess(
      ["partners", "export", "wcit-2012", "--partner", "cele", "--out", out],
      {
        workspace: ws,
        clock: clock(),
      },
    );
    expect(exported.code).toBe(0);
    const csv = await readFile(join(out, "cele", "contacts.csv"), "utf8");
    const table = parse(csv);
    const header = table[0] ?? [];
    const phone = header.indexOf("phone");
    const phones = table.slice(1).map((r) => r[phone] ?? "");
    expect(phones.some((p) => p.startsWith("'+54 "))).toBe(true);
    for (const cell of table.flat()) expect(cell).not.toMatch(RUNS_AS_FORMULA);

    // The partner fills in one row in a spreadsheet and saves it as plain CSV: the exported cells keep
    // the ' they were shown with, and a note typed with a leading ' (so it is not a formula) keeps it too.
    const first = table[1] ?? [];
    first[header.indexOf("outcome")] = "delivered";
    first[header.indexOf("date")] = "2012-11-12";
    first[header.indexOf("notes")] = "'-- handed to the director";
    const returned = join(ws, "returned.csv");
    await writeFile(returned, stringify(table));
    const imported = await runInProcess(["partners", "import", "wcit-2012", returned, "--partner", "cele"], {
      workspace: ws,
      clock: clock(),
    });
    expect(imported.code).toBe(0);
    const { events } = await readLedger(workspacePaths(ws).ledger("wcit-2012"));
    const marked = events.filter((e) => e.type === "marked");
    expect(marked.map((e) => [e.contact, e.note])).toEqual([[first[0], "-- handed to the director"]]);
  });
});
