/**
 * The composition root: builds the commander program and registers every command. Each command lives in
 * `commands/<name>.ts` and exports a `register...` function taking the program (or the `directory` group)
 * and the context.
 */
import type { CommanderError } from "commander";
import { Command } from "commander";
import type { CliContext } from "./context.js";
import { registerInitCommand } from "./commands/init.js";
import { registerDirectoryCommands } from "./commands/directory.js";
import { registerCrawlCommand } from "./commands/directory-crawl.js";
import { registerHistoryCommand } from "./commands/directory-history.js";
import { registerPlanCommand } from "./commands/plan.js";
import { registerPreviewCommand } from "./commands/preview.js";
import { registerSendCommand } from "./commands/send.js";
import { registerStatusCommand } from "./commands/status.js";
import { registerInboxCommand } from "./commands/inbox.js";
import { registerMarkCommand } from "./commands/mark.js";
import { registerPartnersCommand } from "./commands/partners.js";
import { registerReportCommand } from "./commands/report.js";
import { registerDemoCommand } from "./commands/demo.js";
import { EXIT_CODES } from "./exit-codes.js";

export const VERSION = "0.1.0";

/** Set by a command that ran to the end with some items failed. */
export interface CommandResult {
  exitCode: number;
}

export function buildProgram(ctx: CliContext, result: CommandResult): Command {
  const program = new Command("outreach")
    .description("Send one letter to many governments: build a ministry directory, plan, send, track.")
    .version(VERSION)
    .option("-w, --workspace <dir>", "workspace folder (contacts/, campaigns/, templates/)", ".")
    .option("-c, --config <file>", "config file (default: <workspace>/config.json)")
    .option(
      "--verbose",
      "on an unexpected error (E_UNEXPECTED), print its stack trace; or set OUTREACH_DEBUG=1",
    )
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) })
    .exitOverride((err: CommanderError) => {
      throw err;
    });

  const directory = program
    .command("directory")
    .description("build and inspect the contact directory (import, crawl, check, list, history)");
  directory.configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) });

  registerInitCommand(program, ctx, result);
  registerDirectoryCommands(directory, ctx, result);
  registerCrawlCommand(directory, ctx, result);
  registerHistoryCommand(directory, ctx, result);
  registerPlanCommand(program, ctx, result);
  registerPreviewCommand(program, ctx, result);
  registerSendCommand(program, ctx, result);
  registerStatusCommand(program, ctx, result);
  registerInboxCommand(program, ctx, result);
  registerMarkCommand(program, ctx, result);
  registerPartnersCommand(program, ctx, result);
  registerReportCommand(program, ctx, result);
  registerDemoCommand(program, ctx, result);

  for (const cmd of [program, directory, ...program.commands, ...directory.commands]) {
    cmd.exitOverride((err) => {
      throw err;
    });
  }
  result.exitCode = EXIT_CODES.success;
  return program;
}

/** Helper for commands: add an "Example:" section to --help. */
export function withExample<T extends Command>(cmd: T, ...examples: string[]): T {
  cmd.addHelpText(
    "after",
    `\nExample${examples.length > 1 ? "s" : ""}:\n${examples.map((e) => `  $ ${e}`).join("\n")}\n`,
  );
  return cmd;
}
