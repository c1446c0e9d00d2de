/**
 * When a ledger is deleted, replaced or truncated under a running send, the writer still holds the old
 * file open, with everything the run knew. A deleted ledger is put back (only if nothing has taken its
 * place meanwhile); otherwise the bytes are kept beside the ledger, so the record of what was sent is
 * never lost with it.
 */
import { link, rm } from "node:fs/promises";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import type { WritableFile } from "../core/file-write.fs.js";

export type Recovery = { restored: true } | { restored: false; savedAs: string };

/** What the open `handle` holds, back at `path` when `path` is free, else at `<path>.recovered-<time>`. */
export async function recoverLedger(handle: WritableFile, path: string): Promise<Recovery> {
  const { size } = await handle.stat();
  const bytes = Buffer.alloc(size);
  let read = 0;
  while (read < size) {
    const { bytesRead } = await handle.read(bytes, read, size - read, read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  const savedAs = `${path}.recovered-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  await writeFileAtomic(savedAs, bytes.subarray(0, read));
  try {
    // link fails when something is at `path` again: then that file is left alone.
    await link(savedAs, path);
  } catch {
    return { restored: false, savedAs };
  }
  await rm(savedAs, { force: true });
  return { restored: true };
}
