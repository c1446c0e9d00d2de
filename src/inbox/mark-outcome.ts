/**
 * Validating off-line outcomes (from `outreach mark` and partner CSVs), building their `marked` events and
 * the `unmarked` events that retract them, and which marks still stand. Pure.
 */
import type { ContactStatus } from "../contacts/contact-schema.js";
import { foldAccentsAndCase } from "../core/fold-text.js";
import {
  isSendMarkOutcome,
  MARK_OUTCOMES,
  retractsMark,
  type LedgerEvent,
  type MarkedEvent,
  type MarkOutcome,
  type SendMarkOutcome,
  type UnmarkedEvent,
} from "../ledger/ledger-event-schema.js";

export type { MarkOutcome };

/** The outcomes a partner may report: not `sent` / `not-sent` (see PARTNER_OUTCOME_WORDS). */
export type PartnerOutcome = Exclude<MarkOutcome, SendMarkOutcome>;

/** In the order a partner pack's README lists them. */
export const PARTNER_OUTCOMES: readonly PartnerOutcome[] = [
  "delivered-by-partner",
  "replied",
  "meeting-held",
  "wrong-contact",
  "do-not-contact",
];

/**
 * The words a partner may write for each outcome, in the languages partner packs are written in. The first
 * English word is the one every README shows; a pack in Spanish or French also lists all of its own. Read
 * with accents, case, spaces, dashes and underscores folded: "Entregada", "livree", "No_contactar".
 */
export const OUTCOME_WORDS_BY_LANGUAGE = {
  en: {
    "delivered-by-partner": ["delivered", "delivered-by-partner", "delivered-by-hand"],
    replied: ["replied"],
    "meeting-held": ["meeting-held", "meeting"],
    "wrong-contact": ["wrong-contact", "wrong-person"],
    "do-not-contact": ["do-not-contact", "do-not-write"],
  },
  es: {
    "delivered-by-partner": ["entregado", "entregada"],
    replied: ["respondió", "respondieron"],
    "meeting-held": ["reunión"],
    "wrong-contact": ["contacto equivocado"],
    "do-not-contact": ["no contactar"],
  },
  fr: {
    "delivered-by-partner": ["livré", "livrée", "remis", "remise"],
    replied: ["a répondu", "répondu"],
    "meeting-held": ["réunion"],
    "wrong-contact": ["mauvais contact"],
    "do-not-contact": ["ne pas contacter"],
  },
} as const satisfies Record<string, Record<PartnerOutcome, readonly string[]>>;

export type OutcomeWordLanguage = keyof typeof OUTCOME_WORDS_BY_LANGUAGE;

/** A partner's outcome words in `language`, or undefined when packs in that language are in English. */
export function outcomeWordsIn(language: string): Record<PartnerOutcome, readonly string[]> | undefined {
  return Object.hasOwn(OUTCOME_WORDS_BY_LANGUAGE, language)
    ? OUTCOME_WORDS_BY_LANGUAGE[language as OutcomeWordLanguage]
    : undefined;
}

/** "Réunion", " reunion ", "RÉUNION" → "reunion"; "No contactar", "no_contactar" → "no-contactar". */
function outcomeKey(word: string): string {
  return foldAccentsAndCase(word)
    .trim()
    .replace(/[\s_-]+/g, "-");
}

/** Every accepted word, folded, to its outcome: the ledger's own names first, then each language's. */
const OUTCOME_BY_KEY: ReadonlyMap<string, MarkOutcome> = new Map<string, MarkOutcome>([
  ...MARK_OUTCOMES.map((o) => [o, o] as const),
  ...Object.values(OUTCOME_WORDS_BY_LANGUAGE).flatMap((words) =>
    PARTNER_OUTCOMES.flatMap((o) => words[o].map((w) => [outcomeKey(w), o] as const)),
  ),
]);

/** The ledger outcome an outcome word names, in English, Spanish or French; undefined when none does. */
export function parseOutcome(value: string): MarkOutcome | undefined {
  return OUTCOME_BY_KEY.get(outcomeKey(value));
}

/** The English words `outreach mark` accepts (it takes the Spanish and French ones too). */
export const OUTCOME_WORDS: readonly string[] = [
  ...new Set([...MARK_OUTCOMES, ...PARTNER_OUTCOMES.flatMap((o) => OUTCOME_WORDS_BY_LANGUAGE.en[o])]),
];

/**
 * The English words a partner's CSV may use: not `sent` / `not-sent`, which settle an uncertain email of
 * ours and need the organiser's own check (the server's log), so they are recorded with `outreach mark` only.
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
