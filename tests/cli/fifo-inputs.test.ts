/**
 * Every file a user names is refused at once when it is not a regular file: a FIFO would block the
 * command forever (a single SIGTERM did not end it) and /dev/zero would fill memory. Covers the inputs
 * not already covered by the import tests: a partner's returned CSV, `--config` and the directory itself
 * (read in one blocking call, so a FIFO there would stop even Ctrl-C).
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

const ID = "wcit-2012";

describe("inputs that are not regular files", () => {
  it("partners import of a FIFO or /dev/zero: E_NOT_A_FILE, exit 2, nothing read", async () => {
    const workspace = await copyExampleWorkspace();
    const fifo = join(workspace, "returned.csv");
    execFileSync("mkfifo", [fifo]);
    for (const file of [fifo, "/dev/zero"]) {
      const run = await runInProcess(["partners", "import", ID, file], { workspace });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain("E_NOT_A_FILE");
    }
  });

  it("--config naming a FIFO: E_NOT_A_FILE, exit 2", async () => {
    const workspace = await copyExampleWorkspace();
    const fifo = join(workspace, "config.fifo");
    execFileSync("mkfifo", [fifo]);
    const run = await runInProcess(["-c", fifo, "plan", ID], { workspace });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("E_NOT_A_FILE");
  });

  it("contacts/directory.csv replaced by a FIFO: E_NOT_A_FILE, exit 2, for plan and send alike", async () => {
    const workspace = await copyExampleWorkspace();
    const directory = join(workspace, "contacts", "directory.csv");
    rmSync(directory);
    execFileSync("mkfifo", [directory]);
    for (const args of [
      ["plan", ID],
      ["send", ID],
    ]) {
      const run = await runInProcess(args, { workspace });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain("E_NOT_A_FILE");
      expect(run.stderr).toContain("directory.csv");
    }
  });
});
