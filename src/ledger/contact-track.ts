/**
 * One contact's track in the status fold: the sender's own record of its delivery (src/ledger/fold-ledger.ts)
 * plus what only tracking reads (imported mail, marks with their notes). Pure data; the status fold fills it.
 */
import { createSendRecord, type ContactSendRecord, type SendState } from "./fold-ledger.js";
import type { BounceReason, ComplaintSource, MarkedEvent } from "./ledger-event-schema.js";

export interface BounceInfo {
  status?: string;
  diagnostic?: string;
  reason: BounceReason;
  /** The address is known dead (see `bounceVerdictOf`). */
  permanent: boolean;
  at: string;
}
export interface ComplaintInfo {
  source: ComplaintSource;
  feedbackType?: string;
  from?: string;
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

export type UnverifiedKind = "bounce" | "auto-reply" | "reply" | "complaint";

export interface ContactTrack {
  contact: string;
  /** The delivery state, as the sender's fold reads it (the one source of truth; never re-derived here). */
  readonly delivery: ContactSendRecord;
  /** Highest attempt number seen (from `delivery`). */
  readonly attempts: number;
  /** Address and language of the latest send event (from `delivery`). */
  readonly email: string | undefined;
  readonly language: string | undefined;
  /** Time of the first `sent` event (or the time a `sent` mark gives), from `delivery`. */
  readonly sentAt: string | undefined;
  /** Server reply for sent/deferred/failed, or the skip reason (from `delivery`). */
  readonly response: string | undefined;
  /** The bounce that decides the state: a permanent one stays over a later one that is not. */
  hardBounce?: BounceInfo;
  softBounces: number;
  lastSoftBounce?: BounceInfo;
  autoReplies: number;
  reply?: ReplyInfo;
  /** The first verified complaint (the contact is do-not-contact from then on). */
  complaint?: ComplaintInfo;
  /** Imported mail not verified as being about our message (never changes the state). */
  unverified: number;
  lastUnverified?: { kind: UnverifiedKind; at: string; from?: string };
  /** Marks not retracted, oldest first. */
  marks: MarkInfo[];
  lastEventAt: string;
}

/** A track for a contact first seen at `at`: pending, nothing on top. */
export function newContactTrack(contact: string, at: string): ContactTrack {
  return new Track(contact, at);
}

/**
 * A class so every track shares one shape (fast property access on 100k tracks), with the send fields read
 * through from the sender's record rather than copied.
 */
class Track implements ContactTrack {
  readonly delivery: ContactSendRecord;
  hardBounce: BounceInfo | undefined = undefined;
  softBounces = 0;
  lastSoftBounce: BounceInfo | undefined = undefined;
  autoReplies = 0;
  reply: ReplyInfo | undefined = undefined;
  complaint: ComplaintInfo | undefined = undefined;
  unverified = 0;
  lastUnverified: ContactTrack["lastUnverified"] = undefined;
  marks: MarkInfo[] = [];

  constructor(
    readonly contact: string,
    public lastEventAt: string,
  ) {
    this.delivery = createSendRecord(contact);
  }
  get attempts(): number {
    return this.delivery.attempts;
  }
  get email(): string | undefined {
    return this.delivery.email;
  }
  get language(): string | undefined {
    return this.delivery.language;
  }
  get sentAt(): string | undefined {
    const s = this.delivery.state;
    return s.kind === "sent" ? s.at : undefined;
  }
  get response(): string | undefined {
    return responseOf(this.delivery.state);
  }
}

function responseOf(s: SendState): string | undefined {
  switch (s.kind) {
    case "sent":
    case "deferred":
    case "failed":
      return s.response;
    case "skipped":
      return s.reason;
    default:
      return undefined;
  }
}
