/**
 * A shared mailbox end to end, through the CLI on a temp copy of the example workspace: two people at one
 * ministry address become one contact, the plan shows it with the salutation the campaign chose (the
 * generic one by default), and the preview renders one message whose index row shows that salutation.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser, type AddressObject } from "mailparser";
import { beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";
import { EXAMPLE_CAMPAIGN, readCampaignJson, writeCampaignJson } from "../campaign/edit-workspace.js";

const CLOCK = new ManualClock(Date.UTC(2012, 10, 20, 9, 30));
const MAILBOX = "itu-shared@dsit.gb.example";
const ROWS = [
  "country,organisation,honorific,name,title,email",
  `GB,Department for Science (example),Ms,Grace Example,Head of ITU Policy,${MAILBOX}`,
  `GB,Department for Science (example),Mr,Henry Example,Policy Adviser,${MAILBOX}`,
];

interface PlanJson {
  entries: { contact: string; email: string }[];
  sharedMailboxes: {
    contact: string;
    email: string;
    people: string[];
    setting: string;
    salutation: string | null;
  }[];
}

async function plan(ws: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return runInProcess(["plan", EXAMPLE_CAMPAIGN, "--country", "GB"], { workspace: ws, clock: CLOCK });
}

async function planJson(ws: string): Promise<PlanJson> {
  const run = await runInProcess(["plan", EXAMPLE_CAMPAIGN, "--country", "GB", "--format", "json"], {
    workspace: ws,
    clock: CLOCK,
  });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as PlanJson;
}

async function setSalutations(ws: string, changes: Record<string, unknown>): Promise<void> {
  const json = await readCampaignJson(ws);
  await writeCampaignJson(ws, { ...json, ...changes });
}

describe("a shared mailbox in a campaign", () => {
  let ws: string;
  beforeAll(async () => {
    ws = await copyExampleWorkspace();
    const csv = join(ws, "shared.csv");
    await writeFile(csv, ROWS.join("\n") + "\n");
    const run = await runInProcess(["directory", "import", csv], { workspace: ws });
    expect(run.code, run.stderr).toBe(0);
  });

  it("the plan lists the mailbox once, with both people and the generic salutation by default", async () => {
    const json = await planJson(ws);
    expect(json.entries.filter((e) => e.email === MAILBOX)).toHaveLength(1);
    expect(json.sharedMailboxes).toEqual([
      expect.objectContaining({
        email: MAILBOX,
        people: ["Grace Example", "Henry Example"],
        setting: "generic",
        salutation: "Dear Sir or Madam,",
      }),
    ]);
    const table = await plan(ws);
    expect(table.stdout).toMatch(/shared mailboxes \(one message each\):/);
    expect(table.stdout).toMatch(
      new RegExp(
        `${MAILBOX.replace(/\./g, "\\.")}\\s+Grace Example; Henry Example\\s+en\\s+Dear Sir or Madam,`,
      ),
    );
  });

  it("the preview renders one message to the mailbox, and its index row shows the salutation", async () => {
    const run = await runInProcess(["preview", EXAMPLE_CAMPAIGN, "--country", "GB"], {
      workspace: ws,
      clock: CLOCK,
    });
    expect(run.code, run.stderr).toBe(0);
    const dir = join(ws, "campaigns", EXAMPLE_CAMPAIGN, "outbox", "preview");
    const emls = (await readdir(dir)).filter((f) => f.endsWith(".eml"));
    const toMailbox = [];
    for (const f of emls) {
      const parsed = await simpleParser(await readFile(join(dir, f), "utf8"));
      const to = (parsed.to as AddressObject).value[0];
      if (to?.address === MAILBOX) toMailbox.push({ f, parsed, to });
    }
    expect(toMailbox).toHaveLength(1);
    const { parsed, to } = toMailbox[0] ?? { parsed: undefined, to: undefined };
    expect(to?.name).toBe("Department for Science (example)");
    expect(parsed?.text).toContain("Dear Sir or Madam,");
    expect(parsed?.text).not.toMatch(/Dear (Ms|Mr|Grace|Henry)/);

    const index = await readFile(join(dir, "index.html"), "utf8");
    const row = index.split("<tr data-message").find((r) => r.includes(MAILBOX)) ?? "";
    expect(row).toContain("data-shared-mailbox");
    expect(row).toContain("Grace Example; Henry Example");
    expect(row).toMatch(/<q class="salutation"[^>]*>Dear Sir or Madam,<\/q>/);
  });

  it('"sharedMailboxSalutation": "names" greets everyone by name', async () => {
    await setSalutations(ws, { sharedMailboxSalutation: "names" });
    const json = await planJson(ws);
    expect(json.sharedMailboxes[0]).toMatchObject({
      setting: "names",
      salutation: "Dear Grace Example and Henry Example,",
    });
  });

  it("a letter with no generic salutation blocks the plan instead of greeting one of the people", async () => {
    const json = await readCampaignJson(ws);
    const letters = json.letters as Record<string, Record<string, unknown>>;
    await setSalutations(ws, {
      sharedMailboxSalutation: "generic",
      letters: {
        ...letters,
        en: { ...letters.en, salutations: ["Dear {{honorific}} {{name}},", "Dear {{name}},"] },
      },
    });
    const run = await plan(ws);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /campaign\.json letters\.en\.salutations: no salutation without .*shared mailboxes.*\(1 contact: gb-[0-9a-f]{10}\)/,
    );
  });
});
