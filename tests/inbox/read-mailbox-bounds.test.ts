/**
 * `inbox import` reads only directories and regular files: a FIFO, /dev/zero or /dev/null is E_NOT_A_FILE
 * at once (never a read that blocks or never ends), and a 0-byte mbox holds 0 messages (exit 0).
 */
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isOutreachError } from "../../src/core/errors.js";
import { readMailbox } from "../../src/inbox/read-mailbox.fs.js";
import { copyExampleWorkspace, makeTempDir, runInProcess } from "../helpers/cli.js";

const ID = "wcit-2012";

async function readAll(path: string): Promise<unknown> {
  try {
    const out = [];
    for await (const m of readMailbox(path)) out.push(m);
    return out;
  } catch (e) {
    return e;
  }
}

describe("inbox import: what a mailbox path may be", () => {
  it("a FIFO is E_NOT_A_FILE at once (before: the read blocked for ever); the CLI exits 2", async () => {
    const dir = await makeTempDir("outreach-mbox-");
    const fifo = join(dir, "inbox.mbox");
    execFileSync("mkfifo", [fifo]);
    const error = await readAll(fifo);
    expect(isOutreachError(error) && error.code).toBe("E_NOT_A_FILE");
    const ws = await copyExampleWorkspace();
    const run = await runInProcess(["inbox", "import", ID, fifo], { workspace: ws });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("E_NOT_A_FILE");
  });

  it("/dev/zero and /dev/null are E_NOT_A_FILE (before: /dev/zero was read without end)", async () => {
    for (const path of ["/dev/zero", "/dev/null"]) {
      const error = await readAll(path);
      expect([path, isOutreachError(error) && error.code]).toEqual([path, "E_NOT_A_FILE"]);
    }
  });

  it("a 0-byte mbox holds 0 messages: exit 0, nothing unmatched, the summary says 0 messages", async () => {
    const ws = await copyExampleWorkspace();
    const empty = join(ws, "empty.mbox");
    await writeFile(empty, "");
    expect(await readAll(empty)).toEqual([]);
    const json = await runInProcess(["inbox", "import", ID, empty, "--format", "json"], { workspace: ws });
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as { messages: number; unmatched: unknown[]; eventsAdded: number };
    expect([result.messages, result.unmatched.length, result.eventsAdded]).toEqual([0, 0, 0]);
    const table = await runInProcess(["inbox", "import", ID, empty], { workspace: ws });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("0 messages");
  });
});
