/** `outreach letter pdf`'s arguments, options and help; the command itself is `commands/letter.ts`. */
import { Option, type Command } from "commander";
import type { CliContext } from "../context.js";
import { campaignArgument, withExample, type CommandResult } from "../define-command.js";

/** The options every command that prints a PDF shares. */
export interface PdfOptions {
  browser?: string;
  paper?: "a4" | "letter";
  place?: string;
  date?: string;
}

export interface LetterPdfOptions extends PdfOptions {
  lang?: string;
  contact?: string;
  out?: string;
  format: "text" | "json";
}

export function addPdfOptions(cmd: Command): Command {
  return cmd
    .option(
      "--browser <path>",
      "Chromium, Chrome or Edge to print with (default: $OUTREACH_BROWSER, else the usual install places)",
    )
    .addOption(
      new Option(
        "--paper <size>",
        "paper size (default: each letter's paper in campaign.json, else a4)",
      ).choices(["a4", "letter"]),
    )
    .option("--place <text>", "place written before the date (default: each letter's place in campaign.json)")
    .option("--date <YYYY-MM-DD>", "the letter's date (default: today)");
}

export function defineLetterCommands(letter: Command, ctx: CliContext, _result: CommandResult): void {
  letter.configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) });
  const pdf = letter
    .command("pdf")
    .description(
      "the letter as PDF for print: the generic copy of each language (for the website), or with --contact " +
        "one letter per contact, addressed as the email would be (for delivery by hand). A4 or US Letter, " +
        "place and date, the signatory list, page numbers, fonts bundled so it prints the same everywhere",
    )
    .addArgument(campaignArgument(ctx))
    .option("--lang <codes>", "only these languages, comma-separated (e.g. en,ur)")
    .option(
      "--contact <ids>",
      "addressed letters for these contacts, comma-separated (ids from the directory)",
    )
    .option("--out <dir>", "where to write the PDFs (default: campaigns/<id>/outbox/pdf)");
  addPdfOptions(pdf);
  withExample(
    pdf
      .addOption(
        new Option("--format <format>", "text: the files written; json: the same with language and contact")
          .choices(["text", "json"])
          .default("text"),
      )
      .action(async (campaign: string, options: LetterPdfOptions) => {
        const { runLetterPdf } = await import("../commands/letter.js");
        await runLetterPdf(ctx, campaign, options);
      }),
    "outreach letter pdf wcit-2012",
    "outreach letter pdf wcit-2012 --lang ur --paper letter --place Lahore",
    "outreach letter pdf wcit-2012 --contact pk-00a79158f9,cn-b0519abff6 --browser /usr/bin/chromium",
  );
}
