/** `outreach directory history`'s arguments, options and help; the command is `commands/directory-history.ts`. */
import { Option, type Command } from "commander";
import type { CliContext } from "../context.js";
import { withExample, type CommandResult } from "../define-command.js";
import { OUTPUT_FORMATS, type OutputFormat } from "../output.js";

export function defineHistoryCommand(parent: Command, ctx: CliContext, _result: CommandResult): void {
  withExample(
    parent
      .command("history")
      .description("every campaign event for one contact, across all campaigns' ledgers")
      .argument("<contact>", "contact id (the `id` column of contacts/directory.csv)")
      .addOption(new Option("--format <format>", "output format").choices(OUTPUT_FORMATS).default("table"))
      .action(async (contact: string, options: { format: OutputFormat }) => {
        const { runHistory } = await import("../commands/directory-history.js");
        await runHistory(ctx, contact, options);
      }),
    "outreach directory history ar-19f0aeb27c",
  );
}
