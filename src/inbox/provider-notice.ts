/**
 * A sending provider's notice about one of our messages: Amazon SES bounce, complaint and delivery
 * notifications, mailed as JSON (`notificationType`, or `eventType` with event publishing), bare or
 * wrapped in an Amazon SNS notification whose `Message` is that JSON as a string. Pure.
 *
 * SES says per recipient what happened (`bouncedRecipients` with action, status and diagnostic;
 * `complainedRecipients`), and how it judged the bounce (`bounceType` Permanent / Transient /
 * Undetermined, `bounceSubType` General, NoEmail, Suppressed, MailboxFull, MessageTooLarge,
 * ContentRejected, AttachmentRejected…). The original message's headers, when SES includes them, give
 * our Message-ID.
 */
import type { BounceReason } from "../ledger/ledger-event-schema.js";
import { classifyBounceReason, isPermanentBounce } from "./bounce-reason.js";
import { addressesIn } from "./inbound-message.js";
import type { BounceReport, RecipientBounce } from "./parse-bounce.js";

export interface ComplaintReport {
  source: "feedback-report" | "provider" | "unsubscribe";
  /** Feedback-Type (`abuse`, `fraud`…) or the provider's complaint type, when given. */
  feedbackType?: string;
  /** Addresses the complaint is about (the complaining recipients), lower-case. */
  recipients: string[];
}

export type ProviderNotice =
  | { kind: "bounce"; bounce: BounceReport; messageIds: string[] }
  | { kind: "complaint"; complaint: ComplaintReport; messageIds: string[] }
  | { kind: "delivery"; messageIds: string[] };

/** What an SES bounce subtype says by itself; General and Undetermined leave it to the diagnostic. */
const SUBTYPE_REASONS: Readonly<Record<string, BounceReason>> = {
  NoEmail: "unknown-recipient",
  Suppressed: "unknown-recipient",
  MailboxFull: "mailbox-full",
  MessageTooLarge: "message-too-large",
  ContentRejected: "rejected-content",
  AttachmentRejected: "rejected-content",
};

type Json = Record<string, unknown>;

/** The provider notice in a message's text, or `undefined` when the text is not one. */
export function readProviderNotice(text: string): ProviderNotice | undefined {
  if (!/notificationType|eventType/.test(text)) return undefined;
  const notice = unwrap(parseObject(text));
  if (!notice) return undefined;
  const type = stringOf(notice.notificationType) || stringOf(notice.eventType);
  const mail = object(notice.mail);
  const messageIds = mail ? originalIds(mail) : [];
  if (type === "Bounce") {
    const bounce = object(notice.bounce);
    if (!bounce) return undefined;
    return { kind: "bounce", bounce: bounceOf(bounce, mail), messageIds };
  }
  if (type === "Complaint") {
    const complaint = object(notice.complaint) ?? {};
    const recipients = list(complaint.complainedRecipients).flatMap((r) =>
      addressesIn(stringOf(object(r)?.emailAddress)),
    );
    const feedbackType = complaint.complaintFeedbackType;
    return {
      kind: "complaint",
      complaint: {
        source: "provider",
        ...(typeof feedbackType === "string" && feedbackType
          ? { feedbackType: feedbackType.toLowerCase() }
          : {}),
        recipients,
      },
      messageIds,
    };
  }
  if (type === "Delivery") return { kind: "delivery", messageIds };
  return undefined;
}

function bounceOf(bounce: Json, mail: Json | undefined): BounceReport {
  const kind = bounce.bounceType === "Transient" ? "soft" : "hard";
  const byType = SUBTYPE_REASONS[stringOf(bounce.bounceSubType)];
  const failed = list(bounce.bouncedRecipients).map((item): RecipientBounce => {
    const r = object(item) ?? {};
    const address = addressesIn(stringOf(r.emailAddress))[0];
    const status = typeof r.status === "string" && /^[45]\.\d+\.\d+$/.test(r.status) ? r.status : undefined;
    const diagnostic =
      typeof r.diagnosticCode === "string" ? r.diagnosticCode.replace(/^[\w-]+;\s*/, "") : "";
    const reason = byType ?? classifyBounceReason({ ...(status ? { status } : {}), text: diagnostic });
    return {
      ...(address ? { address } : {}),
      kind,
      ...(status ? { status } : {}),
      ...(diagnostic ? { diagnostic: diagnostic.slice(0, 300) } : {}),
      reason,
      permanent: isPermanentBounce(kind, reason),
    };
  });
  const destination = mail ? list(mail.destination).flatMap((d) => addressesIn(stringOf(d))) : [];
  return { shape: "provider", failed, returnedTo: destination };
}

/** Our Message-ID as the original message's headers give it (SES's own `mail.messageId` is not ours). */
function originalIds(mail: Json): string[] {
  const common = object(mail.commonHeaders);
  const values = [
    common?.messageId,
    ...list(mail.headers).map((h) => {
      const header = object(h);
      return /^(message-id|in-reply-to|references)$/i.test(stringOf(header?.name))
        ? header?.value
        : undefined;
    }),
  ];
  return values.flatMap((v) =>
    typeof v === "string" ? [...v.matchAll(/<[^<>\s]+@[^<>\s]+>/g)].map((m) => m[0]) : [],
  );
}

/** An SNS envelope (`Type: Notification`) carries the SES notice as a JSON string in `Message`. */
function unwrap(value: Json | undefined): Json | undefined {
  if (value && value.Type === "Notification" && typeof value.Message === "string")
    return parseObject(value.Message);
  return value;
}

function parseObject(text: string): Json | undefined {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end <= start) return undefined;
  try {
    return object(JSON.parse(text.slice(start, end + 1)));
  } catch {
    return undefined;
  }
}

function object(value: unknown): Json | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;
}

function stringOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
