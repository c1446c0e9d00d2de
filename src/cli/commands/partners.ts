/** `outreach partners export|import`: packs for national partner groups, and their outcomes back into the ledger. */
import type { Command } from "commander";
import { formatProblem } from "../../core/errors.js";
import { exportPartnerPacks, importPartnerCsv } from "../../track/partner-packs.fs.js";
import type { CliContext } from "../context.js";
import { EXIT_CODES } from "../exit-codes.js";
import { withExample, type CommandResult } from "../program.js";

export function registerPartnersCommand(parent: Command, ctx: CliContext, result: CommandResult): void {
  const partners = parent
    .command("partners")
    .description("coordinate with national partner groups: export packs, import their outcomes");
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
        const r = await exportPartnerPacks(ctx.workspace, campaign, options, ctx.clock);
        for (const p of r.problems) ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
        for (const pack of r.packs)
          ctx.stdout(`${pack.partner}\t${pack.contacts} contacts\t${pack.letters} letters\t${pack.dir}\n`);
        if (r.problems.some((p) => (p.severity ?? "error") === "error"))
          result.exitCode = EXIT_CODES.finishedWithFailures;
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
        const r = await importPartnerCsv(ctx.workspace, campaign, csv, options, ctx.clock);
        for (const p of r.problems) ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
        const rejected = r.problems.filter((p) => (p.severity ?? "error") === "error").length;
        ctx.stdout(
          `${r.recorded.length} outcomes recorded, ${r.duplicates} already recorded, ${r.blank} rows without outcome, ${rejected} rows rejected\n`,
        );
        if (r.directoryUpdated.length > 0)
          ctx.stdout(`directory: do-not-contact: ${r.directoryUpdated.join(", ")}\n`);
        if (rejected > 0) result.exitCode = EXIT_CODES.finishedWithFailures;
      }),
    "outreach partners import wcit-2012 cele-contacts.csv --partner cele",
  );
}
