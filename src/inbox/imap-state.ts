/**
 * What `inbox fetch` remembers between runs (`campaigns/<id>/imap-state.json`): for each IMAP account and
 * folder, the folder's UIDVALIDITY and the highest UID already imported, so a re-run asks only for newer
 * messages. A UID means the same message only under the same UIDVALIDITY: when the server changes it (a
 * rebuilt or recreated folder), the folder is read again from its first message, and the import skips
 * what the ledger already holds (by Message-ID, or content hash). Pure: parsing, planning, the next state.
 */
import { z } from "zod";
import type { Problem } from "../core/errors.js";
import { problemsFromZod } from "../core/zod-problems.js";

export const IMAP_STATE_FILE = "imap-state.json";

/** UIDVALIDITY and UIDs are 32-bit unsigned numbers (RFC 3501 nz-number). */
const uint32 = z.number().int().min(0).max(0xffff_ffff);

const folderStateSchema = z.strictObject({
  uidValidity: uint32.min(1),
  /** The highest UID imported; 0 when the folder was empty. */
  lastUid: uint32,
});

export const imapStateSchema = z.strictObject({
  version: z.literal(1),
  /** `user@host:port` → folder name → what was imported from it. */
  accounts: z.record(z.string(), z.record(z.string(), folderStateSchema)),
});

export type ImapState = z.infer<typeof imapStateSchema>;
export type FolderState = z.infer<typeof folderStateSchema>;

export const EMPTY_IMAP_STATE: ImapState = { version: 1, accounts: {} };

/**
 * The state from the file's text (undefined: no file yet). A file that is not a state is a warning, not an
 * error: the fetch reads every folder from the start, which costs time but loses and doubles nothing.
 */
export function parseImapState(
  text: string | undefined,
  file: string,
): { state: ImapState; problems: Problem[] } {
  if (text === undefined) return { state: EMPTY_IMAP_STATE, problems: [] };
  const again = "; every folder is read again from its first message (what is already recorded is skipped)";
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return {
      state: EMPTY_IMAP_STATE,
      problems: [{ file, message: `not valid JSON (${(e as Error).message})${again}`, severity: "warning" }],
    };
  }
  const parsed = imapStateSchema.safeParse(raw);
  if (parsed.success) return { state: parsed.data, problems: [] };
  return {
    state: EMPTY_IMAP_STATE,
    problems: problemsFromZod(parsed.error.issues, file, { rootField: "(root)", severity: "warning" }).map(
      (p) => ({ ...p, message: `${p.message}${again}` }),
    ),
  };
}

export function formatImapState(state: ImapState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

/** What the server says of a folder when it is opened. */
export interface FolderStatus {
  uidValidity: number;
  /** The UID the next message will get, when the server says: every message in the folder has a lower one. */
  uidNext?: number;
  /** Messages in the folder. */
  exists: number;
}

export interface FolderPlan {
  folder: string;
  uidValidity: number;
  /** Fetch the messages with this UID and above. */
  fromUid: number;
  /** The folder was read before under another UIDVALIDITY: its UIDs mean other messages now. */
  reset: boolean;
  /** Nothing can be newer than what was imported: no fetch. */
  upToDate: boolean;
}

/** Which messages of a folder to fetch, from what was imported before and what the server reports. */
export function planFolderFetch(
  folder: string,
  previous: FolderState | undefined,
  status: FolderStatus,
): FolderPlan {
  const reset = previous !== undefined && previous.uidValidity !== status.uidValidity;
  const fromUid = previous && !reset ? previous.lastUid + 1 : 1;
  const upToDate = status.exists === 0 || (status.uidNext !== undefined && status.uidNext <= fromUid);
  return { folder, uidValidity: status.uidValidity, fromUid, reset, upToDate };
}

/** What one run fetched from a folder: the highest UID it saw (the plan's `fromUid - 1` when none). */
export interface FolderOutcome {
  folder: string;
  uidValidity: number;
  lastUid: number;
}

/** The state after a run: its folders of this account replaced, every other folder and account kept. */
export function nextImapState(
  state: ImapState,
  account: string,
  folders: readonly FolderOutcome[],
): ImapState {
  const mine = { ...(state.accounts[account] ?? {}) };
  for (const f of folders) mine[f.folder] = { uidValidity: f.uidValidity, lastUid: f.lastUid };
  return { version: 1, accounts: { ...state.accounts, [account]: mine } };
}
