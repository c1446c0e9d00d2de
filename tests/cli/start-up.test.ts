/**
 * Start-up loads only what the command needs (docs: the command table in src/cli/command-table.ts):
 * `--help` loads commander and the table, a command's `--help` its definition, `status` no send, render
 * or crawl code. Checked on a real process whose loader records every module it loads.
 */
import { describe, expect, it } from "vitest";
import { copyExampleWorkspace, REPO_ROOT } from "../helpers/cli.js";
import { HEAVY_PACKAGES, modulesLoadedBy } from "../helpers/module-loads.js";

/** The stacks a command that does not send, render, crawl, publish, check DNS or translate must not load. */
const HEAVY_SOURCES = /^src\/(send|render|directory\/crawl|publish|preflight|translations)\//;

function heavyIn(loads: { files: string[]; packages: Set<string> }): string[] {
  return [
    ...loads.files.filter((f) => HEAVY_SOURCES.test(f)),
    ...HEAVY_PACKAGES.filter((p) => loads.packages.has(p)),
  ];
}

describe("start-up", () => {
  it("outreach --help loads commander, the command table and no command", async () => {
    const loads = await modulesLoadedBy(["--help"], { cwd: REPO_ROOT });
    expect(loads.code).toBe(0);
    expect(loads.files).toContain("src/cli/command-table.ts");
    expect([...loads.packages]).toEqual(["commander"]);
    expect(loads.files.filter((f) => /^src\/cli\/(definitions|commands)\//.test(f))).toEqual([]);
  });

  it.each(["send", "plan", "directory crawl", "status"])(
    "outreach %s --help loads its definition, not the stages it drives",
    async (command) => {
      const loads = await modulesLoadedBy([...command.split(" "), "--help"], { cwd: REPO_ROOT });
      expect(loads.code).toBe(0);
      expect(loads.files.some((f) => f.startsWith("src/cli/definitions/"))).toBe(true);
      expect(loads.files.filter((f) => f.startsWith("src/cli/commands/"))).toEqual([]);
      expect(heavyIn(loads)).toEqual([]);
    },
  );

  it("outreach status on the example loads no send, render or crawl stack", async () => {
    const ws = await copyExampleWorkspace();
    const loads = await modulesLoadedBy(["-w", ws, "status", "wcit-2012"], { cwd: ws });
    expect(loads.code).toBe(0);
    expect(loads.files).toContain("src/cli/commands/status.ts");
    expect(heavyIn(loads)).toEqual([]);
  });
});
