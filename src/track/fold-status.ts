/**
 * Tracking: fold a campaign's ledger events (send outcomes, imported mail, marks) into one state per
 * contact. Input: events in ledger order. Output: a `ContactTrack` per contact plus per-day counts.
 * Pure and streaming: one small update per event, so 100,000 events fold in well under a second.
 *
 * State precedence, strongest first (a later weaker event never hides a stronger one):
 *   replied > delivered-by-partner > bounced (hard) > auto-replied > sent > failed > deferred > uncertain
 *   > skipped > planned.
 * The send part (sent/failed/deferred/uncertain/skipped) follows the ledger order: an `attempt` without a
 * later outcome is uncertain; `sent` is final; a soft bounce (4.x.x) is recorded but changes no state.
 * Imported mail that inbox import could not verify (`verified: false`: a possibly forged bounce, a reply
 * from outside the contact's domain) changes no state; it is counted and shown in the detail, and a person
 * confirms a reply with `outreach mark … replied`.
 * The marks `sent` / `not-sent` settle an uncertain attempt (not-sent: planned again, the next send retries).
 * An `unmarked` event retracts a mark; a retracted send mark is undone by replaying the contact's send
 * events from just before its first send mark, so later real send events win (the same rule as the
 * sender's fold, src/ledger/fold-ledger.ts).
 */
import {
  isSendMarkOutcome,
  retractsMark,
  type LedgerEvent,
  type MarkedEvent,
  type UnmarkedEvent,
} from "../ledger/ledger-event-schema.js";

export const CONTACT_STATES = [
  "planned",
  "skipped",
  "uncertain",
  "deferred",
  "failed",
  "sent",
  "auto-replied",
  "bounced",
  "delivered-by-partner",
  "replied",
] as const;
export type ContactState = (typeof CONTACT_STATES)[number];

type SendPhase = "none" | "attempt" | "sent" | "deferred" | "failed" | "skipped";
type SendEvent = Extract<LedgerEvent, { type: "attempt" | "sent" | "deferred" | "failed" | "skipped" }>;
/** The send part of a track, as replayed when a send mark is retracted. */
type SendFields = Pick<
  ContactTrack,
  "send" | "attempts" | "messageId" | "email" | "language" | "sentAt" | "response"
>;

export interface BounceInfo {
  status?: string;
  diagnostic?: string;
  at: string;
}
export interface ReplyInfo {
  from?: string;
  date?: string;
  at: string;
  via: "mail" | "mark";
}
export interface MarkInfo {
  outcome: MarkedEvent["outcome"];
  note?: string;
  by?: string;
  date?: string;
  at: string;
}

export interface ContactTrack {
  contact: string;
  send: SendPhase;
  attempts: number;
  messageId?: string;
  email?: string;
  language?: string;
  /** Time of the first `sent` event (or the time a `sent` mark gives). */
  sentAt?: string;
  /** Last server reply for deferred/failed, or the skip reason. */
  response?: string;
  hardBounce?: BounceInfo;
  softBounces: number;
  lastSoftBounce?: BounceInfo;
  autoReplies: number;
  reply?: ReplyInfo;
  /** Imported bounces and replies not verified as being about our message (never change the state). */
  unverified: number;
  lastUnverified?: { kind: "bounce" | "auto-reply" | "reply"; at: string; from?: string };
  /** Marks not retracted, oldest first. */
  marks: MarkInfo[];
  lastEventAt: string;
  /**
   * From the first `sent` / `not-sent` mark on: the send fields just before it, and the send events and
   * send marks since, for replay when one of those marks is retracted.
   */
  sendReplay: { base: SendFields; events: (SendEvent | MarkedEvent)[] } | undefined;
}

export interface StatusFold {
  add(event: LedgerEvent): void;
  readonly tracks: ReadonlyMap<string, ContactTrack>;
  /** Day (YYYY-MM-DD, UTC) → messages accepted by the server (`sent`) that day. */
  readonly sentPerDay: ReadonlyMap<string, number>;
  /** Day → replies received (by the reply's own date when known). */
  readonly repliesPerDay: ReadonlyMap<string, number>;
}

