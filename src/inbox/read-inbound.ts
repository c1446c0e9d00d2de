/**
 * What one imported message is, before anyone asks whom it is about: a bounce (or delay) with its failed
 * recipients, a notice that letters arrived, a complaint, a feedback report that is not one, an automatic
 * answer, or a message from a person. Pure; matching to contacts is classify-inbound.ts's.
 *
 * Order: a provider's JSON notice, a feedback report (its own `multipart/report`), a delivery report, an
 * automatic answer, a request to stop writing, anything else. An auto-reply that says "unsubscribe" in a
 * quoted subject is still an auto-reply.
 */
import { isAutoReply } from "./auto-reply.js";
import type { InboundMessage } from "./inbound-message.js";
import { readBounce, type BounceReport } from "./parse-bounce.js";
import { readProviderNotice, type ComplaintReport } from "./provider-notice.js";
import { readFeedbackReport, readUnsubscribeRequest } from "./read-complaint.js";
import { looksLikeBounce, looksLikeDeliveryNotice } from "./recognise-report.js";

export type InboundReading =
  | { kind: "bounce"; bounce: BounceReport; messageIds: string[] }
  | { kind: "complaint"; complaint: ComplaintReport; messageIds: string[] }
  | { kind: "delivery-notice" }
  | { kind: "feedback-report"; feedbackType: string }
  | { kind: "auto-reply" }
  | { kind: "message" };

export function readInbound(message: InboundMessage): InboundReading {
  const provider = readProviderNotice(message.text || message.raw);
  if (provider?.kind === "delivery") return { kind: "delivery-notice" };
  if (provider) return provider;
  const feedback = readFeedbackReport(message);
  if (feedback?.kind === "complaint") return { ...feedback, messageIds: [] };
  if (feedback) return feedback;
  if (looksLikeBounce(message)) {
    const bounce = readBounce(message);
    return bounce.failed.length > 0
      ? { kind: "bounce", bounce, messageIds: [] }
      : { kind: "delivery-notice" };
  }
  if (looksLikeDeliveryNotice(message)) return { kind: "delivery-notice" };
  if (isAutoReply(message)) return { kind: "auto-reply" };
  const unsubscribe = readUnsubscribeRequest(message);
  if (unsubscribe?.kind === "complaint") return { ...unsubscribe, messageIds: [] };
  return { kind: "message" };
}
