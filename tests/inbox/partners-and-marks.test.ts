import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { readDirectory } from "../../src/contacts/directory-store.fs.js";
import { ManualClock } from "../../src/core/clock.js";
import { workspacePaths } from "../../src/core/workspace.js";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

let ws: string;
let ar: string[];
const clock = () => new ManualClock(Date.UTC(2012, 10, 20, 12));

beforeEach(async () => {
  ws = await copyExampleWorkspace();
  const { contacts } = await readDirectory(workspacePaths(ws).directory);
  ar = contacts.filter((c) => c.country === "AR").map((c) => c.id);
});

describe("partners export", () => {
  it("writes a pack per partner with contacts.csv, letters and instructions", async () => {
    const out = join(ws, "packs");
    const run = await runInProcess(["partners", "export", "wcit-2012", "--partner", "cele", "--out", out], {
      workspace: ws,
      clock: clock(),
    });
    expect(run.code).toBe(0);
    const csv = await readFile(join(out, "cele", "contacts.csv"), "utf8");
    const lines = csv.trim().split("\n");
    expect(lines[0]).toMatch(/^contact_id,country,.*,status,status_detail,letter,outcome,date,notes$/);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(",")[0])
        .sort(),
    ).toEqual([...ar].sort());
    const first = ar[0] ?? "";
    const html = await readFile(join(out, "cele", "letters", `${first}.html`), "utf8");
    expect(html).toContain('lang="es"');
    const eml = await readFile(join(out, "cele", "letters", `${first}.eml`), "utf8");
    expect(eml).toMatch(/^Message-ID: <wcit-2012\.c-[0-9a-f]{16}@outreach\.coalition\.example>/im);
    expect(await readFile(join(out, "cele", "README.txt"), "utf8")).toContain(
      "outreach partners import wcit-2012",
    );
  });

  it("refuses an unknown partner", async () => {
    const run = await runInProcess(["partners", "export", "wcit-2012", "--partner", "nobody"], {
      workspace: ws,
      clock: clock(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("E_PARTNER_UNKNOWN");
  });
});

describe("partners import", () => {
  it("reports each bad row, imports the good ones, and adds nothing on re-import", async () => {
    const [a, b] = ar;
    const csv = join(ws, "returned.csv");
    await writeFile(
      csv,
      [
        "contact_id,organisation,outcome,date,notes",
        `${a},Ministerio,delivered,2012-11-12,"handed to the director, in person"`,
        `${b},Ente,replied,2012-11-14,`,
        `xx-unknown,Nobody,delivered,2012-11-12,`,
        `${a},Ministerio,waved at us,2012-11-12,`,
        `${b},Ente,delivered,2012-13-45,`,
        `${b},Ente,,,no news`,
      ].join("\n") + "\n",
    );
    const run = await runInProcess(["partners", "import", "wcit-2012", csv, "--partner", "cele"], {
      workspace: ws,
      clock: clock(),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${csv}:4 contact_id:`);
    expect(run.stderr).toContain(`${csv}:5 outcome:`);
    expect(run.stderr).toContain(`${csv}:6 date:`);
    const { events } = await readLedger(workspacePaths(ws).ledger("wcit-2012"));
    expect(events.map((e) => (e.type === "marked" ? [e.contact, e.outcome, e.date, e.by] : e.type))).toEqual([
      [a, "delivered-by-partner", "2012-11-12", "partner:cele"],
      [b, "replied", "2012-11-14", "partner:cele"],
    ]);
    const again = await runInProcess(["partners", "import", "wcit-2012", csv, "--partner", "cele"], {
      workspace: ws,
      clock: clock(),
    });
    expect(again.stdout).toContain("0 outcomes recorded, 2 already recorded");
    expect((await readLedger(workspacePaths(ws).ledger("wcit-2012"))).events).toHaveLength(2);

    const status = await runInProcess(["status", "wcit-2012", "--format", "json"], { workspace: ws });
    const parsed = JSON.parse(status.stdout) as { contacts: { contact: string; state: string }[] };
    expect(parsed.contacts.find((c) => c.contact === a)?.state).toBe("delivered-by-partner");
    expect(parsed.contacts.find((c) => c.contact === b)?.state).toBe("replied");
  });

  it("a CSV without contact_id/outcome columns is rejected", async () => {
    const csv = join(ws, "bad.csv");
    await writeFile(csv, "name,result\nx,y\n");
    const run = await runInProcess(["partners", "import", "wcit-2012", csv], {
      workspace: ws,
      clock: clock(),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${csv}:1: [E_PARTNER_CSV_COLUMNS]`);
  });
});

describe("mark and history", () => {
  it("records marks, do-not-contact updates the directory, history lists them", async () => {
    const [a] = ar;
    if (!a) throw new Error("no AR contact");
    const m1 = await runInProcess(
      ["mark", "wcit-2012", a, "meeting-held", "--note", "met the delegate", "--date", "2012-11-15"],
      { workspace: ws, clock: clock() },
    );
    expect(m1.code).toBe(0);
    const m2 = await runInProcess(["mark", "wcit-2012", a, "do-not-contact"], {
      workspace: ws,
      clock: clock(),
    });
    expect(m2.code).toBe(0);
    const { contacts } = await readDirectory(workspacePaths(ws).directory);
    expect(contacts.find((c) => c.id === a)?.status).toBe("do-not-contact");
    const history = await runInProcess(["directory", "history", a, "--format", "json"], { workspace: ws });
    const parsed = JSON.parse(history.stdout) as { events: { type: string; outcome?: string }[] };
    expect(parsed.events.map((e) => e.outcome)).toEqual(["meeting-held", "do-not-contact"]);
    const status = await runInProcess(["status", "wcit-2012", "--by", "country", "--format", "csv"], {
      workspace: ws,
    });
    expect(status.stdout.split("\n").find((l) => l.startsWith("AR,"))).toBe("AR,2,1,0,0,0,0,0,0,0,0,1");
  });

  it("rejects an unknown outcome, a bad date and an unknown contact with their codes", async () => {
    const [a] = ar;
    const cases: [string[], string][] = [
      [["mark", "wcit-2012", a ?? "", "waved"], "E_MARK_OUTCOME"],
      [["mark", "wcit-2012", a ?? "", "replied", "--date", "yesterday"], "E_MARK_DATE"],
      [["mark", "wcit-2012", "zz-nobody", "replied"], "E_CONTACT_UNKNOWN"],
      [["mark", "no-such-campaign", a ?? "", "replied"], "E_CAMPAIGN_NOT_FOUND"],
    ];
    for (const [args, code] of cases) {
      const run = await runInProcess(args, { workspace: ws, clock: clock() });
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(code);
    }
  });
});
