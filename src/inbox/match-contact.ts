/**
 * Matching imported mail to the campaign contact it is about, and deciding whether the match proves
 * anything (see classify-inbound.ts for the rule). Pure: the caller passes the index of the campaign's
 * Message-IDs and addresses, and the workspace key.
 */
import { parseMessageId, verifyMessageTag } from "../campaign/message-id.js";
import type { InboundMessage } from "./inbound-message.js";

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

/** A match to a contact, and whether it proves the message is about one we sent. */
export interface ContactMatch {
  contact: string;
  matchedBy: MatchedBy;
  verified: boolean;
  /** Why the match is not verified (shown by inbox import). */
  unverifiedReason?: string;
}

export type MatchedBy =
  | "message-id"
  | "outreach-header"
  | "final-recipient"
  | "returned-to"
  | "in-reply-to"
  | "references"
  | "sender";

const MESSAGE_ID_TOKEN = /<[^<>\s"]+@[^<>\s"]+>/g;

/** What a report quotes of ours: the contacts its Message-IDs and X-Outreach headers name, best match each. */
export interface QuotedMatches {
  /** Contact → its match: verified when any quote proves it, else the first claim. */
  byContact: Map<string, ContactMatch>;
  /** Another campaign the report is about, when nothing of this one is verified. */
  otherCampaign?: string;
}

/** Everything a report quotes: its text, kept parts and raw message, plus ids a parser found (`extraIds`). */
export function quotedMatches(
  message: Pick<InboundMessage, "text" | "parts" | "raw" | "messageId">,
  index: ContactIndex,
  extraIds: readonly string[] = [],
): QuotedMatches {
  const haystack = [message.text, ...message.parts.map((p) => p.content), message.raw].join("\n");
  const own = message.messageId?.toLowerCase();
  const quoted = [...extraIds, ...[...haystack.matchAll(MESSAGE_ID_TOKEN)].map((m) => m[0])].filter(
    (id) => id.toLowerCase() !== own,
  );
  const byContact = new Map<string, ContactMatch>();
  const add = (m: ContactMatch | undefined) => {
    if (m && (!byContact.has(m.contact) || (m.verified && !byContact.get(m.contact)?.verified)))
      byContact.set(m.contact, m);
  };
  for (const id of quoted) add(lookUpMessageId(id, "message-id", index));
  add(findOutreachHeader(haystack, index));
  if ([...byContact.values()].some((m) => m.verified)) return { byContact };
  // A report about another campaign's message must not be pinned on this one through an address.
  const other =
    [...haystack.matchAll(/^X-Outreach-Campaign:\s*(\S+)/gim)]
      .map((m) => m[1])
      .find((c) => c && c !== index.campaign) ?? otherCampaign(quoted, index.campaign);
  return other ? { byContact, otherCampaign: other } : { byContact };
}

/** A contact found by one of the addresses a report names, with what the quotes say about it. */
export function matchByAddress(
  addresses: readonly string[],
  quoted: QuotedMatches,
  index: ContactIndex,
  matchedBy: "final-recipient" | "returned-to",
): ContactMatch | undefined {
  const contact = addresses.map((a) => index.byEmail.get(a.toLowerCase())).find(Boolean);
  if (!contact) return undefined;
  return (
    quoted.byContact.get(contact) ?? {
      contact,
      matchedBy,
      verified: false,
      unverifiedReason:
        matchedBy === "final-recipient"
          ? "names the contact's address only, none of our Message-IDs"
          : "names none of our Message-IDs; matched by the returned message's To: only",
    }
  );
}

/** A reply or auto-reply: In-Reply-To / References, else the sender's address when it is a contact's. */
export function matchThread(message: InboundMessage, index: ContactIndex): ContactMatch | undefined {
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

export function otherCampaign(ids: readonly string[], campaign: string): string | undefined {
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
