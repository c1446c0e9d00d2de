/** `outreach preview`'s arguments, options and help; the command itself is `commands/preview.ts`, loaded when it runs. */
import { Option, type Command } from "commander";
import type { CliContext } from "../context.js";
import { campaignArgument, withExample, type CommandResult } from "../define-command.js";

export interface PreviewOptions {
  country?: string;
  show?: string;
  format: "text" | "json";
}

export function definePreviewCommand(cmd: Command, ctx: CliContext, _result: CommandResult): void {
  cmd
    .description(
      "render every message of the plan (nothing is sent) to campaigns/<id>/outbox/preview/: one .eml per " +
        "contact as it would be sent, an .html copy of each letter, and index.html listing them by country " +
        "and language. The folder is replaced on each run. With --show, print one contact's message " +
        "(headers and text part) instead and write nothing. Exits 2 when the plan has blocking problems.",
    )
    .addArgument(campaignArgument(ctx))
    .option("--country <codes>", "only these countries, comma-separated (e.g. AR,TH)")
    .option("--show <contact>", "print this contact's message (From, To, Cc, Subject, Message-ID, text part)")
    .addOption(
      new Option("--format <format>", "text, or json: a summary (what was written, counts, problems)")
        .choices(["text", "json"])
        .default("text"),
    )
    .action(async (campaignId: string, opts: PreviewOptions) => {
      const { runPreview } = await import("../commands/preview.js");
      await runPreview(ctx, campaignId, opts);
    });
  withExample(
    cmd,
    "outreach preview wcit-2012",
    "outreach preview wcit-2012 --country PK,TH",
    "outreach preview wcit-2012 --show gb-a72267a471",
    "outreach preview wcit-2012 --format json",
  );
}