/** A fold for one campaign; events of other campaigns (a ledger should not hold any) are ignored. */
export function createStatusFold(campaign?: string): StatusFold {
  const tracks = new Map<string, ContactTrack>();
  const sentPerDay = new Map<string, number>();
  const repliesPerDay = new Map<string, number>();
  const trackOf = (contact: string, at: string): ContactTrack => {
    let t = tracks.get(contact);
    if (!t) {
      t = newTrack(contact, at);
      tracks.set(contact, t);
    } else if (at > t.lastEventAt) t.lastEventAt = at;
    return t;
  };
  return {
    tracks,
    sentPerDay,
    repliesPerDay,
    add(e) {
      if (campaign !== undefined && e.campaign !== campaign) return;
      const t = trackOf(e.contact, e.at);
      // No spreads or temporary objects here: this runs once per ledger event (100k+ per status call).
      switch (e.type) {
        case "attempt":
        case "sent":
        case "deferred":
        case "failed":
        case "skipped":
          if (t.sendReplay) t.sendReplay.events.push(e);
          applySendEvent(t, e, sentPerDay);
          break;
        case "bounced": {
          if (e.verified === false) {
            noteUnverified(t, "bounce", e.at, undefined);
            break;
          }
          const info: BounceInfo = { at: e.at };
          if (e.status) info.status = e.status;
          if (e.diagnostic) info.diagnostic = e.diagnostic;
          if (e.kind === "hard") t.hardBounce = info;
          else {
            t.softBounces += 1;
            t.lastSoftBounce = info;
          }
          break;
        }
        case "auto-replied":
          if (e.verified === false) noteUnverified(t, "auto-reply", e.at, e.from);
          else t.autoReplies += 1;
          break;
        case "replied": {
          if (e.verified === false) {
            noteUnverified(t, "reply", e.at, e.from);
            break;
          }
          if (!t.reply) bump(repliesPerDay, e.date ?? e.at);
          const reply: ReplyInfo = { at: e.at, via: "mail" };
          if (e.from) reply.from = e.from;
          if (e.date) reply.date = e.date;
          t.reply = reply;
          break;
        }
        case "marked": {
          const mark: MarkInfo = { outcome: e.outcome, at: e.at };
          if (e.note) mark.note = e.note;
          if (e.by) mark.by = e.by;
          if (e.date) mark.date = e.date;
          t.marks.push(mark);
          if ((e.outcome === "replied" || e.outcome === "meeting-held") && !t.reply) {
            bump(repliesPerDay, e.date ?? e.at);
            t.reply = replyFromMark(mark);
          }
          if (isSendMarkOutcome(e.outcome)) {
            t.sendReplay ??= { base: sendFieldsOf(t), events: [] };
            t.sendReplay.events.push(e);
            applySendMark(t, e, sentPerDay);
          }
          break;
        }
        case "unmarked":
          retractMark(t, e, sentPerDay, repliesPerDay);
          break;
      }
    },
  };
}

function noteUnverified(
  t: ContactTrack,
  kind: "bounce" | "auto-reply" | "reply",
  at: string,
  from: string | undefined,
): void {
  t.unverified += 1;
  t.lastUnverified = from ? { kind, at, from } : { kind, at };
}

function bump(map: Map<string, number>, at: string): void {
  const day = at.slice(0, 10);
  map.set(day, (map.get(day) ?? 0) + 1);
}

function unbump(map: Map<string, number>, at: string): void {
  const day = at.slice(0, 10);
  const n = (map.get(day) ?? 0) - 1;
  if (n > 0) map.set(day, n);
  else map.delete(day);
}

function applySendEvent(t: ContactTrack, e: SendEvent, sentPerDay: Map<string, number>): void {
  switch (e.type) {
    case "attempt":
      if (e.attempt > t.attempts) t.attempts = e.attempt;
      t.messageId = e.messageId;
      t.email = e.email;
      t.language = e.language;
      if (t.send !== "sent") t.send = "attempt";
      return;
    case "sent":
      if (t.send !== "sent") {
        bump(sentPerDay, e.at);
        t.sentAt = e.at;
      }
      t.send = "sent";
      t.messageId = e.messageId;
      t.email = e.email;
      t.language = e.language;
      t.response = e.response;
      return;
    case "deferred":
    case "failed":
      if (t.send !== "sent") {
        t.send = e.type;
        t.response = e.response;
      }
      return;
    case "skipped":
      if (t.send === "none" || t.send === "skipped") {
        t.send = "skipped";
        t.response = e.reason;
      }
      return;
  }
}

/** `sent` / `not-sent` settle only the uncertain attempt they name (as in the sender's fold). */
function applySendMark(t: ContactTrack, e: MarkedEvent, sentPerDay: Map<string, number>): void {
  if (t.send !== "attempt") return;
  if (e.attempt !== undefined && e.attempt !== t.attempts) return;
  t.response = undefined;
  if (e.outcome === "sent") {
    t.send = "sent";
    t.sentAt = e.date ?? e.at;
    bump(sentPerDay, t.sentAt);
  } else t.send = "none";
}

function sendFieldsOf(t: ContactTrack): SendFields {
  return {
    send: t.send,
    attempts: t.attempts,
    messageId: t.messageId,
    email: t.email,
    language: t.language,
    sentAt: t.sentAt,
    response: t.response,
  };
}

