/**
 * signatories.csv written back by the `signatories` commands (review of issue 14 item 1): the user's own
 * columns survive every write, after the tool's, in their order; and a write is a compare-and-swap, so a
 * change made between a command's read and its write (another command, a spreadsheet) is never lost.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSignatoriesFile, writeSignatoriesFile } from "../../src/campaign/signatories-file.fs.js";
import { EXAMPLE_CAMPAIGN as ID } from "../campaign/edit-workspace.js";
import { copyExampleWorkspace, makeTempDir, runInProcess } from "../helpers/cli.js";

const OWN_COLUMNS = [
  "organisation,website,country,signed,notes",
  "Kictanet,https://kictanet.example,KE,2012-11-07,called twice",
  '"Open Rights Group",https://org.example,GB,2012-11-08,"board said yes, in writing"',
].join("\n");

describe("the user's own columns", () => {
  it("survive add and approve: the tool's columns first, then website and notes in their order", async () => {
    const ws = await copyExampleWorkspace();
    const file = join(ws, "campaigns", ID, "signatories.csv");
    await writeFile(file, `${OWN_COLUMNS}\n`);
    const add = await runInProcess(
      ["signatories", "add", ID, "--name", "Example Privacy Network", "--date", "2026-12-01"],
      {
        workspace: ws,
      },
    );
    expect(add.code, add.stderr).toBe(0);
    const approve = await runInProcess(
      ["signatories", "approve", ID, "example-privacy-network", "--date", "2026-12-07"],
      { workspace: ws },
    );
    expect(approve.code, approve.stderr).toBe(0);
    const lines = (await readFile(file, "utf8")).trimEnd().split("\n");
    expect(lines[0]).toBe(
      "id,organisation,country,signed,status,approvedOn,type,contact,source,website,notes",
    );
    expect(lines.slice(1)).toEqual([
      "kictanet,Kictanet,KE,2012-11-07,approved,,,,,https://kictanet.example,called twice",
      'open-rights-group,Open Rights Group,GB,2012-11-08,approved,,,,,https://org.example,"board said yes, in writing"',
      "example-privacy-network,Example Privacy Network,,2026-12-01,approved,2026-12-07,,,add,,",
    ]);
    // Read again, written again: the same bytes.
    const before = await readFile(file, "utf8");
    const read = await readSignatoriesFile(file, "signatories.csv");
    await writeSignatoriesFile(file, "signatories.csv", read, read.entries, "testing");
    expect(await readFile(file, "utf8")).toBe(before);
  });
});

describe("two writers", () => {
  it("the later write fails with E_SIGNATORIES_CHANGED and keeps the other's change", async () => {
    const dir = await makeTempDir();
    const file = join(dir, "signatories.csv");
    await writeFile(file, `${OWN_COLUMNS}\n`);
    const read = await readSignatoriesFile(file, "signatories.csv");
    const theirs = `${OWN_COLUMNS}\nExample Other Group,,AR,2012-11-09,\n`;
    await writeFile(file, theirs); // another command wrote between our read and our write
    const ours = read.entries.map((e) => ({ ...e, status: "rejected" as const }));
    await expect(
      writeSignatoriesFile(file, "signatories.csv", read, ours, "rejecting"),
    ).rejects.toMatchObject({
      code: "E_SIGNATORIES_CHANGED",
      message: "signatories.csv changed while rejecting; run the command again",
    });
    expect(await readFile(file, "utf8")).toBe(theirs);
  });

  it("a file created or deleted since the read is a change too", async () => {
    const dir = await makeTempDir();
    const file = join(dir, "signatories.csv");
    const none = await readSignatoriesFile(file, "signatories.csv");
    expect(none.exists).toBe(false);
    await writeFile(file, `${OWN_COLUMNS}\n`);
    await expect(writeSignatoriesFile(file, "signatories.csv", none, [], "adding")).rejects.toMatchObject({
      code: "E_SIGNATORIES_CHANGED",
    });
    const read = await readSignatoriesFile(file, "signatories.csv");
    await rm(file);
    await expect(
      writeSignatoriesFile(file, "signatories.csv", read, read.entries, "adding"),
    ).rejects.toMatchObject({ code: "E_SIGNATORIES_CHANGED" });
  });
});
