/**
 * Deterministic Message-IDs: the same campaign and contact always give the same id (for a given workspace
 * key), so a duplicate delivery can be recognised downstream and the ledger can match replies and bounces.
 * With the workspace key (`.outreach/secret`) the id also carries a keyed tag, an HMAC-SHA256 of campaign
 * and contact, so a bounce or reply that quotes it can be verified as being about a message we sent:
 * nobody without the key can make a valid tag for a contact we never wrote to. Pure.
 *
 * Formats: `<campaign.c-<16 hex>.t-<24 hex>@domain>` (keyed) and `<campaign.c-<16 hex>@domain>`
 * (unkeyed: the format before keys, still matched when a ledger records it).
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** 96 bits of HMAC-SHA256, as hex. */
const TAG_HEX = 24;
const OUTREACH_ID = /^<([a-z0-9][a-z0-9-]*)\.c-([0-9a-f]{16})(?:\.t-([0-9a-f]{24}))?@[^<>\s"]+>$/i;

/** `<wcit-2012.c-1a2b3c4d5e6f7a8b.t-0123456789abcdef01234567@outreach.coalition.example>` */
export function messageIdFor(
  campaignId: string,
  contactId: string,
  domain: string,
  key?: Uint8Array,
): string {
  const hash = contactHashFor(campaignId, contactId);
  if (!key) return `<${campaignId}.c-${hash}@${domain}>`;
  return `<${campaignId}.c-${hash}.t-${messageTagFor(campaignId, contactId, key)}@${domain}>`;
}

/** The public part of the id: names the contact to someone who knows the contact ids, proves nothing. */
export function contactHashFor(campaignId: string, contactId: string): string {
  return createHash("sha256").update(`${campaignId}\u0000${contactId}`).digest("hex").slice(0, 16);
}

/** The keyed tag (also sent as the `X-Outreach-Tag` header). */
export function messageTagFor(campaignId: string, contactId: string, key: Uint8Array): string {
  return createHmac("sha256", key)
    .update(`outreach-message-id\u0000${campaignId}\u0000${contactId}`)
    .digest("hex")
    .slice(0, TAG_HEX);
}

/** Whether `tag` is the keyed tag of this campaign and contact (constant-time). */
export function verifyMessageTag(
  campaignId: string,
  contactId: string,
  tag: string,
  key: Uint8Array,
): boolean {
  const want = Buffer.from(messageTagFor(campaignId, contactId, key), "latin1");
  const got = Buffer.from(tag.toLowerCase(), "latin1");
  return got.length === want.length && timingSafeEqual(got, want);
}

export interface ParsedMessageId {
  campaign: string;
  /** Lower-case contact hash (see `contactHashFor`). */
  hash: string;
  /** Lower-case keyed tag; absent in the unkeyed format. */
  tag?: string;
}

/** Reads one of our Message-IDs (angle brackets included); undefined for anyone else's. */
export function parseMessageId(id: string): ParsedMessageId | undefined {
  const m = OUTREACH_ID.exec(id.trim());
  if (!m?.[1] || !m[2]) return undefined;
  return { campaign: m[1], hash: m[2].toLowerCase(), ...(m[3] ? { tag: m[3].toLowerCase() } : {}) };
}
