/**
 * Ledger: the one schema for `campaigns/<id>/ledger.jsonl`, one JSON event per line, append-only.
 *
 * Sending: `attempt` is durably written before a message is handed to SMTP, then exactly one of `sent`,
 * `deferred` (4xx / network, will retry) or `failed` (5xx, permanent). An `attempt` with no outcome is
 * uncertain. `skipped` records contacts not mailed (do-not-contact, bounced, too recent).
 * Tracking: `bounced`, `auto-replied`, `replied` and `complaint` come from inbox import; `marked` from
 * `outreach mark` and partner imports. `unmarked` retracts a mark (`outreach mark --undo`): the ledger is never edited, so
 * an undo is one more event, and every fold drops the mark it names.
 */
import { z } from "zod";
import { contactStatusSchema } from "../contacts/contact-schema.js";

const base = {
  /** Event time, ISO 8601. */
  at: z.string(),
  campaign: z.string(),
  contact: z.string(),
};

const messageFields = {
  messageId: z.string(),
  language: z.string(),
  /** Hash of the rendered letter template (not of the personalised message), so edits show in the ledger. */
  revision: z.string(),
  /** Revision of the approved signatory list the message printed (absent in older ledgers). */
  signatoryRevision: z.string().optional(),
  /** 1 for the first attempt at this message. */
  attempt: z.number().int().positive(),
  /** Recipient address used. */
  email: z.string(),
};

export const attemptEventSchema = z.object({
  ...base,
  type: z.literal("attempt"),
  ...messageFields,
  transport: z.string(),
});
export const sentEventSchema = z.object({
  ...base,
  type: z.literal("sent"),
  ...messageFields,
  /** The server's final reply, e.g. `250 2.0.0 Ok: queued as ABC`. */
  response: z.string(),
});
export const deferredEventSchema = z.object({
  ...base,
  type: z.literal("deferred"),
  ...messageFields,
  response: z.string(),
  /** When the next attempt may happen, ISO 8601. */
  retryAt: z.string().optional(),
});
export const failedEventSchema = z.object({
  ...base,
  type: z.literal("failed"),
  ...messageFields,
  response: z.string(),
});
export const skippedEventSchema = z.object({
  ...base,
  type: z.literal("skipped"),
  reason: z.string(),
  language: z.string().optional(),
});

/**
 * On `bounced`, `auto-replied` and `replied`: `false` when inbox import could not verify the message is
 * about one we sent to this contact (no known Message-ID or valid keyed tag, or a reply from outside the
 * contact's domain). Unverified events are shown, never acted on. Absent means verified (older ledgers).
 */
const verified = z.boolean().optional();

/** `hard`: given up, the letter was not delivered; `soft`: delayed, the server is still trying. */
export const BOUNCE_KINDS = ["hard", "soft"] as const;

/**
 * Why a delivery report says the letter did not arrive. docs/BOUNCES.md holds the one table that decides
 * it (status code, SMTP reply and the server's words together). `rejected-sender` is a problem with how
 * the letter was sent (reputation, authentication, rate, relaying, policy) and `rejected-content` one
 * with what it contained (spam, virus or content filter): both are ours to fix, not a bad address.
 */
export const BOUNCE_REASONS = [
  "unknown-recipient",
  "unknown-domain",
  "mailbox-disabled",
  "mailbox-full",
  "message-too-large",
  "rejected-sender",
  "rejected-content",
  "expired",
  "network",
  "other",
] as const;
export type BounceReason = (typeof BOUNCE_REASONS)[number];

/** The reasons that mean the address itself is dead; only these make a hard bounce permanent. */
export const DEAD_ADDRESS_REASONS: ReadonlySet<BounceReason> = new Set<BounceReason>([
  "unknown-recipient",
  "unknown-domain",
  "mailbox-disabled",
]);

export const bouncedEventSchema = z.object({
  ...base,
  type: z.literal("bounced"),
  kind: z.enum(BOUNCE_KINDS),
  /** Enhanced status code such as 5.1.1, when known. */
  status: z.string().optional(),
  diagnostic: z.string().optional(),
  /** Why it bounced (absent in older ledgers: derived from status and kind, see `bounceVerdictOf`). */
  reason: z.enum(BOUNCE_REASONS).optional(),
  /** True only when the address is known dead (a hard bounce for a dead-address reason). */
  permanent: z.boolean().optional(),
  /** The failed address the report names, when it names one. */
  recipient: z.string().optional(),
  /** Message-ID of the imported message, for idempotent re-imports. */
  sourceMessageId: z.string(),
  verified,
});

/** Where a complaint came from: an ARF feedback report, a provider's notice (Amazon SES), or a request to stop writing. */
export const COMPLAINT_SOURCES = ["feedback-report", "provider", "unsubscribe"] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

/** The recipient complained or asked not to be written to: the contact becomes do-not-contact. */
export const complaintEventSchema = z.object({
  ...base,
  type: z.literal("complaint"),
  source: z.enum(COMPLAINT_SOURCES),
  /** The report's Feedback-Type or the provider's complaint type (`abuse`, `fraud`…), when given. */
  feedbackType: z.string().optional(),
  from: z.string().optional(),
  subject: z.string().optional(),
  sourceMessageId: z.string(),
  verified,
});
export const autoRepliedEventSchema = z.object({
  ...base,
  type: z.literal("auto-replied"),
  from: z.string().optional(),
  subject: z.string().optional(),
  sourceMessageId: z.string(),
  verified,
});
export const repliedEventSchema = z.object({
  ...base,
  type: z.literal("replied"),
  from: z.string().optional(),
  subject: z.string().optional(),
  /** Date of the reply itself. */
  date: z.string().optional(),
  sourceMessageId: z.string(),
  verified,
});

