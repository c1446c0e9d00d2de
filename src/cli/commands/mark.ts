/**
 * `outreach mark <campaign> <contact> <outcome>`: record an outcome that happened off-line, or settle an
 * uncertain message (sent / not-sent); `--undo` (or `outreach unmark`) takes back the latest mark. What
 * was done is told on stderr; `--format json` also prints it as one object on stdout.
 */
import { formatProblem, InputError } from "../../core/errors.js";
import { MARK_OUTCOMES } from "../../ledger/ledger-event-schema.js";
import {
  markContact,
  unmarkContact,
  type ContactStatusAfter,
  type UnmarkResult,
} from "../../inbox/mark-contact.fs.js";
import type { CliContext } from "../context.js";
import type { MarkOptions } from "../definitions/mark.js";
import { formatJson } from "../output.js";

export async function runMark(
  ctx: CliContext,
  campaign: string,
  contact: string,
  outcome: string | undefined,
  options: MarkOptions,
): Promise<void> {
  if (options.undo) {
    if (options.date !== undefined) throw new InputError("E_USAGE", "--date does not go with --undo");
    await runUnmark(ctx, campaign, contact, outcome, options);
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
  if (options.format === "json") {
    ctx.stdout(
      formatJson({
        command: "mark",
        campaign,
        contact,
        recorded: result.recorded,
        events: result.recorded ? [result.event] : [],
        mark: result.event,
        directory: result.directoryUpdated ? { status: "do-not-contact" } : null,
        status: { state: result.state, detail: result.detail },
        problems: result.problems,
      }),
    );
  }
}

export async function runUnmark(
  ctx: CliContext,
  campaign: string,
  contact: string,
  outcome: string | undefined,
  options: Pick<MarkOptions, "note" | "format">,
): Promise<void> {
  const { note } = options;
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
  if (options.format === "json") {
    ctx.stdout(
      formatJson({
        command: "unmark",
        campaign,
        contact,
        recorded: true,
        events: [result.event],
        retracted: result.retracted,
        directory: result.directoryRestored ? { status: result.directoryRestored } : null,
        laterSendEvents: result.laterSendEvents,
        status: { state: result.state, detail: result.detail },
        problems: result.problems,
      }),
    );
  }
}

function statusLine(s: ContactStatusAfter): string {
  return `status: ${s.state}${s.detail ? ` (${s.detail})` : ""}\n`;
}
