/**
 * Classifying one imported message (read-inbound.ts says what it is) and matching it to the campaign
 * contacts it is about. A delivery report may name several failed recipients: each gets its own match and
 * its own status. Pure: the caller passes the index of the campaign's Message-IDs and addresses, and the
 * workspace key.
 *
 * Matching order for bounces and complaints: our Message-ID quoted in the report → our `X-Outreach-*`
 * headers quoted in it → the failed (or complaining) recipient's address → for a report about one
 * recipient we do not know, the returned message's To:. Replies and auto-replies: In-Reply-To /
 * References → the sender's address, when it is a contact's.
 *
 * Verification (why: anyone can send us a delivery report or a complaint, and either stops all mail to a
 * ministry): a match is `verified` only when the message quotes a Message-ID we sent to that contact (one
 * the ledger records, or one the campaign gives now) or one whose keyed tag checks out, or an
 * `X-Outreach-Tag` that does. A match through a forged tag, an X-Outreach-Contact header alone or an
 * address alone is still recorded, as unverified, and never changes the directory. A reply (and a request
 * to stop writing) also needs a sender at the contact's domain (or a subdomain of it); otherwise it is
 * unverified until someone confirms it with `outreach mark`.
 */
import type { InboundMessage } from "./inbound-message.js";
import {
  matchByAddress,
  matchThread,
  otherCampaign,
  quotedMatches,
  type ContactIndex,
  type ContactMatch,
  type QuotedMatches,
} from "./match-contact.js";
import type { BounceReport, RecipientBounce } from "./parse-bounce.js";
import type { ComplaintReport } from "./provider-notice.js";
import { readInbound, type InboundReading } from "./read-inbound.js";

export type { ContactIndex, ContactMatch, MatchedBy } from "./match-contact.js";
export { isAutoReply } from "./auto-reply.js";

/** One failed recipient matched to a contact, with its own status. */
export type BounceMatch = ContactMatch & { bounce: RecipientBounce & { shape: BounceReport["shape"] } };

export type Classification =
  /** The first matched recipient at the top, every one (it included) in `recipients`. */
  | ({ kind: "bounce"; recipients: BounceMatch[]; unmatchedRecipients: string[] } & BounceMatch)
  | ({ kind: "complaint"; complaint: ComplaintReport } & ContactMatch)
  | ({ kind: "auto-reply" } & ContactMatch)
  | ({ kind: "reply" } & ContactMatch)
  | { kind: "unmatched"; looksLike: UnmatchedLooksLike; reason: string };

export type UnmatchedLooksLike =
  "bounce" | "complaint" | "delivery-notice" | "feedback-report" | "auto-reply" | "reply" | "unreadable";

export function classifyInbound(message: InboundMessage, index: ContactIndex): Classification {
  const reading = readInbound(message);
  switch (reading.kind) {
    case "bounce":
      return classifyBounce(message, reading, index);
    case "complaint":
      return reading.complaint.source === "unsubscribe"
        ? classifyAnswer(message, index, "complaint", reading.complaint)
        : classifyComplaint(message, reading, index);
    case "delivery-notice":
      return {
        kind: "unmatched",
        looksLike: "delivery-notice",
        reason: "a delivery notice (the letter arrived), not a bounce",
      };
    case "feedback-report":
      return {
        kind: "unmatched",
        looksLike: "feedback-report",
        reason: `a feedback report of type ${reading.feedbackType}, not a complaint`,
      };
    case "auto-reply":
      return classifyAnswer(message, index, "auto-reply");
    case "message":
      return classifyAnswer(message, index, "reply");
  }
}

