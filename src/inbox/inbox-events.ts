/**
 * From classified inbound messages to ledger events and an import summary. Pure: the caller passes the
 * keys already in the ledger (so a re-import adds nothing) and the time of the import.
 */
import type { LedgerEvent } from "../ledger/ledger-event-schema.js";
import type { Classification, MatchedBy } from "./classify-inbound.js";
import type { InboundMessage } from "./inbound-message.js";

export interface ImportedItem {
  source: string;
  key: string;
  kind: "bounce" | "auto-reply" | "reply";
  contact: string;
  matchedBy: MatchedBy;
  /** False when the match proves nothing (see classify-inbound.ts): recorded, never acted on. */
  verified: boolean;
  unverifiedReason?: string;
  bounceKind?: "hard" | "soft";
  status?: string;
  diagnostic?: string;
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
  /** Contacts whose address hard-bounced, verified (their directory status becomes `bounced`). */
  hardBounced: string[];
}

export function buildInboxEvents(
  classified: readonly { message: InboundMessage; classification: Classification }[],
  options: { campaign: string; existingKeys: ReadonlySet<string>; at: string },
): InboxImportSummary {
  const seen = new Set(options.existingKeys);
  const summary: InboxImportSummary = { imported: [], unmatched: [], events: [], hardBounced: [] };
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
    const item: ImportedItem = {
      source: message.source,
      key: message.key,
      kind: c.kind,
      contact: c.contact,
      matchedBy: c.matchedBy,
      verified: c.verified,
      ...(c.unverifiedReason ? { unverifiedReason: c.unverifiedReason } : {}),
      ...(message.fromAddress ? { from: message.fromAddress } : {}),
      subject: message.subject,
      duplicate,
    };
    const base = {
      at: options.at,
      campaign: options.campaign,
      contact: c.contact,
      sourceMessageId: message.key,
      ...(c.verified ? {} : { verified: false }),
    };
    if (c.kind === "bounce") {
      item.bounceKind = c.bounce.kind;
      if (c.bounce.status) item.status = c.bounce.status;
      if (c.bounce.diagnostic) item.diagnostic = c.bounce.diagnostic;
      if (!duplicate) {
        summary.events.push({
          ...base,
          type: "bounced",
          kind: c.bounce.kind,
          ...(c.bounce.status ? { status: c.bounce.status } : {}),
          ...(c.bounce.diagnostic ? { diagnostic: c.bounce.diagnostic } : {}),
        });
      }
      // An unverified report could be anyone's forgery: it must not stop mail to the ministry.
      if (c.bounce.kind === "hard" && c.verified && !summary.hardBounced.includes(c.contact))
        summary.hardBounced.push(c.contact);
    } else if (!duplicate) {
      const who = { ...(message.fromAddress ? { from: message.fromAddress } : {}), subject: message.subject };
      if (c.kind === "auto-reply") summary.events.push({ ...base, type: "auto-replied", ...who });
      else
        summary.events.push({
          ...base,
          type: "replied",
          ...who,
          ...(message.date ? { date: message.date } : {}),
        });
    }
    summary.imported.push(item);
  }
  return summary;
}
