/**
 * From classified inbound messages to ledger events and an import summary: one `bounced` event per
 * matched recipient of a report (each with its own status, reason and permanence), one `complaint`, one
 * `auto-replied` or `replied`. Pure: the caller passes the keys already in the ledger (so a re-import adds
 * nothing) and the time of the import.
 */
import type { BounceReason, LedgerEvent } from "../ledger/ledger-event-schema.js";
import type { BounceMatch, Classification, MatchedBy } from "./classify-inbound.js";
import type { InboundMessage } from "./inbound-message.js";

export interface ImportedItem {
  source: string;
  key: string;
  kind: "bounce" | "auto-reply" | "reply" | "complaint";
  contact: string;
  matchedBy: MatchedBy;
  /** False when the match proves nothing (see classify-inbound.ts): recorded, never acted on. */
  verified: boolean;
  unverifiedReason?: string;
  bounceKind?: "hard" | "soft";
  status?: string;
  diagnostic?: string;
  reason?: BounceReason;
  /** True when the bounce proves the address dead (docs/BOUNCES.md). */
  permanent?: boolean;
  /** The failed address the report names. */
  recipient?: string;
  /** For a complaint: its type (`abuse`…) or `unsubscribe`. */
  complaint?: string;
  from?: string;
  subject: string;
  /** True when this message was imported before (no event written again). */
  duplicate: boolean;
}

export interface UnmatchedItem {
  source: string;
  key: string;
  from?: string;
  subject: string;
  date?: string;
  looksLike: string;
  reason: string;
}

export interface InboxImportSummary {
  imported: ImportedItem[];
  unmatched: UnmatchedItem[];
  events: LedgerEvent[];
  /** Contacts whose address a verified permanent bounce proved dead (their directory status becomes `bounced`). */
  deadAddresses: string[];
  /** Contacts with a verified complaint (their directory status becomes `do-not-contact`). */
  complained: string[];
}

export function buildInboxEvents(
  classified: readonly { message: InboundMessage; classification: Classification }[],
  options: { campaign: string; existingKeys: ReadonlySet<string>; at: string },
): InboxImportSummary {
  const seen = new Set(options.existingKeys);
  const summary: InboxImportSummary = {
    imported: [],
    unmatched: [],
    events: [],
    deadAddresses: [],
    complained: [],
  };
  for (const { message, classification: c } of classified) {
    if (c.kind === "unmatched") {
      summary.unmatched.push({
        source: message.source,
        key: message.key,
        ...(message.fromAddress ? { from: message.fromAddress } : {}),
        subject: message.subject,
        ...(message.date ? { date: message.date } : {}),
        looksLike: c.looksLike,
        reason: c.reason,
      });
      continue;
    }
    const duplicate = seen.has(message.key);
    seen.add(message.key);
    const matches = c.kind === "bounce" ? c.recipients : [c];
    for (const m of matches) {
      const item = importedItem(message, c.kind, m, duplicate);
      if (!duplicate) summary.events.push(eventOf(message, c, m, options));
      noteDirectoryChange(summary, item);
      summary.imported.push(item);
    }
  }
  return summary;
}

function importedItem(
  message: InboundMessage,
  kind: ImportedItem["kind"],
  m: Exclude<Classification, { kind: "unmatched" }> | BounceMatch,
  duplicate: boolean,
): ImportedItem {
  const item: ImportedItem = {
    source: message.source,
    key: message.key,
    kind,
    contact: m.contact,
    matchedBy: m.matchedBy,
    verified: m.verified,
    ...(m.unverifiedReason ? { unverifiedReason: m.unverifiedReason } : {}),
    ...(message.fromAddress ? { from: message.fromAddress } : {}),
    subject: message.subject,
    duplicate,
  };
  if ("bounce" in m) {
    const b = m.bounce;
    Object.assign(item, { bounceKind: b.kind, reason: b.reason, permanent: b.permanent });
    if (b.status) item.status = b.status;
    if (b.diagnostic) item.diagnostic = b.diagnostic;
    if (b.address) item.recipient = b.address;
  }
  if ("complaint" in m)
    item.complaint =
      m.complaint.source === "unsubscribe" ? "unsubscribe" : (m.complaint.feedbackType ?? m.complaint.source);
  return item;
}

/** An unverified report could be anyone's forgery: it must not stop mail to the ministry. */
function noteDirectoryChange(summary: InboxImportSummary, item: ImportedItem): void {
  if (!item.verified) return;
  if (item.kind === "bounce" && item.permanent && !summary.deadAddresses.includes(item.contact))
    summary.deadAddresses.push(item.contact);
  if (item.kind === "complaint" && !summary.complained.includes(item.contact))
    summary.complained.push(item.contact);
}

function eventOf(
  message: InboundMessage,
  c: Exclude<Classification, { kind: "unmatched" }>,
  m: Exclude<Classification, { kind: "unmatched" }> | BounceMatch,
  options: { campaign: string; at: string },
): LedgerEvent {
  const base = {
    at: options.at,
    campaign: options.campaign,
    contact: m.contact,
    sourceMessageId: message.key,
    ...(m.verified ? {} : { verified: false }),
  };
  const who = { ...(message.fromAddress ? { from: message.fromAddress } : {}), subject: message.subject };
  if ("bounce" in m) {
    const b = m.bounce;
    return {
      ...base,
      type: "bounced",
      kind: b.kind,
      ...(b.status ? { status: b.status } : {}),
      ...(b.diagnostic ? { diagnostic: b.diagnostic } : {}),
      reason: b.reason,
      permanent: b.permanent,
      ...(b.address ? { recipient: b.address } : {}),
    };
  }
  if (c.kind === "complaint")
    return {
      ...base,
      type: "complaint",
      source: c.complaint.source,
      ...(c.complaint.feedbackType ? { feedbackType: c.complaint.feedbackType } : {}),
      ...who,
    };
  if (c.kind === "auto-reply") return { ...base, type: "auto-replied", ...who };
  return { ...base, type: "replied", ...who, ...(message.date ? { date: message.date } : {}) };
}
