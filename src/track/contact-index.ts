/** The lookup tables inbox import matches messages with: our Message-IDs and contact addresses → contact id. */
import type { LedgerEvent } from "../ledger/ledger-event-schema.js";
import type { ContactIndex } from "./classify-inbound.js";

export interface IndexedTarget {
  contactId: string;
  email?: string;
  /** The deterministic Message-ID the campaign uses (or used) for this contact. */
  messageId?: string;
}

export function buildContactIndex(
  campaign: string,
  targets: Iterable<IndexedTarget>,
  events: Iterable<LedgerEvent> = [],
): ContactIndex {
  const byMessageId = new Map<string, string>();
  const byEmail = new Map<string, string>();
  const contacts = new Set<string>();
  for (const t of targets) {
    contacts.add(t.contactId);
    if (t.messageId) byMessageId.set(t.messageId.toLowerCase(), t.contactId);
    if (t.email) byEmail.set(t.email.toLowerCase(), t.contactId);
  }
  // The ledger knows the Message-IDs and addresses actually used, even for contacts no longer planned.
  for (const e of events) {
    if (e.campaign !== campaign) continue;
    if (e.type === "attempt" || e.type === "sent" || e.type === "deferred" || e.type === "failed") {
      contacts.add(e.contact);
      byMessageId.set(e.messageId.toLowerCase(), e.contact);
      if (e.email) byEmail.set(e.email.toLowerCase(), e.contact);
    }
  }
  return { campaign, byMessageId, byEmail, contacts };
}

/** Keys of inbound messages already recorded, so importing the same mailbox twice adds nothing. */
export function importedKeys(events: Iterable<LedgerEvent>): Set<string> {
  const keys = new Set<string>();
  for (const e of events) {
    if (e.type === "bounced" || e.type === "auto-replied" || e.type === "replied")
      keys.add(e.sourceMessageId);
  }
  return keys;
}
