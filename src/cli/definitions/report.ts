/** `outreach report`'s arguments and help; the command itself is `commands/report.ts`, loaded when it runs. */
import { Option, type Command } from "commander";
import type { CliContext } from "../context.js";
import { campaignArgument, withExample, type CommandResult } from "../define-command.js";

export interface ReportOptions {
  out?: string;
  format: "text" | "json";
}

export function defineReportCommand(cmd: Command, ctx: CliContext, _result: CommandResult): void {
  withExample(
    cmd
      .addArgument(campaignArgument(ctx))
      .option("--out <file>", "where to write the page (default: campaigns/<id>/report.html)")
      .addOption(
        new Option("--format <format>", "text: the page's path; json: the totals and per-country figures too")
          .choices(["text", "json"])
          .default("text"),
      )
      .action(async (campaign: string, options: ReportOptions) => {
        const { runReport } = await import("../commands/report.js");
        await runReport(ctx, campaign, options);
      }),
    "outreach report wcit-2012",
    "outreach report wcit-2012 --out ~/public_html/wcit/status.html --format json",
  );
}
