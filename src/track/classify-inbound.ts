/**
 * Classifying one imported message: a delivery report (bounce), an auto-reply, a human reply, or
 * unmatched; and matching it to the campaign contact it is about. Pure: the caller passes the index of
 * the campaign's Message-IDs and addresses.
 *
 * Matching order for bounces: our Message-ID quoted in the report → our `X-Outreach-*` headers quoted in
 * it → the final recipient address. Replies and auto-replies: In-Reply-To / References → the sender's
 * address, when it is a contact's.
 */
import { headerValue, type InboundMessage } from "./inbound-message.js";
import { looksLikeBounce, readBounce, type BounceReport } from "./parse-bounce.js";

export interface ContactIndex {
  campaign: string;
  /** Our Message-IDs (with angle brackets, lower-case) → contact id. */
  byMessageId: ReadonlyMap<string, string>;
  /** Lower-case email address → contact id. */
  byEmail: ReadonlyMap<string, string>;
  /** Every contact id of the campaign (for the X-Outreach-Contact header). */
  contacts: ReadonlySet<string>;
}

export type MatchedBy =
  "message-id" | "outreach-header" | "final-recipient" | "in-reply-to" | "references" | "sender";

export type Classification =
  | { kind: "bounce"; contact: string; matchedBy: MatchedBy; bounce: BounceReport }
  | { kind: "auto-reply"; contact: string; matchedBy: MatchedBy }
  | { kind: "reply"; contact: string; matchedBy: MatchedBy }
  | {
      kind: "unmatched";
      looksLike: "bounce" | "auto-reply" | "reply" | "delivery-notice" | "unreadable";
      reason: string;
    };

/** Out-of-office subjects in the campaign languages (en, es, fr, zh, th, ur, bn) and a few common others. */
const AUTO_REPLY_SUBJECTS = [
  /\bout of (the )?office\b/i,
  /\bautomatic reply\b/i,
  /\bauto(matic)?[- ]?(reply|response|responder)\b/i,
  /^auto:/i,
  /\bautoreply\b/i,
  /\bon (annual )?leave\b/i,
  /\babsence notice\b/i,
  /respuesta autom[aá]tica/i,
  /fuera de (la )?oficina/i,
  /ausente/i,
  /r[ée]ponse automatique/i,
  /absent(e)? du bureau/i,
  /\babsence\b/i,
  /自动回复|自動回覆|自動回复|自动答复|外出|不在办公室|休假/,
  /ตอบกลับอัตโนมัติ|ไม่อยู่ที่สำนักงาน|ไม่อยู่ที่ทำงาน/,
  /خودکار جواب|خودکار\s+جواب|دفتر سے باہر|خودکار/,
  /স্বয়ংক্রিয় উত্তর|স্বয়ংক্রিয়|অফিসের বাইরে|অফিসে নেই/,
];

const MESSAGE_ID_TOKEN = /<[^<>\s"]+@[^<>\s"]+>/g;
/** Our deterministic Message-IDs look like `<campaign-id.c-0123456789abcdef@domain>` (src/render/message-id.ts). */
const OUTREACH_ID = /^<([a-z0-9][a-z0-9-]*)\.c-[0-9a-f]{16}@/i;

export function isAutoReply(message: InboundMessage): boolean {
  const autoSubmitted = headerValue(message, "auto-submitted");
  if (autoSubmitted && !/^\s*no\b/i.test(autoSubmitted)) return true;
  if (headerValue(message, "x-autoreply") !== undefined) return true;
  if (headerValue(message, "x-autorespond") !== undefined) return true;
  if (headerValue(message, "x-autoresponder") !== undefined) return true;
  const precedence = (headerValue(message, "precedence") ?? "").trim().toLowerCase();
  if (
    precedence === "auto_reply" ||
    precedence === "auto-reply" ||
    precedence === "bulk" ||
    precedence === "junk"
  )
    return true;
  return AUTO_REPLY_SUBJECTS.some((re) => re.test(message.subject));
}

