/** `outreach mark` and `unmark`: arguments, options and help; the commands are `commands/mark.ts`. */
import { Option, type Command } from "commander";
import { MARK_OUTCOMES } from "../../ledger/ledger-event-schema.js";
import type { CliContext } from "../context.js";
import { campaignArgument, withExample, type CommandResult } from "../define-command.js";

export interface MarkOptions {
  note?: string;
  date?: string;
  undo?: boolean;
  format: "text" | "json";
}

/** text for people (the default, on stderr), or one JSON object on stdout for scripts. */
function formatOption(): Option {
  return new Option(
    "--format <format>",
    "text, or json: the events recorded, the contact's status after, directory changes",
  )
    .choices(["text", "json"])
    .default("text");
}

export function defineMarkCommand(cmd: Command, ctx: CliContext, _result: CommandResult): void {
  withExample(
    cmd
      .description(
        `record an off-line outcome for a contact (${MARK_OUTCOMES.join(", ")}); sent / not-sent settle an uncertain message; --undo takes back the latest mark`,
      )
      .addArgument(campaignArgument(ctx))
      .argument("<contact>", "contact id (from contacts/directory.csv)")
      .argument(
        "[outcome]",
        `${MARK_OUTCOMES.join(" | ")}, or a partner's word for it in Spanish or French (entregado, livré…); with --undo: only a mark of this outcome`,
      )
      .option("--note <text>", "free text kept with the event, e.g. who called and what they said")
      .option("--date <date>", "when it happened (YYYY-MM-DD or ISO 8601), if not today")
      .option(
        "--undo",
        "take back the latest mark not taken back yet (appends a retraction; repeat to go further back)",
      )
      .addOption(formatOption())
      .action(
        async (campaign: string, contact: string, outcome: string | undefined, options: MarkOptions) => {
          const { runMark } = await import("../commands/mark.js");
          await runMark(ctx, campaign, contact, outcome, options);
        },
      ),
    'outreach mark wcit-2012 ar-19f0aeb27c replied --note "called back, meeting on 20 Nov" --date 2012-11-08',
    'outreach mark wcit-2012 ke-a65bd1789c sent --note "relay log: 250 queued as 4Xk2"',
    "outreach mark wcit-2012 ke-a65bd1789c --undo",
    "outreach mark wcit-2012 ar-19f0aeb27c entregado --format json",
  );
}

export function defineUnmarkCommand(cmd: Command, ctx: CliContext, _result: CommandResult): void {
  withExample(
    cmd
      .description(
        "take back the latest mark of a contact that is not taken back yet (same as `mark … --undo`); the ledger keeps both, as an `unmarked` event names the mark",
      )
      .addArgument(campaignArgument(ctx))
      .argument("<contact>", "contact id (from contacts/directory.csv)")
      .argument("[outcome]", "only a mark of this outcome")
      .option("--note <text>", "why it is taken back")
      .addOption(formatOption())
      .action(
        async (campaign: string, contact: string, outcome: string | undefined, options: MarkOptions) => {
          const { runUnmark } = await import("../commands/mark.js");
          await runUnmark(ctx, campaign, contact, outcome, options);
        },
      ),
    "outreach unmark wcit-2012 ke-a65bd1789c",
    "outreach unmark wcit-2012 ke-a65bd1789c --format json",
  );
}
