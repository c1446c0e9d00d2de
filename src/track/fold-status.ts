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
 */
import type { LedgerEvent, MarkedEvent } from "../ledger/ledger-event-schema.js";

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
  /** Time of the `sent` event. */
  sentAt?: string;
  /** Last server reply for deferred/failed, or the skip reason. */
  response?: string;
  hardBounce?: BounceInfo;
  softBounces: number;
  lastSoftBounce?: BounceInfo;
  autoReplies: number;
  reply?: ReplyInfo;
  marks: MarkInfo[];
  lastEventAt: string;
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
  const bump = (map: Map<string, number>, at: string) => {
    const day = at.slice(0, 10);
    map.set(day, (map.get(day) ?? 0) + 1);
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
          if (e.attempt > t.attempts) t.attempts = e.attempt;
          t.messageId = e.messageId;
          t.email = e.email;
          t.language = e.language;
          if (t.send !== "sent") t.send = "attempt";
          break;
        case "sent":
          if (t.send !== "sent") bump(sentPerDay, e.at);
          t.send = "sent";
          t.sentAt = e.at;
          t.messageId = e.messageId;
          t.email = e.email;
          t.language = e.language;
          t.response = e.response;
          break;
        case "deferred":
        case "failed":
          if (t.send !== "sent") {
            t.send = e.type;
            t.response = e.response;
          }
          break;
        case "skipped":
          if (t.send === "none" || t.send === "skipped") {
            t.send = "skipped";
            t.response = e.reason;
          }
          break;
        case "bounced": {
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
          t.autoReplies += 1;
          break;
        case "replied": {
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
            const reply: ReplyInfo = { at: e.at, via: "mark" };
            if (e.date) reply.date = e.date;
            t.reply = reply;
          }
          break;
        }
      }
    },
  };
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
    marks: [],
    lastEventAt: at,
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
  if (lastMark) parts.push(`marked ${lastMark.outcome}${lastMark.note ? `: ${lastMark.note}` : ""}`);
  return parts.filter(Boolean).join("; ");
}
