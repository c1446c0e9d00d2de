import { readFile } from "node:fs/promises";
import { Help } from "commander";
import { describe, expect, it } from "vitest";
import { COMMAND_TABLE } from "../../src/cli/command-table.js";
import { createContext, DEFAULT_PASSWORD_ENV } from "../../src/cli/context.js";
import { buildProgram, defineCommand } from "../../src/cli/program.js";
import { smtpSchema } from "../../src/config/config-schema.js";
import { VERSION } from "../../src/cli/version.js";
import { REPO_ROOT, runInProcess } from "../helpers/cli.js";

describe("the command table", () => {
  it("lists each command as its definition does, once loaded", async () => {
    const program = buildProgram(createContext({ env: {}, stdout: () => {}, stderr: () => {} }), {
      exitCode: 0,
    });
    const help = new Help();
    for (const entry of COMMAND_TABLE) {
      const cmd = program.commands.find((c) => c.name() === entry.name);
      expect(cmd, entry.name).toBeDefined();
      if (!cmd) continue;
      await defineCommand(cmd);
      expect(help.subcommandTerm(cmd), entry.name).toBe(entry.term);
      expect(help.subcommandDescription(cmd), entry.name).toBe(entry.summary);
    }
  });

  it("the context's default password variable is the config schema's", () => {
    expect(DEFAULT_PASSWORD_ENV).toBe(smtpSchema.shape.passwordEnv.parse(undefined));
  });

  it("outreach --version prints package.json's version", async () => {
    const pkg = JSON.parse(await readFile(`${REPO_ROOT}/package.json`, "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
    const run = await runInProcess(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${pkg.version}\n`);
  });

  it("outreach help <command> shows that command's help, as <command> --help does", async () => {
    for (const command of [["status"], ["directory"], ["send"]]) {
      const viaHelp = await runInProcess(["help", ...command]);
      const viaFlag = await runInProcess([...command, "--help"]);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.stdout).toBe(viaFlag.stdout);
      expect(viaHelp.stdout).toContain(`Usage: outreach ${command.join(" ")} `);
    }
  });

  it("outreach help <unknown> is the program's help on stderr", async () => {
    const run = await runInProcess(["help", "no-such-command"]);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("Usage: outreach [options] [command]");
  });
});
