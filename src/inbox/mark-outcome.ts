/**
 * Validating off-line outcomes (from `outreach mark` and partner CSVs), building their `marked` events and
 * the `unmarked` events that retract them, and which marks still stand. Pure.
 */
import type { ContactStatus } from "../contacts/contact-schema.js";
import {
  isSendMarkOutcome,
  MARK_OUTCOMES,
  retractsMark,
  type LedgerEvent,
  type MarkedEvent,
  type MarkOutcome,
  type UnmarkedEvent,
} from "../ledger/ledger-event-schema.js";

export type { MarkOutcome };

/** Words a partner may write in the outcome column, mapped to ledger outcomes. */
const OUTCOME_ALIASES: Readonly<Record<string, MarkOutcome>> = {
  delivered: "delivered-by-partner",
  "delivered-by-hand": "delivered-by-partner",
  meeting: "meeting-held",
  "wrong-person": "wrong-contact",
  "do-not-write": "do-not-contact",
};

export function parseOutcome(value: string): MarkOutcome | undefined {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  if ((MARK_OUTCOMES as readonly string[]).includes(v)) return v as MarkOutcome;
  return OUTCOME_ALIASES[v];
}

export const OUTCOME_WORDS: readonly string[] = [...MARK_OUTCOMES, ...Object.keys(OUTCOME_ALIASES)];

/**
 * The words a partner's CSV may use: not `sent` / `not-sent`, which settle an uncertain email of ours and
 * need the organiser's own check (the server's log), so they are recorded with `outreach mark` only.
 */
export const PARTNER_OUTCOME_WORDS: readonly string[] = OUTCOME_WORDS.filter(
  (w) => !isSendMarkOutcome(parseOutcome(w)),
);

/** `YYYY-MM-DD` or a full ISO 8601 time; returns the normalised text, or undefined when it is not a real date. */
export function parseEventDate(value: string): string | undefined {
  const v = value.trim();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
      ? v
      : undefined;
  }
  if (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v) &&
    !Number.isNaN(Date.parse(v))
  ) {
    return new Date(v).toISOString();
  }
  return undefined;
}

export function markedEvent(input: {
  at: string;
  campaign: string;
  contact: string;
  outcome: MarkOutcome;
  note?: string | undefined;
  by?: string | undefined;
  date?: string | undefined;
  attempt?: number | undefined;
  previousStatus?: ContactStatus | undefined;
}): MarkedEvent {
  return {
    at: input.at,
    campaign: input.campaign,
    contact: input.contact,
    type: "marked",
    outcome: input.outcome,
    ...(input.note ? { note: input.note } : {}),
    ...(input.by ? { by: input.by } : {}),
    ...(input.date ? { date: input.date } : {}),
    ...(input.attempt !== undefined ? { attempt: input.attempt } : {}),
    ...(input.previousStatus ? { previousStatus: input.previousStatus } : {}),
  };
}

/** The event that retracts `mark`. */
export function unmarkedEvent(
  mark: MarkedEvent,
  input: { at: string; note?: string | undefined; by?: string | undefined },
): UnmarkedEvent {
  return {
    at: input.at,
    campaign: mark.campaign,
    contact: mark.contact,
    type: "unmarked",
    markedAt: mark.at,
    outcome: mark.outcome,
    ...(input.note ? { note: input.note } : {}),
    ...(input.by ? { by: input.by } : {}),
  };
}

/**
 * Same contact, outcome, date, note, recorder and settled attempt: the same fact, so a re-import does not
 * record it twice.
 */
export function markKey(
  e: Pick<MarkedEvent, "contact" | "outcome" | "date" | "note" | "by" | "attempt">,
): string {
  return JSON.stringify([e.contact, e.outcome, e.date ?? "", e.note ?? "", e.by ?? "", e.attempt ?? 0]);
}

/**
 * The marks still standing after every retraction, oldest first: each `unmarked` drops the latest
 * standing mark of its contact with the named `at` and outcome, as every fold does.
 */
export function standingMarks(events: Iterable<LedgerEvent>): MarkedEvent[] {
  const marks: MarkedEvent[] = [];
  for (const e of events) {
    if (e.type === "marked") marks.push(e);
    else if (e.type === "unmarked") {
      const i = marks.findLastIndex((m) => m.contact === e.contact && retractsMark(e, m));
      if (i >= 0) marks.splice(i, 1);
    }
  }
  return marks;
}
