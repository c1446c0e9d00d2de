/**
 * `outreach inbox fetch`: read the campaign's mailbox over IMAP and import what is new, through the same
 * classification, matching and ledger path as `inbox import` (`importInbox`), so fetching a mailbox and
 * importing the same messages from an mbox leave the same ledger. Input: workspace, campaign, the `imap`
 * config and its password. Output: the import summary with what each folder gave.
 * Effects: IMAP (read-only unless `moveProcessedTo`), the ledger and directory (as `inbox import`), and
 * `campaigns/<id>/imap-state.json`, written only after the ledger holds what was fetched (and after the
 * move): a run that fails anywhere leaves the state as it was, and the next one fetches the same mail.
 */
import { join } from "node:path";
import type { ImapConfig } from "../config/config-schema.js";
import type { Clock } from "../core/clock.js";
import { InputError, type Problem } from "../core/errors.js";
import type { Scrubber } from "../core/scrub-secrets.js";
import { workspacePaths } from "../core/workspace.js";
import { loadTrackedCampaign } from "../campaign/campaign-targets.fs.js";
import { importInbox, type InboxImportResult } from "./import-inbox.fs.js";
import { processedByFolder } from "./imap-message.js";
import { openImapSession, type FetchProgress, type FolderFetch } from "./imap-session.imap.js";
import { assertSecureImap, imapAccountOf } from "./imap-settings.js";
import { IMAP_STATE_FILE, nextImapState } from "./imap-state.js";
import { readImapState, writeImapState } from "./imap-state.fs.js";

export type { FetchProgress, FolderFetch } from "./imap-session.imap.js";

export interface InboxFetchOptions {
  workspace: string;
  campaign: string;
  imap: ImapConfig;
  password: string;
  clock: Clock;
  /** Strips secrets from anything the server says before it reaches a message (the password always). */
  scrub?: Scrubber;
  /** Move the messages the import recorded to this folder once the ledger holds them. */
  moveProcessedTo?: string;
  onProgress?: (progress: FetchProgress) => void;
  signal?: AbortSignal;
}

export interface InboxFetchResult extends InboxImportResult {
  /** `user@host:port`. */
  account: string;
  folders: FolderFetch[];
  /** Messages downloaded in this run (all folders). */
  fetched: number;
  /** Messages moved to `movedTo`. */
  moved: number;
  movedTo?: string;
  /** Warnings about the fetch state file (unreadable: every folder was read from the start). */
  stateProblems: Problem[];
}

export async function fetchInboxForCampaign(options: InboxFetchOptions): Promise<InboxFetchResult> {
  const { imap, campaign, moveProcessedTo } = options;
  assertSecureImap(imap);
  if (moveProcessedTo !== undefined && imap.folders.includes(moveProcessedTo)) {
    throw new InputError(
      "E_IMAP_FOLDER",
      `--move-processed ${moveProcessedTo} is one of the folders being read (imap.folders)`,
      { hint: "name a folder the fetch does not read, e.g. Processed" },
    );
  }
  // Local work first: an unknown campaign is reported before any connection is made.
  const paths = workspacePaths(options.workspace);
  const { targets, messageIdKey } = await loadTrackedCampaign(options.workspace, campaign);
  const statePath = join(paths.campaignDir(campaign), IMAP_STATE_FILE);
  const { state, problems: stateProblems } = await readImapState(
    statePath,
    `campaigns/${campaign}/${IMAP_STATE_FILE}`,
  );
  const account = imapAccountOf(imap);
  const session = await openImapSession({
    imap,
    password: options.password,
    writable: moveProcessedTo !== undefined,
    ...(options.scrub ? { scrub: options.scrub } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  let done = false;
  try {
    const result = await importInbox({
      ledgerPath: paths.ledger(campaign),
      directoryPath: paths.directory,
      campaign,
      targets: targets.map((t) => ({
        contactId: t.contactId,
        email: t.email,
        ...(t.messageId ? { messageId: t.messageId } : {}),
      })),
      mailboxes: [],
      messages: session.fetchNew(imap.folders, state.accounts[account] ?? {}, options.onProgress),
      clock: options.clock,
      ...(messageIdKey ? { key: messageIdKey } : {}),
    });
    // The ledger holds every fetched message now: only then are messages moved, and the state moved on
    // last, so a move that fails is tried again by the next run (which skips what is recorded).
    let moved = 0;
    if (moveProcessedTo !== undefined) {
      for (const [folder, { uidValidity, uids }] of processedByFolder(result, session.fetched))
        moved += await session.move(folder, uidValidity, uids, moveProcessedTo);
    }
    await writeImapState(statePath, nextImapState(state, account, session.folders));
    done = true;
    return {
      ...result,
      account,
      folders: session.folders,
      fetched: session.fetched.size,
      moved,
      ...(moveProcessedTo !== undefined ? { movedTo: moveProcessedTo } : {}),
      stateProblems,
    };
  } finally {
    await session.close(done);
  }
}
