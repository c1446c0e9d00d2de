/**
 * The composition root: builds the commander program from the light command table. Each command starts
 * as a name and a summary; its definition (`definitions/<name>.ts`) is loaded when commander dispatches to
 * it, or when `outreach help <name>` asks for its help, and its module (`commands/<name>.ts`) when it runs.
 */
import { Command, Help, type CommanderError } from "commander";
import { COMMAND_TABLE, type CommandEntry } from "./command-table.js";
import type { CliContext } from "./context.js";
import type { CommandResult } from "./define-command.js";
import { EXIT_CODES } from "./exit-codes.js";
import { VERSION } from "./version.js";

export type { CommandResult } from "./define-command.js";

/** Commands of the table whose definition is not loaded yet, with the function that loads it. */
const undefinedCommands = new WeakMap<Command, { entry: CommandEntry; define: () => Promise<void> }>();

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
    // A command not loaded yet is listed as the table gives it (it has no arguments or options yet).
    .configureHelp({
      subcommandTerm(this: Help, cmd: Command): string {
        return undefinedCommands.get(cmd)?.entry.term ?? Help.prototype.subcommandTerm.call(this, cmd);
      },
    })
    .exitOverride((err: CommanderError) => {
      throw err;
    });

  // Commands inherit the output, help and exit settings above from the program when they are created.
  for (const entry of COMMAND_TABLE) {
    const cmd = program.command(entry.name).summary(entry.summary).description(entry.summary);
    undefinedCommands.set(cmd, {
      entry,
      define: async () => {
        const define = await entry.load();
        undefinedCommands.delete(cmd);
        define(cmd, ctx, result);
      },
    });
  }
  program.hook("preSubcommand", (_program, cmd) => defineCommand(cmd));
  // In place of commander's implicit help command, which shows a command's help without dispatching to it.
  // Like commander's: `help` alone (or `help --help`) is the program's help, an unknown name an error.
  const help = program
    .command("help")
    .argument("[command]")
    .description("display help for command")
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (name: string | undefined) => {
      if (name === undefined || name.startsWith("-")) program.help();
      const cmd = program.commands.find((c) => c !== help && c.name() === name);
      if (!cmd) {
        program.help({ error: true });
        return;
      }
      await defineCommand(cmd);
      cmd.help();
    });

  result.exitCode = EXIT_CODES.success;
  return program;
}

/** Load a command's definition if it is not loaded yet (a no-op for every other command). */
export async function defineCommand(cmd: Command): Promise<void> {
  await undefinedCommands.get(cmd)?.define();
}
