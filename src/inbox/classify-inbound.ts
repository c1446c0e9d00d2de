/**
 * Classifying one imported message: a delivery report (bounce), an auto-reply, a human reply, or
 * unmatched; and matching it to the campaign contact it is about. Pure: the caller passes the index of
 * the campaign's Message-IDs and addresses, and the workspace key.
 *
 * Matching order for bounces: our Message-ID quoted in the report → our `X-Outreach-*` headers quoted in
 * it → the final recipient address. Replies and auto-replies: In-Reply-To / References → the sender's
 * address, when it is a contact's.
 *
 * Verification (why: anyone can send us a delivery report, and a hard bounce stops all mail to a
 * ministry): a match is `verified` only when the message quotes a Message-ID we sent (one the ledger
 * records, or one the campaign gives now) or one whose keyed tag checks out, or an `X-Outreach-Tag` that
 * does. A match through a forged tag, an X-Outreach-Contact header alone or the recipient address alone is
 * still recorded, as unverified, and never changes the directory. A reply also needs a sender at the
 * contact's domain (or a subdomain of it); otherwise it is an unverified reply until someone confirms it
 * with `outreach mark <campaign> <contact> replied`.
 */
import { parseMessageId, verifyMessageTag } from "../campaign/message-id.js";
import { headerValue, type InboundMessage } from "./inbound-message.js";
import { looksLikeBounce, readBounce, type BounceReport } from "./parse-bounce.js";

export interface ContactIndex {
  campaign: string;
  /** Our Message-IDs (with angle brackets, lower-case) → contact id: what we sent, or send now. */
  byMessageId: ReadonlyMap<string, string>;
  /** Lower-case email address → contact id. */
  byEmail: ReadonlyMap<string, string>;
  /** Every contact id of the campaign (for the X-Outreach-Contact header). */
  contacts: ReadonlySet<string>;
  /** `contactHashFor(campaign, contact)` → contact: whom a quoted id claims to be about. */
  byHash: ReadonlyMap<string, string>;
  /** Contact → the lower-case domains of its addresses, for checking who a reply comes from. */
  domains: ReadonlyMap<string, ReadonlySet<string>>;
  /** The workspace key; without one, no tag can be verified (only known ids match). */
  key?: Uint8Array;
}

/** A match to a contact, and whether it proves the message is about one we sent (see the header). */
export interface ContactMatch {
  contact: string;
  matchedBy: MatchedBy;
  verified: boolean;
  /** Why the match is not verified (shown by inbox import). */
  unverifiedReason?: string;
}

export type MatchedBy =
  "message-id" | "outreach-header" | "final-recipient" | "in-reply-to" | "references" | "sender";

export type Classification =
  | ({ kind: "bounce"; bounce: BounceReport } & ContactMatch)
  | ({ kind: "auto-reply" } & ContactMatch)
  | ({ kind: "reply" } & ContactMatch)
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
  const own = message.messageId?.toLowerCase();
  const quoted = [...haystack.matchAll(MESSAGE_ID_TOKEN)]
    .map((m) => m[0])
    .filter((id) => id.toLowerCase() !== own);
  let claim: ContactMatch | undefined;
  for (const id of quoted) {
    const m = lookUpMessageId(id, "message-id", index);
    if (m?.verified) return { kind: "bounce", ...m, bounce };
    claim ??= m;
  }
  const byHeader = findOutreachHeader(haystack, index);
  if (byHeader?.verified) return { kind: "bounce", ...byHeader, bounce };
  // A report about another campaign's message must not be pinned on this one through the address.
  const other =
    [...haystack.matchAll(/^X-Outreach-Campaign:\s*(\S+)/gim)]
      .map((m) => m[1])
      .find((c) => c && c !== index.campaign) ?? otherCampaign(quoted, index.campaign);
  if (other)
    return {
      kind: "unmatched",
      looksLike: "bounce",
      reason: `delivery report about a message of campaign ${other}`,
    };
  claim ??= byHeader;
  if (claim) return { kind: "bounce", ...claim, bounce };
  for (const address of bounce.recipients) {
    const contact = index.byEmail.get(address);
    if (contact)
      return {
        kind: "bounce",
        contact,
        matchedBy: "final-recipient",
        verified: false,
        unverifiedReason: `names the contact's address only, none of our Message-IDs`,
        bounce,
      };
  }
  return {
    kind: "unmatched",
    looksLike: "bounce",
    reason: `delivery report for ${bounce.recipients[0] ?? "an unknown recipient"} matches no message or contact of this campaign`,
  };
}

