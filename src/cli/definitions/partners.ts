/** `outreach partners export|import`: arguments, options and help; the commands are `commands/partners.ts`. */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { withExample, type CommandResult } from "../define-command.js";

export function definePartnersCommands(partners: Command, ctx: CliContext, result: CommandResult): void {
  partners.configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) });

  withExample(
    partners
      .command("export")
      .description(
        "one folder per partner: contacts.csv with status, letters/ (HTML and .eml) for delivery by hand, README.txt",
      )
      .argument("<campaign>", "campaign id")
      .option("--partner <id>", "only this partner (id from contacts/partners.csv)")
      .option("--out <dir>", "where to write the folders (default: campaigns/<id>/partners)")
      .action(async (campaign: string, options: { partner?: string; out?: string }) => {
        const { runPartnersExport } = await import("../commands/partners.js");
        result.exitCode = await runPartnersExport(ctx, campaign, options);
      }),
    "outreach partners export wcit-2012 --partner cele --out ~/Desktop/packs",
  );

  withExample(
    partners
      .command("import")
      .description(
        "read a partner's returned contacts.csv (contact_id, outcome, date, notes) into the ledger; bad rows are reported, good rows imported",
      )
      .argument("<campaign>", "campaign id")
      .argument("<csv>", "the returned CSV")
      .option(
        "--partner <id>",
        "the partner who sent it (recorded with each event; default: the contact's country partner)",
      )
      .action(async (campaign: string, csv: string, options: { partner?: string }) => {
        const { runPartnersImport } = await import("../commands/partners.js");
        result.exitCode = await runPartnersImport(ctx, campaign, csv, options);
      }),
    "outreach partners import wcit-2012 cele-contacts.csv --partner cele",
  );
}