function classifyBounce(
  message: InboundMessage,
  reading: Extract<InboundReading, { kind: "bounce" }>,
  index: ContactIndex,
): Classification {
  const { bounce } = reading;
  const quoted = quotedMatches(message, index, reading.messageIds);
  if (quoted.otherCampaign) return aboutOtherCampaign("bounce", quoted.otherCampaign);
  const recipients: BounceMatch[] = [];
  const unmatchedRecipients: string[] = [];
  for (const failed of bounce.failed) {
    const match = matchReported(addressesOf(failed), bounce.failed.length, bounce.returnedTo, quoted, index);
    if (match && !recipients.some((r) => r.contact === match.contact))
      recipients.push({ ...match, bounce: { ...failed, shape: bounce.shape } });
    else if (!match) unmatchedRecipients.push(failed.address ?? "(no address)");
  }
  const first = recipients[0];
  if (!first)
    return {
      kind: "unmatched",
      looksLike: "bounce",
      reason: `delivery report for ${bounce.failed.map((f) => f.address).find(Boolean) ?? "an unknown recipient"} matches no message or contact of this campaign`,
    };
  return { kind: "bounce", ...first, recipients, unmatchedRecipients };
}

function classifyComplaint(
  message: InboundMessage,
  reading: Extract<InboundReading, { kind: "complaint" }>,
  index: ContactIndex,
): Classification {
  const { complaint } = reading;
  const quoted = quotedMatches(message, index, reading.messageIds);
  if (quoted.otherCampaign) return aboutOtherCampaign("complaint", quoted.otherCampaign);
  const addresses = complaint.recipients.length > 0 ? complaint.recipients.map((a) => [a]) : [[]];
  for (const candidates of addresses) {
    const match = matchReported(candidates, addresses.length, [], quoted, index);
    if (match) return { kind: "complaint", ...match, complaint };
  }
  return {
    kind: "unmatched",
    looksLike: "complaint",
    reason: `complaint about ${complaint.recipients[0] ?? "an unknown recipient"} matches no message or contact of this campaign`,
  };
}

/**
 * One reported recipient: by its own addresses (with what the quotes prove about that contact); else,
 * when the report quotes exactly one of our letters, that letter's contact (the failed address may be an
 * alias the ministry forwards to); else, for a report about one recipient, the returned message's To:.
 */
function matchReported(
  addresses: readonly string[],
  count: number,
  returnedTo: readonly string[],
  quoted: QuotedMatches,
  index: ContactIndex,
): ContactMatch | undefined {
  const byAddress = matchByAddress(addresses, quoted, index, "final-recipient");
  if (byAddress) return byAddress;
  if (quoted.byContact.size === 1) return [...quoted.byContact.values()][0];
  return count === 1 ? matchByAddress(returnedTo, quoted, index, "returned-to") : undefined;
}

function addressesOf(failed: RecipientBounce): string[] {
  return [failed.original, failed.address].filter((a): a is string => Boolean(a));
}

function classifyAnswer(
  message: InboundMessage,
  index: ContactIndex,
  kind: "auto-reply" | "reply" | "complaint",
  complaint?: ComplaintReport,
): Classification {
  const match = matchThread(message, index);
  // A request to stop writing changes the directory: like a report, it must quote a letter we sent.
  if (match && kind === "complaint" && complaint)
    return match.matchedBy === "sender"
      ? {
          kind,
          ...match,
          verified: false,
          unverifiedReason: "quotes none of our Message-IDs; matched by the sender's address only",
          complaint,
        }
      : { kind, ...match, complaint };
  if (match && kind !== "complaint") return { kind, ...match };
  const looksLike = kind;
  const other = otherCampaign([...message.inReplyTo, ...message.references], index.campaign);
  if (other) return { kind: "unmatched", looksLike, reason: `answers a message of campaign ${other}` };
  return {
    kind: "unmatched",
    looksLike,
    reason: "no In-Reply-To/References to our messages and the sender is not a campaign contact",
  };
}

function aboutOtherCampaign(looksLike: "bounce" | "complaint", campaign: string): Classification {
  const what = looksLike === "bounce" ? "delivery report" : "complaint";
  return { kind: "unmatched", looksLike, reason: `${what} about a message of campaign ${campaign}` };
}
