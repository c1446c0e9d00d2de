/**
 * Tracking: fold a campaign's ledger events (send outcomes, imported mail, marks) into one state per
 * contact. Input: events in ledger order. Output: a `ContactTrack` per contact plus per-day counts.
 * Pure and streaming: one small update per event, so 100,000 events fold in well under a second.
 *
 * The delivery state (pending/uncertain/sent/deferred/failed/skipped, attempts, send marks and their undo)
 * is not derived here: each track holds the sender's own record from src/ledger/fold-ledger.ts, fed the
 * same events, so `status`, the report and partner packs always say what `send` will act on (a skip after
 * a deferral is `skipped` to both). On top of it this fold keeps only what the sender does not read:
 * bounces, auto-replies, replies, marks with their notes, and the per-day counts.
 *
 * State precedence, strongest first (a later weaker event never hides a stronger one):
 *   replied > delivered-by-partner > bounced (hard) > auto-replied > sent > failed > deferred > uncertain
 *   > skipped > planned.
 * A soft bounce (delayed, still trying) is recorded but changes no state. A hard bounce (given up) makes the
 * contact `bounced`; its reason and permanence (recorded, or derived from the status code for older
 * events) tell a dead address from a deliverability problem to fix, in the detail. A complaint changes no
 * state (the letter arrived): it shows in the detail, and the sender's fold makes the contact do-not-contact.
 * Imported mail that inbox import could not verify (`verified: false`: a possibly forged bounce, a reply
 * from outside the contact's domain) changes no state; it is counted and shown in the detail, and a person
 * confirms a reply with `outreach mark … replied`.
 * An `unmarked` event retracts a mark here as in the sender's fold (the latest standing match).
 */
import { applyToSendRecord, isSendRecordEvent, type SendState } from "./fold-ledger.js";
import {
  bounceVerdictOf,
  retractsMark,
  type BouncedEvent,
  type ComplaintEvent,
  type LedgerEvent,
  type MarkedEvent,
  type UnmarkedEvent,
} from "./ledger-event-schema.js";
import {
  newContactTrack,
  type BounceInfo,
  type ComplaintInfo,
  type ContactTrack,
  type MarkInfo,
  type ReplyInfo,
  type UnverifiedKind,
} from "./contact-track.js";

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
      t = newContactTrack(contact, at);
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
      if (isSendRecordEvent(e)) {
        // The sender's rule decides the delivery state; here only the day a message counts as sent follows it.
        const before = t.delivery.state;
        applyToSendRecord(t.delivery, e);
        const after = t.delivery.state;
        if (after !== before) {
          if (before.kind === "sent") unbump(sentPerDay, before.at);
          if (after.kind === "sent") bump(sentPerDay, after.at);
        }
      }
      // No spreads here: this runs once per ledger event (100k+ per status call).
      switch (e.type) {
        case "bounced":
          addBounce(t, e);
          break;
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
        case "complaint":
          addComplaint(t, e);
          break;
        case "marked":
          addMark(t, e, repliesPerDay);
          break;
        case "unmarked":
          retractMark(t, e, repliesPerDay);
          break;
        default:
          break;
      }
    },
  };
}

function addBounce(t: ContactTrack, e: BouncedEvent): void {
  if (e.verified === false) {
    noteUnverified(t, "bounce", e.at, undefined);
    return;
  }
  const info: BounceInfo = { at: e.at, ...bounceVerdictOf(e) };
  if (e.status) info.status = e.status;
  if (e.diagnostic) info.diagnostic = e.diagnostic;
  if (e.kind === "hard") {
    // A dead address stays dead: a later report of another kind (a retry's filter) does not hide it.
    if (!t.hardBounce?.permanent || info.permanent) t.hardBounce = info;
  } else {
    t.softBounces += 1;
    t.lastSoftBounce = info;
  }
}