function replyFromMark(mark: MarkInfo): ReplyInfo {
  const reply: ReplyInfo = { at: mark.at, via: "mark" };
  if (mark.date) reply.date = mark.date;
  return reply;
}

/** Drop the mark an `unmarked` event names, and everything that followed from it alone. */
function retractMark(
  t: ContactTrack,
  e: UnmarkedEvent,
  sentPerDay: Map<string, number>,
  repliesPerDay: Map<string, number>,
): void {
  const i = t.marks.findLastIndex((m) => retractsMark(e, m));
  if (i < 0) return;
  t.marks.splice(i, 1);
  if (
    (e.outcome === "replied" || e.outcome === "meeting-held") &&
    t.reply?.via === "mark" &&
    t.reply.at === e.markedAt
  ) {
    // The reply came from this mark only (a reply by mail replaces a marked one): fall back to the next
    // reply mark still standing, or to no reply, and move the day it is counted on.
    unbump(repliesPerDay, t.reply.date ?? t.reply.at);
    const next = t.marks.find((m) => m.outcome === "replied" || m.outcome === "meeting-held");
    t.reply = next ? replyFromMark(next) : undefined;
    if (next) bump(repliesPerDay, next.date ?? next.at);
  }
  const replay = t.sendReplay;
  if (!replay || !isSendMarkOutcome(e.outcome)) return;
  const j = replay.events.findLastIndex((x) => x.type === "marked" && retractsMark(e, x));
  if (j < 0) return;
  replay.events.splice(j, 1);
  if (t.send === "sent" && t.sentAt !== undefined) unbump(sentPerDay, t.sentAt);
  Object.assign(t, replay.base);
  if (t.send === "sent" && t.sentAt !== undefined) bump(sentPerDay, t.sentAt);
  for (const x of replay.events) {
    if (x.type === "marked") applySendMark(t, x, sentPerDay);
    else applySendEvent(t, x, sentPerDay);
  }
}

/** Every field present from the start, so all tracks share one object shape (fast property access). */
function newTrack(contact: string, at: string): ContactTrack {
  return {
    contact,
    send: "none",
    attempts: 0,
    messageId: undefined,
    email: undefined,
    language: undefined,
    sentAt: undefined,
    response: undefined,
    hardBounce: undefined,
    softBounces: 0,
    lastSoftBounce: undefined,
    autoReplies: 0,
    reply: undefined,
    unverified: 0,
    lastUnverified: undefined,
    marks: [],
    lastEventAt: at,
    sendReplay: undefined,
  };
}

/** The one state shown for a contact; `undefined` track means nothing happened yet (planned). */
export function stateOf(t: ContactTrack | undefined): ContactState {
  if (!t) return "planned";
  if (t.reply) return "replied";
  if (t.marks.some((m) => m.outcome === "delivered-by-partner")) return "delivered-by-partner";
  if (t.hardBounce) return "bounced";
  if (t.autoReplies > 0) return "auto-replied";
  switch (t.send) {
    case "sent":
      return "sent";
    case "failed":
      return "failed";
    case "deferred":
      return "deferred";
    case "attempt":
      return "uncertain";
    case "skipped":
      return "skipped";
    case "none":
      return "planned";
  }
}

/** A one-line explanation of the state: the server reply, bounce code, reply sender or last mark. */
export function detailOf(t: ContactTrack | undefined, state: ContactState = stateOf(t)): string {
  if (!t) return "";
  const lastMark = t.marks[t.marks.length - 1];
  const parts: string[] = [];
  if (state === "replied" && t.reply)
    parts.push(t.reply.via === "mark" ? "marked" : `from ${t.reply.from ?? "?"}`);
  if (state === "bounced" && t.hardBounce)
    parts.push([t.hardBounce.status, t.hardBounce.diagnostic].filter(Boolean).join(" "));
  if (state === "failed" || state === "deferred" || state === "skipped") parts.push(t.response ?? "");
  if (state === "uncertain") parts.push(`attempt ${t.attempts} has no outcome`);
  if (t.softBounces > 0 && state !== "bounced")
    parts.push(`delayed (${t.lastSoftBounce?.status ?? "4.x.x"})`);
  if (t.unverified > 0 && t.lastUnverified) {
    const u = t.lastUnverified;
    parts.push(
      `${t.unverified} unverified ${u.kind}${t.unverified > 1 ? "s" : ""} (not counted${u.from ? `; last from ${u.from}` : ""})`,
    );
  }
  if (lastMark) parts.push(`marked ${lastMark.outcome}${lastMark.note ? `: ${lastMark.note}` : ""}`);
  return parts.filter(Boolean).join("; ");
}
