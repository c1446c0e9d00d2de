/** `outreach report`'s arguments and help; the command itself is `commands/report.ts`, loaded when it runs. */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { withExample, type CommandResult } from "../define-command.js";

export function defineReportCommand(cmd: Command, ctx: CliContext, _result: CommandResult): void {
  withExample(
    cmd.argument("<campaign>", "campaign id").action(async (campaign: string) => {
      const { runReport } = await import("../commands/report.js");
      await runReport(ctx, campaign);
    }),
    "outreach report wcit-2012",
  );
}
