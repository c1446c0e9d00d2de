/**
 * Deterministic Message-IDs: the same campaign and contact always give the same id, so a duplicate
 * delivery can be recognised downstream and the ledger can match replies and bounces. Pure.
 */
import { createHash } from "node:crypto";

/** `<wcit-2012.c-1a2b3c4d5e6f7a8b@outreach.coalition.example>` */
export function messageIdFor(campaignId: string, contactId: string, domain: string): string {
  const hash = createHash("sha256").update(`${campaignId}\u0000${contactId}`).digest("hex").slice(0, 16);
  return `<${campaignId}.c-${hash}@${domain}>`;
}
