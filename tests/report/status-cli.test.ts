import { describe, expect, it } from "vitest";
import { readDirectory } from "../../src/contacts/directory-store.fs.js";
import { workspacePaths } from "../../src/core/workspace.js";
import { appendLedgerEvents } from "../../src/ledger/ledger-file.fs.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

describe("outreach status", () => {
  it("lists uncertain contacts explicitly, in the table and in JSON", async () => {
    const ws = await copyExampleWorkspace();
    const paths = workspacePaths(ws);
    const contact = (await readDirectory(paths.directory)).contacts.find(
      (c) => c.country === "KE" && c.email,
    );
    if (!contact) throw new Error("example needs a KE contact");
    await appendLedgerEvents(paths.ledger("wcit-2012"), [
      {
        type: "attempt",
        at: "2026-11-29T10:00:00.000Z",
        campaign: "wcit-2012",
        contact: contact.id,
        messageId: "<m@x.example>",
        language: "en",
        revision: "r",
        attempt: 1,
        email: contact.email,
        transport: "smtp",
      },
    ]);
    const table = await runInProcess(["status", "wcit-2012"], { workspace: ws });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`uncertain \\(attempted, outcome unknown.*${contact.id}`));
    const json = await runInProcess(["status", "wcit-2012", "--format", "json"], { workspace: ws });
    const parsed = JSON.parse(json.stdout) as { uncertain: string[]; totals: Record<string, number> };
    expect(parsed.uncertain).toEqual([contact.id]);
    expect(parsed.totals.uncertain).toBe(1);
  });

  it("an unknown campaign is an input error", async () => {
    const ws = await copyExampleWorkspace();
    const run = await runInProcess(["status", "nope"], { workspace: ws });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("E_CAMPAIGN_NOT_FOUND");
  });
});
