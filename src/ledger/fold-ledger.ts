/**
 * Fold the ledger into one send state per contact. Input: ledger events in file order. Output: a map
 * contact → state. Pure; `streamLedger` feeds it so a 100k-message ledger is never held in memory.
 *
 * This is the one reading of the send events: the sender acts on it, and `status`, the report, partner
 * packs, history and `mark` show it (src/ledger/fold-status.ts keeps one of these records per contact and
 * adds only mail and marks on top; it never re-derives the delivery state).
 *
 * The states, and why: `sent` is sticky (nothing later un-sends a message); an `attempt` with no
 * outcome after it is `uncertain` (the server may or may not have taken the message, so it is never
 * re-sent automatically); `deferred` and `skipped` are re-evaluated on the next run; `failed` is final.
 * A `skipped` event means "this run chose not to send" (do-not-contact, bounced, mailed recently by another
 * campaign). It replaces `pending`, `skipped` and `deferred`: after a deferral the message was never
 * delivered, and no retry is pending any more, since the next run decides afresh (it skips again while the
 * reason holds, and sends at once, with the next attempt number, when it is gone). So `deferred → skipped`
 * is `skipped`, to the sender and in `status` alike. A skip never replaces `sent`, `failed` (final) or
 * `uncertain` (the message may have gone out: a skip must not hide it).
 * `attempts` is the highest attempt number of any send event (an outcome whose `attempt` line was lost
 * still counts), so an attempt number is never reused and a mark settles the attempt the sender knows.
 * A verified `complaint` (a feedback report, a provider's complaint notice, a request to stop writing) makes the
 * contact do-not-contact here as a `do-not-contact` mark does, and no undo takes it back: the sender never
 * writes to someone who complained, even when the directory could not be rewritten.
 * A person settles an uncertain attempt with a mark: `sent` makes it sent, `not-sent` makes the contact
 * pending again (the next attempt gets the next number). An `unmarked` event retracts a mark: the state is
 * replayed from just before the contact's first such mark without it, so send events recorded after the
 * mark (a new attempt, its outcome) still stand.
 */
import {
  isSendMarkOutcome,
  retractsMark,
  type LedgerEvent,
  type MarkedEvent,
  type MarkOutcome,
  type UnmarkedEvent,
} from "./ledger-event-schema.js";

export type SendState =
  | { kind: "pending" }
  | { kind: "sent"; at: string; messageId: string; response: string }
  | { kind: "deferred"; at: string; retryAt: string | undefined; response: string }
  | { kind: "failed"; at: string; response: string }
  | { kind: "uncertain"; at: string; messageId: string; email: string; transport: string }
  | { kind: "skipped"; at: string; reason: string };

export type SendStateKind = SendState["kind"];

export interface ContactSendRecord {
  contact: string;
  state: SendState;
  /** Highest attempt number seen for this contact (0 when never attempted). */
  attempts: number;
  language: string | undefined;
  email: string | undefined;
  /**
   * Set when the contact was marked do-not-contact in this campaign (`outreach mark`) and the mark was not
   * retracted, or complained (a verified `complaint` event).
   */
  doNotContact: boolean;
  /** Set by a verified `complaint` event; never retracted. */
  complained: boolean;
  /** Marks not retracted, oldest first; undefined until the first mark (marks are few, made by people). */
  marks: { at: string; outcome: MarkOutcome }[] | undefined;
  /**
   * From the contact's first `sent` / `not-sent` mark on: the send part as it was just before it, and every
   * send event and send mark since, so that retracting a mark can replay the rest without it.
   */
  replay: SendReplay | undefined;
}

type SendEvent = Extract<LedgerEvent, { type: "attempt" | "sent" | "deferred" | "failed" | "skipped" }>;

interface SendReplay {
  base: Pick<ContactSendRecord, "state" | "attempts" | "language" | "email">;
  events: (SendEvent | MarkedEvent)[];
}

export type LedgerFold = Map<string, ContactSendRecord>;

export function createLedgerFold(): LedgerFold {
  return new Map();
}

function recordFor(fold: LedgerFold, contact: string): ContactSendRecord {
  let rec = fold.get(contact);
  if (!rec) {
    rec = createSendRecord(contact);
    fold.set(contact, rec);
  }
  return rec;
}

/** A record for a contact with no send events or marks yet (pending). */
export function createSendRecord(contact: string): ContactSendRecord {
  return {
    contact,
    state: { kind: "pending" },
    attempts: 0,
    language: undefined,
    email: undefined,
    doNotContact: false,
    complained: false,
    marks: undefined,
    replay: undefined,
  };
}

/**
 * Whether the event is one this fold reads (send events, marks, undos, complaints); other imported mail
 * (bounces, auto-replies, replies) is not.
 */
export function isSendRecordEvent(
  event: LedgerEvent,
): event is Extract<LedgerEvent, { type: SendEvent["type"] | "marked" | "unmarked" | "complaint" }> {
  return event.type !== "bounced" && event.type !== "auto-replied" && event.type !== "replied";
}

/** Apply one event to the fold (mutates it; the fold is a private accumulator of its caller). */
export function applyLedgerEvent(fold: LedgerFold, event: LedgerEvent): void {
  if (isSendRecordEvent(event)) applyToSendRecord(recordFor(fold, event.contact), event);
}

