/**
 * A message fetched over IMAP as the import reads it, and which fetched messages `--move-processed` moves.
 * Pure.
 */
import type { InboxImportSummary } from "./inbox-events.js";
import type { RawMessage } from "./read-mailbox.fs.js";

/** Where a fetched message came from, for listing: `INBOX;UID=42` (the form of an IMAP URL, RFC 5092). */
export function imapSourceLabel(folder: string, uid: number): string {
  return `${folder};UID=${uid}`;
}

/**
 * The message as a mail store on disk holds it: IMAP carries lines ending in CRLF, mbox files and maildirs
 * (Dovecot's too) end them in LF. Without this, a message with no Message-ID would get another content
 * hash, so another idempotency key, when fetched than when imported from a file, and count twice.
 */
export function imapRawMessage(folder: string, uid: number, source: Buffer): RawMessage {
  return { source: imapSourceLabel(folder, uid), raw: unixLineEnds(source) };
}

export function unixLineEnds(bytes: Buffer): Buffer {
  if (!bytes.includes("\r\n")) return bytes;
  return Buffer.from(bytes.toString("latin1").replace(/\r\n/g, "\n"), "latin1");
}

/** One fetched message, by the source label the import lists it under. */
export interface FetchedMessage {
  folder: string;
  uidValidity: number;
  uid: number;
}

/**
 * The messages `--move-processed` moves, folder by folder: the ones the import recorded (bounces,
 * auto-replies and replies, also those recorded by an earlier run). Unmatched ones stay where they are: a
 * newsletter or a colleague's mail is not ours to file away.
 */
export function processedByFolder(
  summary: Pick<InboxImportSummary, "imported">,
  fetched: ReadonlyMap<string, FetchedMessage>,
): Map<string, { uidValidity: number; uids: number[] }> {
  const byFolder = new Map<string, { uidValidity: number; uids: number[] }>();
  for (const item of summary.imported) {
    const m = fetched.get(item.source);
    if (!m) continue;
    let entry = byFolder.get(m.folder);
    if (!entry) byFolder.set(m.folder, (entry = { uidValidity: m.uidValidity, uids: [] }));
    entry.uids.push(m.uid);
  }
  for (const entry of byFolder.values()) entry.uids.sort((a, b) => a - b);
  return byFolder;
}
