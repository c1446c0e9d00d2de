/** `outreach mark <campaign> <contact> <outcome>`: record an outcome that happened off-line. */
import type { Command } from "commander";
import { formatProblem } from "../../core/errors.js";
import { MARK_OUTCOMES } from "../../ledger/ledger-event-schema.js";
import { markContact } from "../../track/mark-contact.fs.js";
import type { CliContext } from "../context.js";
import { withExample, type CommandResult } from "../program.js";

export function registerMarkCommand(parent: Command, ctx: CliContext, _result: CommandResult): void {
  withExample(
    parent
      .command("mark")
      .description(
        `record an off-line outcome for a contact (${MARK_OUTCOMES.join(", ")}); do-not-contact also updates the directory`,
      )
      .argument("<campaign>", "campaign id")
      .argument("<contact>", "contact id (from contacts/directory.csv)")
      .argument("<outcome>", MARK_OUTCOMES.join(" | "))
      .option("--note <text>", "free text kept with the event, e.g. who called and what they said")
      .option("--date <date>", "when it happened (YYYY-MM-DD or ISO 8601), if not today")
      .action(
        async (
          campaign: string,
          contact: string,
          outcome: string,
          options: { note?: string; date?: string },
        ) => {
          const result = await markContact(ctx.workspace, campaign, contact, outcome, options, ctx.clock);
          for (const p of result.problems) ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
          ctx.stderr(
            result.recorded
              ? `marked ${contact} ${result.event.outcome} in ${campaign}\n`
              : `${contact} was already marked ${result.event.outcome} with the same date and note; nothing added\n`,
          );
          if (result.directoryUpdated) ctx.stderr(`directory: ${contact} is now do-not-contact\n`);
        },
      ),
    'outreach mark wcit-2012 ar-19f0aeb27c replied --note "called back, meeting on 20 Nov" --date 2012-11-08',
  );
}
