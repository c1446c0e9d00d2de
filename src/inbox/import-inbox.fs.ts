/**
 * `outreach inbox import`: read mailboxes, classify each message (bounce, complaint, auto-reply, reply,
 * unmatched), append the new events to the campaign ledger, and set directory statuses for what is
 * verified (see classify-inbound.ts): a permanent bounce (a dead address) makes the contact `bounced`, a
 * complaint `do-not-contact`; an unverified one, or a bounce that is not permanent (a deliverability
 * problem, a full mailbox), is only recorded. Input: workspace, campaign id, mailbox paths. Output: a
 * summary listing every message.
 * Effects: appends to the ledger (fsync), rewrites the directory atomically when a status changes.
 * Idempotent: a message already recorded (by Message-ID, or content hash) adds nothing.
 */
import { createHash } from "node:crypto";
import type { Clock } from "../core/clock.js";
import { workspacePaths } from "../core/workspace.js";
import { appendLedgerEvents, forEachLedgerEvent } from "../ledger/ledger-file.fs.js";
import type { Problem } from "../core/errors.js";
import { setDirectoryStatus } from "../contacts/directory-status.fs.js";
import { loadTrackedCampaign } from "../campaign/campaign-targets.fs.js";
import { classifyInbound, type Classification } from "./classify-inbound.js";
import { buildContactIndex, importedKeyOf, indexLedgerEvent, type IndexedTarget } from "./contact-index.js";
import { buildInboxEvents, type InboxImportSummary } from "./inbox-events.js";
import type { InboundMessage } from "./inbound-message.js";
import { parseInbound } from "./parse-inbound.js";
import { readMailboxes, type RawMessage } from "./read-mailbox.fs.js";

export interface InboxImportResult extends InboxImportSummary {
  /** Contacts whose directory status was changed to `bounced` by this import. */
  directoryUpdated: string[];
  /** Contacts whose directory status was changed to `do-not-contact` (a complaint) by this import. */
  doNotContact: string[];
  ledgerProblems: Problem[];
  messages: number;
}

export interface ImportInboxOptions {
  ledgerPath: string;
  directoryPath: string;
  campaign: string;
  targets: readonly IndexedTarget[];
  mailboxes: readonly string[];
  /** Messages fetched elsewhere (IMAP, `imap-fetch.imap.ts`), read instead of `mailboxes` when given. */
  messages?: AsyncIterable<RawMessage>;
  clock: Clock;
  /** The workspace key that verifies the tags of our Message-IDs (none: only known ids verify). */
  key?: Uint8Array;
}

/** Import for a campaign of a workspace (what the CLI and the demo call). */
export async function importInboxForCampaign(
  workspace: string,
  campaignId: string,
  mailboxes: readonly string[],
  clock: Clock,
): Promise<InboxImportResult> {
  const paths = workspacePaths(workspace);
  const { targets, messageIdKey } = await loadTrackedCampaign(workspace, campaignId);
  return importInbox({
    ledgerPath: paths.ledger(campaignId),
    directoryPath: paths.directory,
    campaign: campaignId,
    targets: targets.map((t) => ({
      contactId: t.contactId,
      email: t.email,
      ...(t.messageId ? { messageId: t.messageId } : {}),
    })),
    mailboxes,
    clock,
    ...(messageIdKey ? { key: messageIdKey } : {}),
  });
}

export async function importInbox(options: ImportInboxOptions): Promise<InboxImportResult> {
  const ledgerProblems: Problem[] = [];
  // One streaming pass over the ledger: the index and the keys of messages already imported.
  const index = buildContactIndex(options.campaign, options.targets, [], options.key);
  const existingKeys = new Set<string>();
  await forEachLedgerEvent(options.ledgerPath, ledgerProblems, (e) => {
    indexLedgerEvent(index, e);
    const key = importedKeyOf(e);
    if (key) existingKeys.add(key);
  });
  const classified: { message: InboundMessage; classification: Classification }[] = [];
  for await (const raw of options.messages ?? readMailboxes(options.mailboxes)) {
    let message: InboundMessage;
    try {
      message = await parseInbound(raw.raw, raw.source);
    } catch (e) {
      // One unreadable message must not stop the import; it is listed like any unmatched one.
      message = unreadableMessage(raw.source, raw.raw);
      classified.push({
        message,
        classification: {
          kind: "unmatched",
          looksLike: "unreadable",
          reason: `cannot be parsed: ${(e as Error).message}`,
        },
      });
      continue;
    }
    const classification = classifyInbound(message, index);
    // Keep only what the summary needs: a large mailbox must not stay in memory.
    classified.push({ message: { ...message, raw: "", text: "", parts: [] }, classification });
  }
  const summary = buildInboxEvents(classified, {
    campaign: options.campaign,
    existingKeys,
    at: new Date(options.clock.now()).toISOString(),
  });
  await appendLedgerEvents(options.ledgerPath, summary.events);
  // do-not-contact first: it is the stronger status, and a contact that complained is never marked bounced.
  const complaints = await setDirectoryStatus(options.directoryPath, summary.complained, "do-not-contact");
  const dead = summary.deadAddresses.filter((c) => !summary.complained.includes(c));
  const bounced = await setDirectoryStatus(options.directoryPath, dead, "bounced");
  return {
    ...summary,
    directoryUpdated: bounced.changed,
    doNotContact: complaints.changed,
    ledgerProblems: [...ledgerProblems, ...complaints.problems, ...bounced.problems],
    messages: classified.length,
  };
}

function unreadableMessage(source: string, raw: Buffer): InboundMessage {
  return {
    source,
    key: `sha256:${createHash("sha256").update(raw).digest("hex")}`,
    subject: "",
    inReplyTo: [],
    references: [],
    headers: new Map(),
    contentType: "",
    text: "",
    parts: [],
    raw: "",
  };
}
