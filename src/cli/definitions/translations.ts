/** `outreach translations export|import|status|approve`: arguments, options and help; the work is `commands/translations.ts`. */
import { Option, type Command } from "commander";
import type { CliContext } from "../context.js";
import { campaignArgument, withExample, type CommandResult } from "../define-command.js";

export interface TranslationsExportOptions {
  lang: string;
  out?: string;
  format: "text" | "json";
}

export interface TranslationsImportOptions {
  lang?: string;
  format: "text" | "json";
}

export interface TranslationsStatusOptions {
  lang?: string;
  format: "text" | "json";
}

export interface TranslationsApproveOptions {
  lang: string;
  by?: string;
  format: "text" | "json";
}

function formatOption(what: string): Option {
  return new Option("--format <format>", `text, or json: ${what}`).choices(["text", "json"]).default("text");
}

export function defineTranslationsCommands(group: Command, ctx: CliContext, result: CommandResult): void {
  group.configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) });
  const load = () => import("../commands/translations.js");

  withExample(
    group
      .command("export")
      .description(
        "the letter's translatable segments (subject, paragraphs, headings, list items, salutations) as a gettext PO file " +
          "for a translator's tool (Poedit, Weblate, OmegaT); a language the campaign lacks gives an empty catalogue",
      )
      .addArgument(campaignArgument(ctx))
      .requiredOption("--lang <code>", "the translation's language, e.g. th")
      .option("--out <file>", "where to write it (default: campaigns/<id>/translations/<letter>.<lang>.po)")
      .addOption(formatOption("the file written and its segment counts"))
      .action(async (campaign: string, options: TranslationsExportOptions) => {
        result.exitCode = await (await load()).runTranslationsExport(ctx, campaign, options);
      }),
    "outreach translations export wcit-2012 --lang th",
    "outreach translations export wcit-2012 --lang ar --out ~/Desktop/itu-letter.ar.po",
  );

  withExample(
    group
      .command("import")
      .description(
        "write a translated PO file back into templates/<letter>/<lang>.mjml, its subject and salutations; segments whose " +
          "placeholders or markup do not match are reported file:line and left out, the rest imported",
      )
      .addArgument(campaignArgument(ctx))
      .argument("<file>", "the PO file the translator returned")
      .option("--lang <code>", "the language, when the file's Language header lacks it")
      .addOption(formatOption("segments imported, missing and rejected, files written"))
      .action(async (campaign: string, file: string, options: TranslationsImportOptions) => {
        result.exitCode = await (await load()).runTranslationsImport(ctx, campaign, file, options);
      }),
    "outreach translations import wcit-2012 itu-letter.th.po",
  );

  withExample(
    group
      .command("status")
      .description(
        "per translation: segments current, changed since the source letter changed, new, gone; and whether its approval still holds",
      )
      .addArgument(campaignArgument(ctx))
      .option("--lang <code>", "only this language")
      .addOption(formatOption("every language with each segment's state"))
      .action(async (campaign: string, options: TranslationsStatusOptions) => {
        result.exitCode = await (await load()).runTranslationsStatus(ctx, campaign, options);
      }),
    "outreach translations status wcit-2012",
    "outreach translations status wcit-2012 --lang th --format json",
  );

  withExample(
    group
      .command("approve")
      .description(
        "record that a native speaker checked the translation as it is now (who, when, which revision); " +
          "a real send needs it, or reviewed: true in campaign.json, or --allow-unreviewed",
      )
      .addArgument(campaignArgument(ctx))
      .requiredOption("--lang <code>", "the translation's language")
      .option("--by <name>", "who approved it (default: $USER)")
      .addOption(formatOption("the approval recorded"))
      .action(async (campaign: string, options: TranslationsApproveOptions) => {
        result.exitCode = await (await load()).runTranslationsApprove(ctx, campaign, options);
      }),
    'outreach translations approve wcit-2012 --lang th --by "Thai Netizen Network"',
  );
}
