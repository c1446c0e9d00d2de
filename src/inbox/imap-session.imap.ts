/**
 * One IMAP session of `inbox fetch`, through imapflow: log in, open each folder (EXAMINE, read-only,
 * unless processed messages are to be moved; even then messages are read with BODY.PEEK and stay unread),
 * stream the messages newer than the fetch state, oldest first, and move messages when asked. Every
 * error leaves as an OutreachError (imap-errors.ts); the password never reaches a log (imapflow's logger
 * is off).
 */
import { ImapFlow } from "imapflow";
import type { ImapConfig } from "../config/config-schema.js";
import { OperationError } from "../core/errors.js";
import { createCredentialScrubber, type Scrubber } from "../core/scrub-secrets.js";
import { imapErrorFor, type ImapEndpoint } from "./imap-errors.js";
import { imapRawMessage, type FetchedMessage } from "./imap-message.js";
import { imapClientOptions, imapPortOf } from "./imap-settings.js";
import { planFolderFetch, type FolderOutcome, type FolderState } from "./imap-state.js";
import type { RawMessage } from "./read-mailbox.fs.js";

export interface FetchProgress {
  folder: string;
  /** Messages fetched from this folder so far, of `total` new ones. */
  done: number;
  total: number;
  /** Messages fetched from every folder so far. */
  fetched: number;
}

/** What one folder gave in this session. */
export interface FolderFetch extends FolderOutcome {
  fromUid: number;
  /** Read again from its first message: its UIDVALIDITY changed since the last run. */
  reset: boolean;
  fetched: number;
}

export interface ImapSession {
  /** Raw messages newer than `known`, folder after folder; `folders` and `fetched` fill in as it goes. */
  fetchNew(
    folders: readonly string[],
    known: Readonly<Record<string, FolderState>>,
    onProgress?: (progress: FetchProgress) => void,
  ): AsyncGenerator<RawMessage>;
  readonly folders: FolderFetch[];
  /** Every message fetched, by its source label. */
  readonly fetched: Map<string, FetchedMessage>;
  /** Move messages of a folder (if it still has this UIDVALIDITY) to `destination`, made if missing. */
  move(folder: string, uidValidity: number, uids: readonly number[], destination: string): Promise<number>;
  /** Log out (`graceful`), or just close the connection (after a failure: nothing more to say to it). */
  close(graceful: boolean): Promise<void>;
}

export interface ImapSessionOptions {
  imap: ImapConfig;
  password: string;
  /** Open folders read-write (SELECT), for `--move-processed`; read-only (EXAMINE) otherwise. */
  writable: boolean;
  /** The caller's scrubber (the CLI's knows every secret of the run); these credentials are scrubbed anyway. */
  scrub?: Scrubber;
  signal?: AbortSignal;
}

export async function openImapSession(options: ImapSessionOptions): Promise<ImapSession> {
  const { imap } = options;
  const own = createCredentialScrubber({ user: imap.user, password: options.password });
  const scrub: Scrubber = (text) => own(options.scrub ? options.scrub(text) : text);
  const at: ImapEndpoint = {
    host: imap.host,
    port: imapPortOf(imap),
    user: imap.user,
    passwordEnv: imap.passwordEnv,
  };
  const client = new ImapFlow(imapClientOptions(imap, options.password));
  // A connection-level failure is also emitted as 'error': without a listener it would end the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (e) {
    client.close();
    throw imapErrorFor(e, at, "connect", scrub);
  }
  return new FlowSession(client, at, scrub, options);
}

class FlowSession implements ImapSession {
  readonly folders: FolderFetch[] = [];
  readonly fetched = new Map<string, FetchedMessage>();

  constructor(
    private readonly client: ImapFlow,
    private readonly at: ImapEndpoint,
    private readonly scrub: Scrubber,
    private readonly options: Pick<ImapSessionOptions, "writable" | "signal">,
  ) {}

  async *fetchNew(
    names: readonly string[],
    known: Readonly<Record<string, FolderState>>,
    onProgress?: (progress: FetchProgress) => void,
  ): AsyncGenerator<RawMessage> {
    const progress = (folder: string, done: number, total: number) =>
      onProgress?.({ folder, done, total, fetched: this.fetched.size });
    for (const folder of names) {
      try {
        yield* this.fetchFolder(folder, known[folder], progress);
      } catch (e) {
        throw imapErrorFor(e, this.at, "session", this.scrub, folder);
      }
    }
  }

  private async *fetchFolder(
    folder: string,
    previous: FolderState | undefined,
    progress: (folder: string, done: number, total: number) => void,
  ): AsyncGenerator<RawMessage> {
    const { client } = this;
    const lock = await client.getMailboxLock(folder, { readOnly: !this.options.writable });
    try {
      const box = client.mailbox;
      if (!box) throw new Error(`the folder ${folder} could not be opened`);
      const plan = planFolderFetch(folder, previous, {
        uidValidity: Number(box.uidValidity),
        ...(box.uidNext ? { uidNext: box.uidNext } : {}),
        exists: box.exists,
      });
      const outcome: FolderFetch = {
        folder,
        uidValidity: plan.uidValidity,
        lastUid: plan.fromUid - 1,
        fromUid: plan.fromUid,
        reset: plan.reset,
        fetched: 0,
      };
      this.folders.push(outcome);
      if (plan.upToDate) return;
      // The exact UIDs first: a range `n:*` past the last message would still return the last one.
      const found = await client.search({ uid: `${plan.fromUid}:*` }, { uid: true });
      const uids = (found || []).filter((uid) => uid >= plan.fromUid);
      progress(folder, 0, uids.length);
      if (uids.length === 0) return;
      for await (const message of client.fetch(uids, { uid: true, source: true }, { uid: true })) {
        if (this.options.signal?.aborted) {
          throw new OperationError("E_IMAP_FAILED", "interrupted: nothing of this run was recorded", {
            hint: "run the command again: it fetches the same messages",
          });
        }
        if (message.uid < plan.fromUid) continue;
        // Skipped, it would be lost for good: the next run starts after the highest UID seen.
        if (!message.source) throw new Error(`the server sent no content for UID ${message.uid}`);
        const raw = imapRawMessage(folder, message.uid, message.source);
        this.fetched.set(raw.source, { folder, uidValidity: plan.uidValidity, uid: message.uid });
        outcome.fetched += 1;
        outcome.lastUid = Math.max(outcome.lastUid, message.uid);
        progress(folder, outcome.fetched, uids.length);
        yield raw;
      }
    } finally {
      lock.release();
    }
  }

  async move(
    folder: string,
    uidValidity: number,
    uids: readonly number[],
    destination: string,
  ): Promise<number> {
    if (uids.length === 0) return 0;
    const { client } = this;
    try {
      await client.mailboxCreate(destination);
      const lock = await client.getMailboxLock(folder);
      try {
        const box = client.mailbox;
        // Under another UIDVALIDITY these UIDs name other messages: move nothing.
        if (!box || Number(box.uidValidity) !== uidValidity) return 0;
        const moved = await client.messageMove([...uids], destination, { uid: true });
        return moved ? (moved.uidMap?.size ?? uids.length) : 0;
      } finally {
        lock.release();
      }
    } catch (e) {
      throw imapErrorFor(e, this.at, "session", this.scrub, folder);
    }
  }

  async close(graceful: boolean): Promise<void> {
    if (graceful) await this.client.logout().catch(() => undefined);
    this.client.close();
  }
}
