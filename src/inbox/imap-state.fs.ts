/**
 * The fetch state file, `campaigns/<id>/imap-state.json` (see imap-state.ts): read (none yet is an empty
 * state), written atomically (temp file, fsync, rename) once the ledger holds what was fetched, so a crash
 * in between costs a second download, never a lost message.
 */
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import type { Problem } from "../core/errors.js";
import { formatImapState, parseImapState, type ImapState } from "./imap-state.js";

export async function readImapState(
  path: string,
  label: string,
): Promise<{ state: ImapState; problems: Problem[] }> {
  let text: string | undefined;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") {
      return {
        ...parseImapState(undefined, label),
        problems: [
          {
            file: label,
            message: `cannot be read (${(e as Error).message}); every folder is read again from its first message (what is already recorded is skipped)`,
            severity: "warning",
          },
        ],
      };
    }
  }
  return parseImapState(text, label);
}

export async function writeImapState(path: string, state: ImapState): Promise<void> {
  await writeFileAtomic(path, formatImapState(state));
}