function addComplaint(t: ContactTrack, e: ComplaintEvent): void {
  if (e.verified === false) {
    noteUnverified(t, "complaint", e.at, e.from);
    return;
  }
  if (t.complaint) return;
  t.complaint = { source: e.source, at: e.at };
  if (e.feedbackType) t.complaint.feedbackType = e.feedbackType;
  if (e.from) t.complaint.from = e.from;
}

/** A mark joins the track; a reply or meeting is the contact's reply when mail brought none. */
function addMark(t: ContactTrack, e: MarkedEvent, repliesPerDay: Map<string, number>): void {
  const mark: MarkInfo = { outcome: e.outcome, at: e.at };
  if (e.note) mark.note = e.note;
  if (e.by) mark.by = e.by;
  if (e.date) mark.date = e.date;
  t.marks.push(mark);
  if ((e.outcome === "replied" || e.outcome === "meeting-held") && !t.reply) {
    bump(repliesPerDay, e.date ?? e.at);
    t.reply = replyFromMark(mark);
  }
}

function noteUnverified(t: ContactTrack, kind: UnverifiedKind, at: string, from: string | undefined): void {
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

function replyFromMark(mark: MarkInfo): ReplyInfo {
  const reply: ReplyInfo = { at: mark.at, via: "mark" };
  if (mark.date) reply.date = mark.date;
  return reply;
}

/**
 * Drop the mark an `unmarked` event names, and the reply that followed from it alone (the send part of
 * the undo is the sender's fold's, applied in `add`).
 */
function retractMark(t: ContactTrack, e: UnmarkedEvent, repliesPerDay: Map<string, number>): void {
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
}

/** The status shown for a delivery state alone (no mail, no marks on top). */
export function deliveryStateOf(state: SendState): ContactState {
  return state.kind === "pending" ? "planned" : state.kind;
}

/** The one state shown for a contact; `undefined` track means nothing happened yet (planned). */
export function stateOf(t: ContactTrack | undefined): ContactState {
  if (!t) return "planned";
  if (t.reply) return "replied";
  if (t.marks.some((m) => m.outcome === "delivered-by-partner")) return "delivered-by-partner";
  if (t.hardBounce) return "bounced";
  if (t.autoReplies > 0) return "auto-replied";
  return deliveryStateOf(t.delivery.state);
}

/** A one-line explanation of the state: the server reply, bounce code, reply sender or last mark. */
export function detailOf(t: ContactTrack | undefined, state: ContactState = stateOf(t)): string {
  if (!t) return "";
  const lastMark = t.marks[t.marks.length - 1];
  const parts: string[] = [];
  if (state === "replied" && t.reply)
    parts.push(t.reply.via === "mark" ? "marked" : `from ${t.reply.from ?? "?"}`);
  if (state === "bounced" && t.hardBounce) parts.push(bounceDetail(t.hardBounce));
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
  if (t.complaint) parts.push(complaintDetail(t.complaint));
  if (lastMark) parts.push(`marked ${lastMark.outcome}${lastMark.note ? `: ${lastMark.note}` : ""}`);
  return parts.filter(Boolean).join("; ");
}

/**
 * A hard bounce in words: a dead address, a deliverability problem to fix (how the letter was sent or
 * what it contained), or another reason it did not arrive; with the server's own words.
 */
export function bounceDetail(b: BounceInfo): string {
  const words = [b.status, b.diagnostic].filter(Boolean).join(" ");
  const head = b.permanent
    ? `address rejected (${b.reason})`
    : b.reason === "rejected-sender" || b.reason === "rejected-content"
      ? `deliverability problem to fix (${b.reason}), the address is not marked bounced`
      : `not delivered (${b.reason})`;
  return words ? `${head}: ${words}` : head;
}

function complaintDetail(c: ComplaintInfo): string {
  const what =
    c.source === "unsubscribe" ? "asked not to be written to" : `complaint (${c.feedbackType ?? c.source})`;
  return `${what}${c.from ? ` by ${c.from}` : ""}: do-not-contact`;
}
