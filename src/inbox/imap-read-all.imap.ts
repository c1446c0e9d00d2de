/**
 * Every message of some IMAP folders, read-only, for `signatories inbox --imap`: one session of
 * imap-session.imap.ts that opens each folder with EXAMINE and reads with BODY.PEEK (nothing moved,
 * deleted or marked read), from the first message, with no fetch state: `imap-state.json` belongs to
 * `inbox fetch` and is neither read nor written. Yields the messages as `read-mailbox.fs.ts` does, each
 * labelled `imap:<folder>#<uid>` (as an mbox's are `<file>#<n>`).
 * Errors leave as `inbox fetch`'s (E_IMAP_AUTH…), the password scrubbed.
 */
import type { ImapConfig } from "../config/config-schema.js";
import type { Scrubber } from "../core/scrub-secrets.js";
import { openImapSession } from "./imap-session.imap.js";
import { assertSecureImap } from "./imap-settings.js";
import type { RawMessage } from "./read-mailbox.fs.js";

export interface ImapReadAllOptions {
  imap: ImapConfig;
  password: string;
  /** The folders to read, in order (default: `imap.folders`). */
  folders?: readonly string[];
  scrub?: Scrubber;
  signal?: AbortSignal;
}

/** Connects on the first `next()`; logs out when the last message has been read (or the reader stops). */
export async function* readAllImapMessages(options: ImapReadAllOptions): AsyncGenerator<RawMessage> {
  const { imap } = options;
  assertSecureImap(imap);
  const session = await openImapSession({
    imap,
    password: options.password,
    writable: false,
    ...(options.scrub ? { scrub: options.scrub } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  let done = false;
  try {
    for await (const message of session.fetchNew(options.folders ?? imap.folders, {})) {
      const at = session.fetched.get(message.source);
      yield at ? { raw: message.raw, source: `imap:${at.folder}#${at.uid}` } : message;
    }
    done = true;
  } finally {
    await session.close(done);
  }
}
