/** `outreach status`'s arguments, options and help; the command itself is `commands/status.ts`, loaded when it runs. */
import { Option, type Command } from "commander";
import { STATUS_GROUPS, type StatusGroup } from "../../report/status-rows.js";
import type { CliContext } from "../context.js";
import { campaignArgument, withExample, type CommandResult } from "../define-command.js";
import { OUTPUT_FORMATS, type OutputFormat } from "../output.js";

export interface StatusOptions {
  by?: StatusGroup;
  format: OutputFormat;
  olderSignatories?: boolean;
}

export function defineStatusCommand(cmd: Command, ctx: CliContext, _result: CommandResult): void {
  withExample(
    cmd
      .addArgument(campaignArgument(ctx))
      .addOption(
        new Option("--by <group>", "counts per group instead of one line per contact").choices(STATUS_GROUPS),
      )
      .addOption(new Option("--format <format>", "output format").choices(OUTPUT_FORMATS).default("table"))
      .option(
        "--older-signatories",
        "only contacts whose message printed an older signatory list than the approved one now (for a follow-up)",
      )
      .action(async (campaign: string, options: StatusOptions) => {
        const { runStatus } = await import("../commands/status.js");
        await runStatus(ctx, campaign, options);
      }),
    "outreach status wcit-2012",
    "outreach status wcit-2012 --by country --format csv",
    "outreach status wcit-2012 --older-signatories --format json",
  );
}
