/** The workspace key file: made once, read back the same, a damaged one is a clear error (never replaced). */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { workspacePaths } from "../../src/core/workspace.js";
import { ensureWorkspaceSecret, readWorkspaceSecret } from "../../src/core/workspace-secret.fs.js";
import { copyExampleWorkspace, makeTempDir, runInProcess } from "../helpers/cli.js";

describe("workspace key", () => {
  it("is created once; later calls and readers get the same key", async () => {
    const path = workspacePaths(await makeTempDir()).secret;
    expect(await readWorkspaceSecret(path)).toBeUndefined();
    const first = await ensureWorkspaceSecret(path, (n) => Buffer.alloc(n, 5));
    expect(first.created).toBe(true);
    expect(first.key).toEqual(Buffer.alloc(32, 5));
    const second = await ensureWorkspaceSecret(path, (n) => Buffer.alloc(n, 6));
    expect(second).toEqual({ key: first.key, created: false });
    expect(await readWorkspaceSecret(path)).toEqual(first.key);
  });

  it("a damaged key stops send and inbox import with E_SECRET_INVALID and is left as it is", async () => {
    const ws = await copyExampleWorkspace();
    await mkdir(join(ws, ".outreach"));
    await writeFile(workspacePaths(ws).secret, "not a key\n");
    for (const args of [
      ["send", "wcit-2012"],
      ["inbox", "import", "wcit-2012", join(ws, "campaigns", "wcit-2012", "sample-inbox", "inbox.mbox")],
    ]) {
      const run = await runInProcess(args, { workspace: ws });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("E_SECRET_INVALID");
    }
    expect(await readFile(workspacePaths(ws).secret, "utf8")).toBe("not a key\n");
  });
});
