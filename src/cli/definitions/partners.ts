/** `outreach partners export|import`: arguments, options and help; the commands are `commands/partners.ts`. */
import { Option, type Command } from "commander";
import type { CliContext } from "../context.js";
import { campaignArgument, withExample, type CommandResult } from "../define-command.js";

export interface PartnersExportOptions {
  partner?: string;
  out?: string;
  /** `--no-pdf` sets it false: the packs get the pages without PDFs. */
  pdf?: boolean;
  browser?: string;
  format: "text" | "json";
}

export interface PartnersImportOptions {
  partner?: string;
  format: "text" | "json";
}

/** text for people (the default), or one JSON object on stdout for scripts (the text then goes to stderr). */
function formatOption(what: string): Option {
  return new Option("--format <format>", `text, or json: ${what}`).choices(["text", "json"]).default("text");
}

export function definePartnersCommands(partners: Command, ctx: CliContext, result: CommandResult): void {
  partners.configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) });

  withExample(
    partners
      .command("export")
      .description(
        "one folder per partner: contacts.csv with status, letters/ (HTML and .eml) for delivery by hand, README.txt",
      )
      .addArgument(campaignArgument(ctx))
      .option("--partner <id>", "only this partner (id from contacts/partners.csv)")
      .option("--out <dir>", "where to write the folders (default: campaigns/<id>/partners)")
      .option(
        "--browser <path>",
        "Chromium, Chrome or Edge for the PDFs (default: $OUTREACH_BROWSER, else the usual install places)",
      )
      .option("--no-pdf", "the letter's pages without PDFs (no browser needed)")
      .addOption(formatOption("the packs, every file written, unreviewed translations, problems"))
      .action(async (campaign: string, options: PartnersExportOptions) => {
        const { runPartnersExport } = await import("../commands/partners.js");
        result.exitCode = await runPartnersExport(ctx, campaign, options);
      }),
    "outreach partners export wcit-2012 --partner cele --out ~/Desktop/packs",
    "outreach partners export wcit-2012 --format json",
  );

  withExample(
    partners
      .command("import")
      .description(
        "read a partner's returned contacts.csv (contact_id, outcome, date, notes) into the ledger; outcomes in English, Spanish or French; bad rows are reported, good rows imported",
      )
      .addArgument(campaignArgument(ctx))
      .argument("<csv>", "the returned CSV")
      .option(
        "--partner <id>",
        "the partner who sent it (recorded with each event; default: the contact's country partner)",
      )
      .addOption(formatOption("the events recorded, rejected rows with their problems, counts"))
      .action(async (campaign: string, csv: string, options: PartnersImportOptions) => {
        const { runPartnersImport } = await import("../commands/partners.js");
        result.exitCode = await runPartnersImport(ctx, campaign, csv, options);
      }),
    "outreach partners import wcit-2012 cele-contacts.csv --partner cele",
    "outreach partners import wcit-2012 cele-contacts.csv --partner cele --format json",
  );
}
