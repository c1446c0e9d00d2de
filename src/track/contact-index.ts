/** The lookup tables inbox import matches messages with: our Message-IDs and contact addresses → contact id. */
import type { LedgerEvent } from "../ledger/ledger-event-schema.js";
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
}

export function buildContactIndex(
  campaign: string,
  targets: Iterable<IndexedTarget>,
  events: Iterable<LedgerEvent> = [],
): MutableContactIndex {
  const index: MutableContactIndex = {
    campaign,
    byMessageId: new Map(),
    byEmail: new Map(),
    contacts: new Set(),
  };
  for (const t of targets) {
    index.contacts.add(t.contactId);
    if (t.messageId) index.byMessageId.set(t.messageId.toLowerCase(), t.contactId);
    if (t.email) index.byEmail.set(t.email.toLowerCase(), t.contactId);
  }
  for (const e of events) indexLedgerEvent(index, e);
  return index;
}

/** The ledger knows the Message-IDs and addresses actually used, even for contacts no longer planned. */
export function indexLedgerEvent(index: MutableContactIndex, e: LedgerEvent): void {
  if (e.campaign !== index.campaign) return;
  if (e.type === "attempt" || e.type === "sent" || e.type === "deferred" || e.type === "failed") {
    index.contacts.add(e.contact);
    index.byMessageId.set(e.messageId.toLowerCase(), e.contact);
    if (e.email) index.byEmail.set(e.email.toLowerCase(), e.contact);
  }
}

/** The key of an inbound message already recorded by this event, if it is one of inbox import's. */
export function importedKeyOf(e: LedgerEvent): string | undefined {
  return e.type === "bounced" || e.type === "auto-replied" || e.type === "replied"
    ? e.sourceMessageId
    : undefined;
}
