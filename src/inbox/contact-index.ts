/**
 * The lookup tables inbox import matches messages with: our Message-IDs, contact hashes and addresses →
 * contact id, each contact's domains, and the workspace key that verifies tags.
 */
import type { LedgerEvent } from "../ledger/ledger-event-schema.js";
import { contactHashFor } from "../campaign/message-id.js";
import type { ContactIndex } from "./classify-inbound.js";

export interface IndexedTarget {
  contactId: string;
  email?: string;
  /** The deterministic Message-ID the campaign uses (or used) for this contact. */
  messageId?: string;
}

export interface MutableContactIndex extends ContactIndex {
  byMessageId: Map<string, string>;
  byEmail: Map<string, string>;
  contacts: Set<string>;
  byHash: Map<string, string>;
  domains: Map<string, Set<string>>;
}

export function buildContactIndex(
  campaign: string,
  targets: Iterable<IndexedTarget>,
  events: Iterable<LedgerEvent> = [],
  key?: Uint8Array,
): MutableContactIndex {
  const index: MutableContactIndex = {
    campaign,
    byMessageId: new Map(),
    byEmail: new Map(),
    contacts: new Set(),
    byHash: new Map(),
    domains: new Map(),
    ...(key ? { key } : {}),
  };
  for (const t of targets) {
    addContact(index, t.contactId, t.email);
    // A planned id proves something only when it is keyed: an unkeyed one is a hash of campaign and
    // contact anyone can compute, so without a key only the ids the ledger records (sent) count.
    if (t.messageId && key) index.byMessageId.set(t.messageId.toLowerCase(), t.contactId);
  }
  for (const e of events) indexLedgerEvent(index, e);
  return index;
}

/** The ledger knows the Message-IDs and addresses actually used, even for contacts no longer planned. */
export function indexLedgerEvent(index: MutableContactIndex, e: LedgerEvent): void {
  if (e.campaign !== index.campaign) return;
  if (e.type === "attempt" || e.type === "sent" || e.type === "deferred" || e.type === "failed") {
    addContact(index, e.contact, e.email);
    index.byMessageId.set(e.messageId.toLowerCase(), e.contact);
  }
}

function addContact(index: MutableContactIndex, contact: string, email: string | undefined): void {
  if (!index.contacts.has(contact)) {
    index.contacts.add(contact);
    index.byHash.set(contactHashFor(index.campaign, contact), contact);
  }
  if (!email) return;
  const address = email.trim().toLowerCase();
  index.byEmail.set(address, contact);
  const at = address.lastIndexOf("@");
  if (at < 0) return;
  let domains = index.domains.get(contact);
  if (!domains) index.domains.set(contact, (domains = new Set()));
  domains.add(address.slice(at + 1));
}

/** The key of an inbound message already recorded by this event, if it is one of inbox import's. */
export function importedKeyOf(e: LedgerEvent): string | undefined {
  return e.type === "bounced" || e.type === "auto-replied" || e.type === "replied" || e.type === "complaint"
    ? e.sourceMessageId
    : undefined;
}
