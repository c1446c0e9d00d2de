/** `outreach publish`'s arguments and help; the command itself is `commands/publish.ts`, loaded when it runs. */
import { Option, type Command } from "commander";
import type { CliContext } from "../context.js";
import { campaignArgument, withExample, type CommandResult } from "../define-command.js";
import { addPdfOptions, type PdfOptions } from "./letter.js";

export interface PublishOptions extends PdfOptions {
  out?: string;
  /** `--no-pdf` sets it false: pages only, no browser needed. */
  pdf: boolean;
  allowUnreviewed?: boolean;
  format: "text" | "json";
}

export function definePublishCommand(cmd: Command, ctx: CliContext, _result: CommandResult): void {
  cmd
    .description(
      "write the static site to post: one page per language (the letter, its signatories and Updated line, " +
        "links to the translations, how to sign, the PDF), the letter as PDF per language, and index.html. " +
        "Works opened from disk and on any web host; no script, nothing fetched. Re-run it after new " +
        "signatures: it rewrites the pages and PDFs and removes the files of its previous run it no longer writes.",
    )
    .addArgument(campaignArgument(ctx))
    .option("--out <dir>", "where to write the site (default: campaigns/<id>/site)")
    .option("--no-pdf", "pages only, without PDFs (no browser needed)")
    .option("--allow-unreviewed", "publish translations not marked reviewed too (left out otherwise)");
  addPdfOptions(cmd);
  withExample(
    cmd
      .addOption(
        new Option("--format <format>", "text: the folder and its files; json: the same for scripts")
          .choices(["text", "json"])
          .default("text"),
      )
      .action(async (campaign: string, options: PublishOptions) => {
        const { runPublish } = await import("../commands/publish.js");
        await runPublish(ctx, campaign, options);
      }),
    "outreach publish wcit-2012",
    "outreach publish wcit-2012 --out ~/public_html/wcit --allow-unreviewed --paper letter",
    "outreach publish wcit-2012 --no-pdf",
  );
}