/**
 * Apply one event of `rec`'s contact to it (mutates it). Other folds that keep a record per contact (the
 * status fold) call this, so there is one rule for every reader. Imported mail changes nothing here but a
 * verified complaint (do-not-contact).
 */
export function applyToSendRecord(rec: ContactSendRecord, event: LedgerEvent): void {
  switch (event.type) {
    case "attempt":
    case "sent":
    case "deferred":
    case "failed":
    case "skipped":
      rec.replay?.events.push(event);
      applySendEvent(rec, event);
      return;
    case "marked":
      applyMark(rec, event);
      return;
    case "unmarked":
      applyUnmark(rec, event);
      return;
    case "complaint":
      // An unverified complaint could be anyone's forgery: it is shown, never acted on.
      if (event.verified !== false) rec.complained = rec.doNotContact = true;
      return;
    default:
      return;
  }
}

function applySendEvent(rec: ContactSendRecord, event: SendEvent): void {
  if (event.type !== "skipped") {
    rec.attempts = Math.max(rec.attempts, event.attempt);
    rec.language = event.language;
    rec.email = event.email;
  }
  if (rec.state.kind === "sent") return;
  switch (event.type) {
    case "attempt":
      rec.state = {
        kind: "uncertain",
        at: event.at,
        messageId: event.messageId,
        email: event.email,
        transport: event.transport,
      };
      return;
    case "sent":
      rec.state = { kind: "sent", at: event.at, messageId: event.messageId, response: event.response };
      return;
    case "deferred":
      rec.state = { kind: "deferred", at: event.at, retryAt: event.retryAt, response: event.response };
      return;
    case "failed":
      rec.state = { kind: "failed", at: event.at, response: event.response };
      return;
    case "skipped":
      // This run chose not to send (see the header): it replaces a deferral, never a message that may
      // have gone out (uncertain) or was given up on (failed).
      if (rec.state.kind === "pending" || rec.state.kind === "skipped" || rec.state.kind === "deferred") {
        rec.state = { kind: "skipped", at: event.at, reason: event.reason };
      }
      return;
  }
}

function applyMark(rec: ContactSendRecord, event: MarkedEvent): void {
  (rec.marks ??= []).push({ at: event.at, outcome: event.outcome });
  if (event.outcome === "do-not-contact") rec.doNotContact = true;
  if (!isSendMarkOutcome(event.outcome)) return;
  rec.replay ??= {
    base: { state: rec.state, attempts: rec.attempts, language: rec.language, email: rec.email },
    events: [],
  };
  rec.replay.events.push(event);
  applySendMark(rec, event);
}

/**
 * `sent` / `not-sent` settle only the uncertain attempt they name; on any other state (a hand-edited
 * ledger) they change nothing.
 */
function applySendMark(rec: ContactSendRecord, event: MarkedEvent): void {
  const state = rec.state;
  if (state.kind !== "uncertain") return;
  if (event.attempt !== undefined && event.attempt !== rec.attempts) return;
  rec.state =
    event.outcome === "sent"
      ? {
          kind: "sent",
          at: event.date ?? event.at,
          messageId: state.messageId,
          response: `marked sent${event.note ? `: ${event.note}` : ""}`,
        }
      : { kind: "pending" };
}

function applyUnmark(rec: ContactSendRecord, event: UnmarkedEvent): void {
  const marks = rec.marks;
  if (!marks) return;
  const i = marks.findLastIndex((m) => retractsMark(event, m));
  if (i < 0) return;
  marks.splice(i, 1);
  if (event.outcome === "do-not-contact")
    rec.doNotContact = rec.complained || marks.some((m) => m.outcome === "do-not-contact");
  const replay = rec.replay;
  if (!replay || !isSendMarkOutcome(event.outcome)) return;
  const j = replay.events.findLastIndex((e) => e.type === "marked" && retractsMark(event, e));
  if (j < 0) return;
  replay.events.splice(j, 1);
  Object.assign(rec, replay.base);
  for (const e of replay.events) {
    if (e.type === "marked") applySendMark(rec, e);
    else applySendEvent(rec, e);
  }
}

export function foldLedger(events: Iterable<LedgerEvent>): LedgerFold {
  const fold = createLedgerFold();
  for (const e of events) applyLedgerEvent(fold, e);
  return fold;
}

export async function foldLedgerStream(events: AsyncIterable<LedgerEvent>): Promise<LedgerFold> {
  const fold = createLedgerFold();
  for await (const e of events) applyLedgerEvent(fold, e);
  return fold;
}

/** The state of one contact; contacts absent from the ledger are pending. */
export function sendStateOf(fold: LedgerFold, contact: string): SendState {
  return fold.get(contact)?.state ?? { kind: "pending" };
}

/** Contacts whose last attempt has no outcome, oldest first. */
export function listUncertain(fold: LedgerFold): ContactSendRecord[] {
  return [...fold.values()]
    .filter((r) => r.state.kind === "uncertain")
    .sort((a, b) => (a.state as { at: string }).at.localeCompare((b.state as { at: string }).at));
}

/** Count contacts per state kind. */
export function countStates(fold: LedgerFold): Record<SendStateKind, number> {
  const counts: Record<SendStateKind, number> = {
    pending: 0,
    sent: 0,
    deferred: 0,
    failed: 0,
    uncertain: 0,
    skipped: 0,
  };
  for (const r of fold.values()) counts[r.state.kind] += 1;
  return counts;
}
