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
  hardBounce?: { status?: string; diagnostic?: string; at: string };
  softBounces: number;
  lastSoftBounce?: { status?: string; diagnostic?: string; at: string };
  autoReplies: number;
  reply?: { from?: string; date?: string; at: string; via: "mail" | "mark" };
  marks: { outcome: MarkedEvent["outcome"]; note?: string; by?: string; date?: string; at: string }[];
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
      t = { contact, send: "none", attempts: 0, softBounces: 0, autoReplies: 0, marks: [], lastEventAt: at };
      tracks.set(contact, t);
    }
    if (at > t.lastEventAt) t.lastEventAt = at;
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
      switch (e.type) {
        case "attempt":
          t.attempts = Math.max(t.attempts, e.attempt);
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
          const info = {
            ...(e.status ? { status: e.status } : {}),
            ...(e.diagnostic ? { diagnostic: e.diagnostic } : {}),
            at: e.at,
          };
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
        case "replied":
          if (!t.reply) bump(repliesPerDay, e.date ?? e.at);
          t.reply = {
            ...(e.from ? { from: e.from } : {}),
            ...(e.date ? { date: e.date } : {}),
            at: e.at,
            via: "mail",
          };
          break;
        case "marked":
          t.marks.push({
            outcome: e.outcome,
            ...(e.note ? { note: e.note } : {}),
            ...(e.by ? { by: e.by } : {}),
            ...(e.date ? { date: e.date } : {}),
            at: e.at,
          });
          if ((e.outcome === "replied" || e.outcome === "meeting-held") && !t.reply) {
            bump(repliesPerDay, e.date ?? e.at);
            t.reply = { ...(e.date ? { date: e.date } : {}), at: e.at, via: "mark" };
          }
          break;
      }
    },
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
export function detailOf(t: ContactTrack | undefined): string {
  if (!t) return "";
  const lastMark = t.marks[t.marks.length - 1];
  const parts: string[] = [];
  const state = stateOf(t);
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
