/**
 * `partners import`: outcome words in the partner's language, rejected rows counted as rows (not problems),
 * and `--format json` for scripts (one object on stdout, the text on stderr).
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { readDirectory } from "../../src/contacts/directory-store.fs.js";
import { ManualClock } from "../../src/core/clock.js";
import { workspacePaths } from "../../src/core/workspace.js";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

const clock = () => new ManualClock(Date.UTC(2012, 10, 20, 12));

interface ImportJson {
  command: string;
  campaign: string;
  file: string;
  partner: string | null;
  counts: {
    rows: number;
    recorded: number;
    alreadyRecorded: number;
    withoutOutcome: number;
    rejected: number;
  };
  recorded: { contact: string; outcome: string; date?: string; by?: string }[];
  rejected: { line: number; contact: string; problems: { line: number; field: string; code: string }[] }[];
  problems: { code?: string; severity: string }[];
  directoryUpdated: string[];
}

let ws: string;
let ar: string[];
let th: string;

beforeEach(async () => {
  ws = await copyExampleWorkspace();
  const { contacts } = await readDirectory(workspacePaths(ws).directory);
  ar = contacts.filter((c) => c.country === "AR").map((c) => c.id);
  th = contacts.find((c) => c.country === "TH")?.id ?? "";
  expect(ar).toHaveLength(2);
  expect(th).not.toBe("");
});

async function returnedFile(lines: string[]): Promise<string> {
  const csv = join(ws, "returned.csv");
  await writeFile(csv, ["contact_id,outcome,date,notes", ...lines].join("\n") + "\n");
  return csv;
}

describe("partners import", () => {
  it("reads Spanish and French outcome words, accents and capitals folded", async () => {
    const [a, b] = ar;
    const csv = await returnedFile([
      `${a},Entregada,2012-11-12,en mano`,
      `${b},RESPONDIO,2012-11-14,`,
      `${th},réunion,2012-11-15,`,
    ]);
    const run = await runInProcess(["partners", "import", "wcit-2012", csv], {
      workspace: ws,
      clock: clock(),
    });
    expect(run.code).toBe(0);
    const { events } = await readLedger(workspacePaths(ws).ledger("wcit-2012"));
    expect(events.map((e) => (e.type === "marked" ? [e.contact, e.outcome] : e.type))).toEqual([
      [a, "delivered-by-partner"],
      [b, "replied"],
      [th, "meeting-held"],
    ]);
  });

  it("counts rejected rows, not problems, and lists each row's problems under the count", async () => {
    const [a] = ar;
    const csv = await returnedFile([
      `${a},entregado,2012-11-12,`,
      `zz-nobody,waved at us,2012-13-45,`,
      `${th},no contactar,2012-11-13,`,
    ]);
    const run = await runInProcess(["partners", "import", "wcit-2012", csv, "--partner", "cele"], {
      workspace: ws,
      clock: clock(),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("1 outcomes recorded");
    expect(run.stdout).toContain("2 row(s) rejected");
    const listed = run.stderr.split("\n").filter((l) => l.startsWith(`  ${csv}:`));
    expect(listed.map((l) => /\[(E_[A-Z_]+)\]/.exec(l)?.[1])).toEqual([
      "E_CONTACT_UNKNOWN",
      "E_MARK_OUTCOME",
      "E_MARK_DATE",
      "E_PARTNER_SCOPE",
    ]);
    expect(listed[0]).toContain(`${csv}:3 contact_id:`);
    expect(listed[3]).toContain(`${csv}:4 contact_id:`);
    // The out-of-scope do-not-contact changed nothing.
    const { contacts } = await readDirectory(workspacePaths(ws).directory);
    expect(contacts.find((c) => c.id === th)?.status).toBe("active");
  });

  it("--format json: one object on stdout with the events, rejected rows and counts; the text on stderr", async () => {
    const [a, b] = ar;
    const csv = await returnedFile([
      `${a},livrée,2012-11-12,remise en main propre`,
      `${b},,,rien de nouveau`,
      `${b},sent,yesterday,`,
      `${th},a répondu,2012-11-13,`,
    ]);
    const args = ["partners", "import", "wcit-2012", csv, "--partner", "cele", "--format", "json"];
    const run = await runInProcess(args, { workspace: ws, clock: clock() });
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as ImportJson;
    expect(out.command).toBe("partners import");
    expect(out.partner).toBe("cele");
    expect(out.file).toBe(csv);
    expect(out.counts).toEqual({ rows: 4, recorded: 1, alreadyRecorded: 0, withoutOutcome: 1, rejected: 2 });
    expect(out.recorded.map((e) => [e.contact, e.outcome, e.date, e.by])).toEqual([
      [a, "delivered-by-partner", "2012-11-12", "partner:cele"],
    ]);
    expect(out.rejected.map((r) => [r.line, r.contact, r.problems.map((p) => p.code)])).toEqual([
      [4, b, ["E_MARK_OUTCOME", "E_MARK_DATE"]],
      [5, th, ["E_PARTNER_SCOPE"]],
    ]);
    expect(out.problems).toEqual([]);
    expect(run.stderr).toContain("2 row(s) rejected");

    const again = await runInProcess(args, { workspace: ws, clock: clock() });
    const second = JSON.parse(again.stdout) as ImportJson;
    expect(second.recorded).toEqual([]);
    expect(second.counts.alreadyRecorded).toBe(1);
  });

  it("--format json without --partner, every row good: exit 0, partner null, directory changes listed", async () => {
    const [a] = ar;
    const csv = await returnedFile([`${a},ne pas contacter,2012-11-12,`]);
    const run = await runInProcess(["partners", "import", "wcit-2012", csv, "--format", "json"], {
      workspace: ws,
      clock: clock(),
    });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as ImportJson;
    expect(out.partner).toBeNull();
    expect(out.counts.rejected).toBe(0);
    expect(out.rejected).toEqual([]);
    expect(out.recorded.map((e) => e.outcome)).toEqual(["do-not-contact"]);
    expect(out.directoryUpdated).toEqual([a]);
  });

  it("a file without the needed columns: E_PARTNER_CSV_COLUMNS in the JSON problems, no row counted, exit 1", async () => {
    const csv = join(ws, "bad.csv");
    await writeFile(csv, "name,result\nx,y\n");
    const run = await runInProcess(["partners", "import", "wcit-2012", csv, "--format", "json"], {
      workspace: ws,
      clock: clock(),
    });
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as ImportJson;
    expect(out.problems.map((p) => [p.code, p.severity])).toEqual([["E_PARTNER_CSV_COLUMNS", "error"]]);
    expect(out.counts.rejected).toBe(0);
  });
});
