/**
 * `outreach mark <campaign> <contact> <outcome>`: record an outcome that happened off-line, or settle an
 * uncertain message (sent / not-sent); `--undo` (or `outreach unmark`) takes back the latest mark.
 */
import type { Command } from "commander";
import { formatProblem, InputError } from "../../core/errors.js";
import { MARK_OUTCOMES } from "../../ledger/ledger-event-schema.js";
import {
  markContact,
  unmarkContact,
  type ContactStatusAfter,
  type UnmarkResult,
} from "../../track/mark-contact.fs.js";
import type { CliContext } from "../context.js";
import { withExample, type CommandResult } from "../program.js";

interface MarkOptions {
  note?: string;
  date?: string;
  undo?: boolean;
}

export function registerMarkCommand(parent: Command, ctx: CliContext, _result: CommandResult): void {
  withExample(
    parent
      .command("mark")
      .summary("record an off-line outcome, settle an uncertain message (sent / not-sent), or --undo a mark")
      .description(
        `record an off-line outcome for a contact (${MARK_OUTCOMES.join(", ")}); sent / not-sent settle an uncertain message; --undo takes back the latest mark`,
      )
      .argument("<campaign>", "campaign id")
      .argument("<contact>", "contact id (from contacts/directory.csv)")
      .argument("[outcome]", `${MARK_OUTCOMES.join(" | ")} (with --undo: only a mark of this outcome)`)
      .option("--note <text>", "free text kept with the event, e.g. who called and what they said")
      .option("--date <date>", "when it happened (YYYY-MM-DD or ISO 8601), if not today")
      .option(
        "--undo",
        "take back the latest mark not taken back yet (appends a retraction; repeat to go further back)",
      )
      .action(
        async (campaign: string, contact: string, outcome: string | undefined, options: MarkOptions) => {
          if (options.undo) {
            if (options.date !== undefined) throw new InputError("E_USAGE", "--date does not go with --undo");
            await undo(ctx, campaign, contact, outcome, options.note);
            return;
          }
          if (outcome === undefined) {
            throw new InputError("E_USAGE", "give an outcome, or --undo to take back the latest mark", {
              hint: `outcomes: ${MARK_OUTCOMES.join(", ")}`,
            });
          }
          const result = await markContact(ctx.workspace, campaign, contact, outcome, options, ctx.clock);
          for (const p of result.problems) ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
          const what = `${result.event.outcome}${result.event.attempt !== undefined ? ` (attempt ${result.event.attempt})` : ""}`;
          ctx.stderr(
            result.recorded
              ? `marked ${contact} ${what} in ${campaign}\n`
              : `${contact} was already marked ${what} with the same date and note; nothing added\n`,
          );
          if (result.directoryUpdated) ctx.stderr(`directory: ${contact} is now do-not-contact\n`);
          ctx.stderr(statusLine(result));
        },
      ),
    'outreach mark wcit-2012 ar-19f0aeb27c replied --note "called back, meeting on 20 Nov" --date 2012-11-08',
    'outreach mark wcit-2012 ke-a65bd1789c sent --note "relay log: 250 queued as 4Xk2"',
    "outreach mark wcit-2012 ke-a65bd1789c --undo",
  );

  withExample(
    parent
      .command("unmark")
      .description(
        "take back the latest mark of a contact that is not taken back yet (same as `mark … --undo`); the ledger keeps both, as an `unmarked` event names the mark",
      )
      .summary("take back the latest mark of a contact (same as `mark … --undo`)")
      .argument("<campaign>", "campaign id")
      .argument("<contact>", "contact id (from contacts/directory.csv)")
      .argument("[outcome]", "only a mark of this outcome")
      .option("--note <text>", "why it is taken back")
      .action(
        async (campaign: string, contact: string, outcome: string | undefined, options: MarkOptions) => {
          await undo(ctx, campaign, contact, outcome, options.note);
        },
      ),
    "outreach unmark wcit-2012 ke-a65bd1789c",
  );
}

async function undo(
  ctx: CliContext,
  campaign: string,
  contact: string,
  outcome: string | undefined,
  note: string | undefined,
): Promise<void> {
  const result: UnmarkResult = await unmarkContact(
    ctx.workspace,
    campaign,
    contact,
    { ...(outcome !== undefined ? { outcome } : {}), ...(note !== undefined ? { note } : {}) },
    ctx.clock,
  );
  for (const p of result.problems) ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
  ctx.stderr(
    `took back the mark ${result.retracted.outcome} of ${result.retracted.at} for ${contact} in ${campaign}\n`,
  );
  if (result.directoryRestored) ctx.stderr(`directory: ${contact} is ${result.directoryRestored} again\n`);
  if (result.laterSendEvents)
    ctx.stderr("the send events recorded after that mark stand; the status follows them\n");
  ctx.stderr(statusLine(result));
}

function statusLine(s: ContactStatusAfter): string {
  return `status: ${s.state}${s.detail ? ` (${s.detail})` : ""}\n`;
}
