import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/cli.js";

const COMMANDS = [
  ["init"],
  ["directory", "import"],
  ["directory", "crawl"],
  ["directory", "check"],
  ["directory", "list"],
  ["directory", "history"],
  ["plan"],
  ["preview"],
  ["send"],
  ["status"],
  ["inbox", "import"],
  ["mark"],
  ["unmark"],
  ["partners", "export"],
  ["partners", "import"],
  ["report"],
  ["publish"],
  ["letter", "pdf"],
  ["demo"],
];

describe("CLI surface", () => {
  it("outreach --help lists every top-level command", async () => {
    const run = await runInProcess(["--help"]);
    expect(run.code).toBe(0);
    for (const name of new Set(COMMANDS.map((c) => c[0] ?? ""))) expect(run.stdout).toContain(name);
  });

  it.each(COMMANDS.map((c) => [c.join(" ")]))("outreach %s --help shows an example", async (command) => {
    const run = await runInProcess([...command.split(" "), "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Examples?:\n\s+\$ outreach /);
    expect(run.stdout).not.toContain("not yet implemented");
  });

  it("an unknown command is a usage error (exit 2) on stderr", async () => {
    const run = await runInProcess(["no-such-command"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command");
    expect(run.stdout).toBe("");
  });

  it("a missing argument is a usage error (exit 2)", async () => {
    const run = await runInProcess(["plan"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/missing required argument/);
  });
});
