/**
 * Issue 12 items 3 and 4: commands refuse to run outside a workspace (nothing is created there), `-w`
 * naming a missing folder is a clear error, `init`, `demo`, `--help` and `--version` work anywhere; a
 * missing campaign names the campaigns there are, or how to make the first.
 */
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyExampleWorkspace, makeTempDir, REPO_ROOT, runInProcess } from "../helpers/cli.js";

describe("outside a workspace", () => {
  it("directory import, check and crawl, plan and status refuse with E_NOT_A_WORKSPACE and create nothing", async () => {
    const dir = await makeTempDir("outreach-stray-");
    const csv = join(dir, "ministries.csv");
    await writeFile(csv, "country,name,email\nAR,Ana Ejemplo,ana@mincom.ar.example\n");
    for (const args of [
      ["directory", "import", csv],
      ["directory", "check"],
      ["directory", "crawl"],
      ["plan", "wcit-2012"],
      ["status", "wcit-2012"],
    ]) {
      const run = await runInProcess(args, { workspace: dir });
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toContain("[E_NOT_A_WORKSPACE]");
    }
    expect(await readdir(dir)).toEqual(["ministries.csv"]);
  });

  it("-w naming a folder that does not exist (or a file) is E_WORKSPACE_NOT_FOUND, exit 2", async () => {
    const dir = await makeTempDir("outreach-stray-");
    const missing = join(dir, "no-such-folder");
    const run = await runInProcess(["-w", missing, "directory", "list"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("[E_WORKSPACE_NOT_FOUND]");
    expect(run.stderr).toContain(missing);
    expect(await readdir(dir)).toEqual([]);
    await writeFile(join(dir, "a-file"), "");
    const file = await runInProcess(["--workspace", join(dir, "a-file"), "status", "wcit-2012"]);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain("[E_WORKSPACE_NOT_FOUND]");
  });

  it("init, demo, --help and --version still run anywhere", async () => {
    const dir = await makeTempDir("outreach-stray-");
    const fresh = join(dir, "new-workspace");
    for (const args of [
      ["--help"],
      ["--version"],
      ["directory", "--help"],
      ["help", "plan"],
      ["plan", "--help"],
    ]) {
      expect((await runInProcess(["-w", fresh, ...args])).code, args.join(" ")).toBe(0);
    }
    // demo reaches its own checks (it refuses to use the repository as its scratch folder).
    const demo = await runInProcess(["-w", dir, "demo", REPO_ROOT]);
    expect(demo.stderr).toContain("[E_DEMO_DIR]");
    expect((await runInProcess(["-w", fresh, "init"])).code).toBe(0);
    expect((await runInProcess(["directory", "check"], { workspace: fresh })).code).toBe(0);
  });

  it("a folder with only config.json, contacts/ or campaigns/ is a workspace", async () => {
    const dir = await makeTempDir("outreach-ws-");
    await writeFile(join(dir, "config.json"), "{}\n");
    const run = await runInProcess(["directory", "list", "--format", "json"], { workspace: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
  });
});

describe("a campaign that does not exist", () => {
  it("E_CAMPAIGN_NOT_FOUND names the campaigns the workspace has", async () => {
    const ws = await copyExampleWorkspace();
    const run = await runInProcess(["plan", "wcit-2021"], { workspace: ws });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("[E_CAMPAIGN_NOT_FOUND]");
    expect(run.stderr).toMatch(/^hint: .*\bwcit-2012\b/m);
  });

  it("says there are none, and how to create one, in a fresh workspace", async () => {
    const ws = join(await makeTempDir(), "ws");
    expect((await runInProcess(["init", ws])).code).toBe(0);
    const run = await runInProcess(["status", "campaigns/first/"], { workspace: ws });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("[E_CAMPAIGN_NOT_FOUND]");
    expect(run.stderr).toContain("outreach campaign new <id> --languages en");
  });
});