function matchThread(message: InboundMessage, index: ContactIndex): ContactMatch | undefined {
  let claim: ContactMatch | undefined;
  for (const [ids, matchedBy] of [
    [message.inReplyTo, "in-reply-to"],
    [message.references, "references"],
  ] as const) {
    for (const id of ids) {
      const m = lookUpMessageId(id, matchedBy, index);
      if (m?.verified) return checkSender(m, message, index);
      claim ??= m;
    }
  }
  if (otherCampaign([...message.inReplyTo, ...message.references], index.campaign)) return undefined;
  if (claim) return claim;
  const sender = message.fromAddress ? index.byEmail.get(message.fromAddress.toLowerCase()) : undefined;
  return sender ? { contact: sender, matchedBy: "sender", verified: true } : undefined;
}

/** A reply to our message counts as the contact's only when it comes from the contact's domain. */
function checkSender(m: ContactMatch, message: InboundMessage, index: ContactIndex): ContactMatch {
  const from = message.fromAddress?.toLowerCase() ?? "";
  const domain = from.slice(from.lastIndexOf("@") + 1);
  const domains = index.domains.get(m.contact) ?? new Set<string>();
  if (from.includes("@") && [...domains].some((d) => domain === d || domain.endsWith(`.${d}`))) return m;
  return {
    ...m,
    verified: false,
    unverifiedReason: `from ${from || "an unknown sender"}, not the contact's domain (${[...domains].join(", ") || "no address known"}); if it is theirs, confirm with outreach mark ${index.campaign} ${m.contact} replied`,
  };
}

/**
 * One quoted Message-ID: verified when we sent it (or send it now) or its keyed tag checks out; a claim
 * (unverified) when it has our format and names a contact of the campaign but proves nothing.
 */
function lookUpMessageId(id: string, matchedBy: MatchedBy, index: ContactIndex): ContactMatch | undefined {
  const lower = id.toLowerCase();
  const known = index.byMessageId.get(lower);
  if (known) return { contact: known, matchedBy, verified: true };
  const parsed = parseMessageId(lower);
  if (!parsed || parsed.campaign !== index.campaign.toLowerCase()) return undefined;
  const contact = index.byHash.get(parsed.hash);
  if (!contact) return undefined;
  if (parsed.tag && index.key && verifyMessageTag(index.campaign, contact, parsed.tag, index.key))
    return { contact, matchedBy, verified: true };
  return {
    contact,
    matchedBy,
    verified: false,
    unverifiedReason: parsed.tag
      ? `quotes a Message-ID ${id} whose tag does not verify`
      : `quotes an untagged Message-ID ${id} that the ledger does not record`,
  };
}

function otherCampaign(ids: readonly string[], campaign: string): string | undefined {
  for (const id of ids) {
    const c = parseMessageId(id)?.campaign;
    if (c && c.toLowerCase() !== campaign.toLowerCase()) return c;
  }
  return undefined;
}

/** `X-Outreach-Contact` quoted in a report: verified only with a matching `X-Outreach-Tag`. */
function findOutreachHeader(text: string, index: ContactIndex): ContactMatch | undefined {
  const campaigns = [...text.matchAll(/^X-Outreach-Campaign:\s*(\S+)/gim)].map((m) => m[1]);
  if (campaigns.length > 0 && !campaigns.includes(index.campaign)) return undefined;
  const tags = [...text.matchAll(/^X-Outreach-Tag:\s*([0-9a-f]+)/gim)].map((m) => m[1] ?? "");
  for (const m of text.matchAll(/^X-Outreach-Contact:\s*(\S+)/gim)) {
    const contact = m[1];
    if (!contact || !index.contacts.has(contact)) continue;
    const key = index.key;
    if (key && tags.some((t) => verifyMessageTag(index.campaign, contact, t, key)))
      return { contact, matchedBy: "outreach-header", verified: true };
    return {
      contact,
      matchedBy: "outreach-header",
      verified: false,
      unverifiedReason: `names the contact in an X-Outreach-Contact header without a valid X-Outreach-Tag or Message-ID`,
    };
  }
  return undefined;
}
