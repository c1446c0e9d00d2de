/** Validating off-line outcomes (from `outreach mark` and partner CSVs) and building their `marked` events. Pure. */
import { MARK_OUTCOMES, type MarkedEvent } from "../ledger/ledger-event-schema.js";

export type MarkOutcome = (typeof MARK_OUTCOMES)[number];

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
  };
}

/** Same contact, outcome, date, note and recorder: the same fact, so a re-import does not record it twice. */
export function markKey(e: Pick<MarkedEvent, "contact" | "outcome" | "date" | "note" | "by">): string {
  return JSON.stringify([e.contact, e.outcome, e.date ?? "", e.note ?? "", e.by ?? ""]);
}