export function classifyInbound(message: InboundMessage, index: ContactIndex): Classification {
  if (looksLikeBounce(message)) return classifyBounce(message, index);
  const auto = isAutoReply(message);
  const match = matchThread(message, index);
  if (match) return { kind: auto ? "auto-reply" : "reply", ...match };
  const other = otherCampaign([...message.inReplyTo, ...message.references], index.campaign);
  if (other)
    return {
      kind: "unmatched",
      looksLike: auto ? "auto-reply" : "reply",
      reason: `answers a message of campaign ${other}`,
    };
  return {
    kind: "unmatched",
    looksLike: auto ? "auto-reply" : "reply",
    reason: "no In-Reply-To/References to our messages and the sender is not a campaign contact",
  };
}

function classifyBounce(message: InboundMessage, index: ContactIndex): Classification {
  const bounce = readBounce(message);
  const dsnActions = message.parts
    .filter((p) => p.contentType === "message/delivery-status")
    .map((p) => p.content.toLowerCase());
  if (
    dsnActions.length > 0 &&
    dsnActions.every(
      (d) => /action:\s*(delivered|relayed|expanded)/.test(d) && !/action:\s*(failed|delayed)/.test(d),
    )
  ) {
    return {
      kind: "unmatched",
      looksLike: "delivery-notice",
      reason: "a successful delivery notice, not a bounce",
    };
  }
  const haystack = [message.text, ...message.parts.map((p) => p.content), message.raw].join("\n");
  const byId = findOurMessageId(haystack, index, message.messageId);
  if (byId) return { kind: "bounce", contact: byId, matchedBy: "message-id", bounce };
  const byHeader = findOutreachHeader(haystack, index);
  if (byHeader) return { kind: "bounce", contact: byHeader, matchedBy: "outreach-header", bounce };
  // A report about another campaign's message must not be pinned on this one through the address.
  const other =
    [...haystack.matchAll(/^X-Outreach-Campaign:\s*(\S+)/gim)]
      .map((m) => m[1])
      .find((c) => c && c !== index.campaign) ??
    otherCampaign(
      [...haystack.matchAll(MESSAGE_ID_TOKEN)].map((m) => m[0]),
      index.campaign,
    );
  if (other)
    return {
      kind: "unmatched",
      looksLike: "bounce",
      reason: `delivery report about a message of campaign ${other}`,
    };
  for (const address of bounce.recipients) {
    const contact = index.byEmail.get(address);
    if (contact) return { kind: "bounce", contact, matchedBy: "final-recipient", bounce };
  }
  return {
    kind: "unmatched",
    looksLike: "bounce",
    reason: `delivery report for ${bounce.recipients[0] ?? "an unknown recipient"} matches no message or contact of this campaign`,
  };
}

function matchThread(
  message: InboundMessage,
  index: ContactIndex,
): { contact: string; matchedBy: MatchedBy } | undefined {
  for (const id of message.inReplyTo) {
    const contact = index.byMessageId.get(id.toLowerCase());
    if (contact) return { contact, matchedBy: "in-reply-to" };
  }
  for (const id of message.references) {
    const contact = index.byMessageId.get(id.toLowerCase());
    if (contact) return { contact, matchedBy: "references" };
  }
  if (otherCampaign([...message.inReplyTo, ...message.references], index.campaign)) return undefined;
  const sender = message.fromAddress ? index.byEmail.get(message.fromAddress.toLowerCase()) : undefined;
  return sender ? { contact: sender, matchedBy: "sender" } : undefined;
}

function otherCampaign(ids: readonly string[], campaign: string): string | undefined {
  for (const id of ids) {
    const c = OUTREACH_ID.exec(id)?.[1];
    if (c && c.toLowerCase() !== campaign.toLowerCase()) return c;
  }
  return undefined;
}

function findOurMessageId(text: string, index: ContactIndex, ownId: string | undefined): string | undefined {
  const own = ownId?.toLowerCase();
  for (const m of text.matchAll(MESSAGE_ID_TOKEN)) {
    const id = m[0].toLowerCase();
    if (id === own) continue;
    const contact = index.byMessageId.get(id);
    if (contact) return contact;
  }
  return undefined;
}

function findOutreachHeader(text: string, index: ContactIndex): string | undefined {
  const campaigns = [...text.matchAll(/^X-Outreach-Campaign:\s*(\S+)/gim)].map((m) => m[1]);
  if (campaigns.length > 0 && !campaigns.includes(index.campaign)) return undefined;
  for (const m of text.matchAll(/^X-Outreach-Contact:\s*(\S+)/gim)) {
    const id = m[1];
    if (id && index.contacts.has(id)) return id;
  }
  return undefined;
}