export const MARK_OUTCOMES = [
  "replied",
  "meeting-held",
  "delivered-by-partner",
  "wrong-contact",
  "do-not-contact",
  "sent",
  "not-sent",
] as const;
export type MarkOutcome = (typeof MARK_OUTCOMES)[number];
/**
 * The outcomes that settle an uncertain message by hand: `sent` (it went out: count it, never send it
 * again) and `not-sent` (it did not: the next `send` makes the next attempt).
 */
export const SEND_MARK_OUTCOMES = ["sent", "not-sent"] as const;
export type SendMarkOutcome = (typeof SEND_MARK_OUTCOMES)[number];

export function isSendMarkOutcome(outcome: string | undefined): outcome is SendMarkOutcome {
  return outcome === "sent" || outcome === "not-sent";
}

export const markedEventSchema = z.object({
  ...base,
  type: z.literal("marked"),
  outcome: z.enum(MARK_OUTCOMES),
  note: z.string().optional(),
  /** Who recorded it: `cli`, or `partner:<id>`. */
  by: z.string().optional(),
  /** When the outcome happened, if it differs from `at`. */
  date: z.string().optional(),
  /** For `sent` / `not-sent`: the number of the attempt this mark settles. */
  attempt: z.number().int().positive().optional(),
  /** For `do-not-contact`: the directory status the mark replaced, when it changed it (an undo restores it). */
  previousStatus: contactStatusSchema.optional(),
});

/**
 * Retracts one earlier mark of the same contact, named by that mark's `at` and `outcome`: the latest
 * such mark not yet retracted (the one `outreach mark --undo` chose).
 */
export const unmarkedEventSchema = z.object({
  ...base,
  type: z.literal("unmarked"),
  /** `at` of the retracted mark. */
  markedAt: z.string(),
  /** Outcome of the retracted mark. */
  outcome: z.enum(MARK_OUTCOMES),
  note: z.string().optional(),
  by: z.string().optional(),
});

export const ledgerEventSchema = z.discriminatedUnion("type", [
  attemptEventSchema,
  sentEventSchema,
  deferredEventSchema,
  failedEventSchema,
  skippedEventSchema,
  bouncedEventSchema,
  autoRepliedEventSchema,
  repliedEventSchema,
  complaintEventSchema,
  markedEventSchema,
  unmarkedEventSchema,
]);

export type LedgerEvent = z.infer<typeof ledgerEventSchema>;
export type LedgerEventType = LedgerEvent["type"];
export type AttemptEvent = z.infer<typeof attemptEventSchema>;
export type SentEvent = z.infer<typeof sentEventSchema>;
export type DeferredEvent = z.infer<typeof deferredEventSchema>;
export type FailedEvent = z.infer<typeof failedEventSchema>;
export type SkippedEvent = z.infer<typeof skippedEventSchema>;
export type BouncedEvent = z.infer<typeof bouncedEventSchema>;
export type ComplaintEvent = z.infer<typeof complaintEventSchema>;
export type MarkedEvent = z.infer<typeof markedEventSchema>;
export type UnmarkedEvent = z.infer<typeof unmarkedEventSchema>;

/** Whether `unmarked` names this mark (same `at` and outcome); a fold retracts the latest match still standing. */
export function retractsMark(unmarked: UnmarkedEvent, mark: { at: string; outcome: MarkOutcome }): boolean {
  return mark.at === unmarked.markedAt && mark.outcome === unmarked.outcome;
}

/**
 * The reason an enhanced status code alone gives (RFC 3463 subjects and details), or `undefined` for a
 * generic code (X.0.0, X.1.0, X.2.0, X.3.0, X.5.x) that only the server's words can explain. Inbox import
 * weighs it with the words (src/inbox/bounce-reason.ts); folds use it alone for events written before
 * bounces carried a reason.
 */
export function bounceReasonOfStatus(status: string | undefined): BounceReason | undefined {
  const m = /^[45]\.(\d{1,3})\.(\d{1,3})$/.exec(status ?? "");
  if (!m) return undefined;
  return STATUS_DETAIL_REASONS.get(`${m[1]}.${m[2]}`) ?? STATUS_SUBJECT_REASONS.get(m[1] ?? "");
}

/** Subject.detail → reason (docs/BOUNCES.md, column "status codes"). */
const STATUS_DETAIL_REASONS: ReadonlyMap<string, BounceReason> = new Map<string, BounceReason>([
  ["1.1", "unknown-recipient"],
  ["1.3", "unknown-recipient"],
  ["1.2", "unknown-domain"],
  ["1.10", "unknown-domain"],
  ["1.6", "mailbox-disabled"],
  ["2.1", "mailbox-disabled"],
  ["1.7", "rejected-sender"],
  ["1.8", "rejected-sender"],
  ["2.2", "mailbox-full"],
  ["3.1", "mailbox-full"],
  ["2.3", "message-too-large"],
  ["3.4", "message-too-large"],
  ["4.7", "expired"],
]);

/** Subject → reason when the detail is not in the table above: routing is the network, security is policy. */
const STATUS_SUBJECT_REASONS: ReadonlyMap<string, BounceReason> = new Map<string, BounceReason>([
  ["4", "network"],
  ["6", "rejected-content"],
  ["7", "rejected-sender"],
]);

/**
 * An event's reason and permanence: as recorded, or for an older event (written before bounces carried
 * them) derived from its status code and kind.
 */
export function bounceVerdictOf(e: Pick<BouncedEvent, "kind" | "status" | "reason" | "permanent">): {
  reason: BounceReason;
  permanent: boolean;
} {
  const reason = e.reason ?? bounceReasonOfStatus(e.status) ?? "other";
  return { reason, permanent: e.permanent ?? (e.kind === "hard" && DEAD_ADDRESS_REASONS.has(reason)) };
}
