/**
 * `outreach inbox import`: read mailboxes, classify each message (bounce, auto-reply, reply,
 * unmatched), append the new events to the campaign ledger, and mark hard-bounced contacts `bounced` in
 * the directory. Input: workspace, campaign id, mailbox paths. Output: a summary listing every message.
 * Effects: appends to the ledger (fsync), rewrites the directory atomically when a status changes.
 * Idempotent: a message already recorded (by Message-ID, or content hash) adds nothing.
 */
import { readDirectory, writeDirectory } from "../contacts/directory-store.fs.js";
import type { Clock } from "../core/clock.js";
import { workspacePaths } from "../core/workspace.js";
import { appendLedgerEvents, streamLedger } from "../ledger/ledger-file.fs.js";
import type { LedgerEvent } from "../ledger/ledger-event-schema.js";
import type { Problem } from "../core/errors.js";
import { loadTrackedCampaign } from "./campaign-targets.fs.js";
import { classifyInbound, type Classification } from "./classify-inbound.js";
import { buildContactIndex, importedKeys, type IndexedTarget } from "./contact-index.js";
import { buildInboxEvents, type InboxImportSummary } from "./inbox-events.js";
import type { InboundMessage } from "./inbound-message.js";
import { parseInbound } from "./parse-inbound.js";
import { readMailboxes } from "./read-mailbox.fs.js";

export interface InboxImportResult extends InboxImportSummary {
  /** Contacts whose directory status was changed to `bounced` by this import. */
  directoryUpdated: string[];
  ledgerProblems: Problem[];
  messages: number;
}

export interface ImportInboxOptions {
  ledgerPath: string;
  directoryPath: string;
  campaign: string;
  targets: readonly IndexedTarget[];
  mailboxes: readonly string[];
  clock: Clock;
}

/** Import for a campaign of a workspace (what the CLI and the demo call). */
export async function importInboxForCampaign(
  workspace: string,
  campaignId: string,
  mailboxes: readonly string[],
  clock: Clock,
): Promise<InboxImportResult> {
  const paths = workspacePaths(workspace);
  const { targets } = await loadTrackedCampaign(workspace, campaignId);
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
  });
}

export async function importInbox(options: ImportInboxOptions): Promise<InboxImportResult> {
  const ledgerProblems: Problem[] = [];
  const events: LedgerEvent[] = [];
  for await (const e of streamLedger(options.ledgerPath, ledgerProblems)) {
    if (e.type !== "skipped" && e.type !== "marked") events.push(e);
  }
  const index = buildContactIndex(options.campaign, options.targets, events);
  const existingKeys = importedKeys(events);
  const classified: { message: InboundMessage; classification: Classification }[] = [];
  for await (const raw of readMailboxes(options.mailboxes)) {
    const message = await parseInbound(raw.raw, raw.source);
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
  const directory = await setDirectoryStatus(options.directoryPath, summary.hardBounced, "bounced");
  return {
    ...summary,
    directoryUpdated: directory.changed,
    ledgerProblems: [...ledgerProblems, ...directory.problems],
    messages: classified.length,
  };
}

/**
 * Set a directory status (`bounced`, `do-not-contact`) on some contacts; rewrites the directory only if
 * something changed. A directory with invalid rows is not rewritten (the reader leaves bad rows out, so
 * writing back would lose them): the change is reported as a warning instead.
 */
export async function setDirectoryStatus(
  directoryPath: string,
  contactIds: readonly string[],
  status: "bounced" | "do-not-contact",
): Promise<{ changed: string[]; problems: Problem[] }> {
  if (contactIds.length === 0) return { changed: [], problems: [] };
  const wanted = new Set(contactIds);
  const { contacts, problems } = await readDirectory(directoryPath);
  const changed: string[] = [];
  const updated = contacts.map((c) => {
    // do-not-contact is stronger than bounced; never weaken it.
    if (!wanted.has(c.id) || c.status === status || c.status === "do-not-contact") return c;
    changed.push(c.id);
    return { ...c, status };
  });
  if (changed.length === 0) return { changed, problems: [] };
  if (problems.some((p) => (p.severity ?? "error") === "error")) {
    return {
      changed: [],
      problems: [
        {
          file: directoryPath,
          message: `has invalid rows, so it was not rewritten; set status ${status} by hand for: ${changed.join(", ")}`,
          severity: "warning",
        },
      ],
    };
  }
  await writeDirectory(directoryPath, updated);
  return { changed, problems: [] };
}
