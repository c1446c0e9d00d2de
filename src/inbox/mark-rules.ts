/**
 * What `outreach mark` may record, decided from the contact's own ledger events. Pure: input the events of
 * one contact in one campaign, output the refusal or the mark to act on.
 */
import { InputError } from "../core/errors.js";
import { foldLedger, type SendState } from "../ledger/fold-ledger.js";
import type { LedgerEvent, MarkedEvent, SendMarkOutcome } from "../ledger/ledger-event-schema.js";
import { standingMarks } from "./mark-outcome.js";

/** The send state of one contact from its events (pending when it has none). */
export function contactSendState(
  contact: string,
  events: readonly LedgerEvent[],
): { state: SendState; attempts: number } {
  const rec = foldLedger(events).get(contact);
  return { state: rec?.state ?? { kind: "pending" }, attempts: rec?.attempts ?? 0 };
}

/**
 * `sent` / `not-sent` settle an uncertain attempt and nothing else. Not a deferred or failed message: the
 * server answered those (4xx: not taken, the next send retries; 5xx: refused), and a mark that contradicts
 * the server would hide a message that did not arrive. A letter that reached someone by other means is
 * `replied`, `meeting-held` or `delivered` instead.
 */
export function sendMarkRefusal(
  campaign: string,
  contact: string,
  outcome: SendMarkOutcome,
  state: Exclude<SendState, { kind: "uncertain" }>,
): InputError {
  return new InputError(
    "E_MARK_NOT_UNCERTAIN",
    `${contact} has no uncertain message in ${campaign} (its state is ${state.kind}); only an attempt without an outcome can be marked ${outcome}`,
    { hint: stateHint(campaign, contact, state) },
  );
}

function stateHint(
  campaign: string,
  contact: string,
  state: Exclude<SendState, { kind: "uncertain" }>,
): string {
  const undo = `\`outreach mark ${campaign} ${contact} --undo\``;
  switch (state.kind) {
    case "pending":
      return `${contact} is pending: never attempted, or already marked not-sent (${undo} takes back a mistaken mark)`;
    case "sent":
      return `${contact} is already sent (${state.response}); if a mistaken mark made it so, ${undo} takes it back`;
    case "deferred":
      return `${contact} is deferred (${state.response}): the server did not take it, and the next \`outreach send ${campaign}\` retries it`;
    case "failed":
      return `${contact} failed (${state.response}): the server refused it, which is final; if the letter reached them another way, mark replied, meeting-held or delivered`;
    case "skipped":
      return `${contact} is skipped (${state.reason}): it was never handed to the server`;
  }
}

/** The mark an undo retracts: the latest one still standing (of `outcome`, when given). */
export function undoTarget(
  events: readonly LedgerEvent[],
  outcome?: MarkedEvent["outcome"],
): MarkedEvent | undefined {
  return standingMarks(events).findLast((m) => outcome === undefined || m.outcome === outcome);
}

/** Whether a send event was recorded after `mark` (then that event, not the mark, decides the send state). */
export function hasSendEventAfter(events: readonly LedgerEvent[], mark: MarkedEvent): boolean {
  const i = events.indexOf(mark);
  return events
    .slice(i + 1)
    .some((e) => e.type === "attempt" || e.type === "sent" || e.type === "deferred" || e.type === "failed");
}
