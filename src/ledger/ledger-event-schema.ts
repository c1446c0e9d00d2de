/**
 * Ledger: the one schema for `campaigns/<id>/ledger.jsonl`, one JSON event per line, append-only.
 *
 * Sending: `attempt` is durably written before a message is handed to SMTP, then exactly one of `sent`,
 * `deferred` (4xx / network, will retry) or `failed` (5xx, permanent). An `attempt` with no outcome is
 * uncertain. `skipped` records contacts not mailed (do-not-contact, bounced, too recent).
 * Tracking: `bounced`, `auto-replied`, `replied` come from inbox import; `marked` from `outreach mark`
 * and partner imports. `unmarked` retracts a mark (`outreach mark --undo`): the ledger is never edited, so
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

export const BOUNCE_KINDS = ["hard", "soft"] as const;
export const bouncedEventSchema = z.object({
  ...base,
  type: z.literal("bounced"),
  kind: z.enum(BOUNCE_KINDS),
  /** Enhanced status code such as 5.1.1, when known. */
  status: z.string().optional(),
  diagnostic: z.string().optional(),
  /** Message-ID of the imported message, for idempotent re-imports. */
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
export type MarkedEvent = z.infer<typeof markedEventSchema>;
export type UnmarkedEvent = z.infer<typeof unmarkedEventSchema>;

/** Whether `unmarked` names this mark (same `at` and outcome); a fold retracts the latest match still standing. */
export function retractsMark(unmarked: UnmarkedEvent, mark: { at: string; outcome: MarkOutcome }): boolean {
  return mark.at === unmarked.markedAt && mark.outcome === unmarked.outcome;
}
