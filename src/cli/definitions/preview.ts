/** `outreach preview`'s arguments, options and help; the command itself is `commands/preview.ts`, loaded when it runs. */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { withExample, type CommandResult } from "../define-command.js";

export function definePreviewCommand(cmd: Command, ctx: CliContext, _result: CommandResult): void {
  cmd
    .description(
      "render every message of the plan (nothing is sent) to campaigns/<id>/outbox/preview/: one .eml per " +
        "contact as it would be sent, an .html copy of each letter, and index.html listing them by country " +
        "and language. The folder is replaced on each run. Exits 2 when the plan has blocking problems.",
    )
    .argument("<campaign>", "campaign id (folder under campaigns/)")
    .option("--country <codes>", "only these countries, comma-separated (e.g. AR,TH)")
    .action(async (campaignId: string, opts: { country?: string }) => {
      const { runPreview } = await import("../commands/preview.js");
      await runPreview(ctx, campaignId, opts);
    });
  withExample(cmd, "outreach preview wcit-2012", "outreach preview wcit-2012 --country PK,TH");
}
