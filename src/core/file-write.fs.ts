/**
 * Writing bytes so that "written" means every byte: a `write` system call may write fewer bytes than
 * asked (a disk that fills up mid-write does exactly that, and only the next call fails with ENOSPC).
 * Node's `FileHandle.write` returns the short count without complaint, so every writer in the tool goes
 * through `writeFully`, which loops until all bytes are written and raises when the file system stops
 * taking them. The file handle is a port (`OpenFile`) so tests can inject one that writes short.
 */
import { open as openFs } from "node:fs/promises";
import { OperationError } from "./errors.js";

/** The part of `fs.promises.FileHandle` the writers use. */
export interface WritableFile {
  write(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number | null,
  ): Promise<{ bytesWritten: number }>;
  read(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number | null,
  ): Promise<{ bytesRead: number }>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  stat(): Promise<{ size: number; ino: number; dev: number }>;
  close(): Promise<void>;
}

export type OpenFile = (path: string, flags: string) => Promise<WritableFile>;

export const openFile: OpenFile = (path, flags) => openFs(path, flags);

/** Errors that mean "the file system is full": the user frees space and runs again. */
const FULL_CODES: ReadonlySet<string> = new Set(["ENOSPC", "EDQUOT", "EFBIG"]);

/**
 * Write all of `data` at `position` (null: the current position, or the end in append mode). A short
 * write is continued from where it stopped; a write that takes no bytes at all, or any error, raises
 * `E_DISK_FULL` or `E_FILE_WRITE` naming the file. On a raise, some bytes may be on disk: the caller
 * decides what that means (the atomic write throws the temp file away, the ledger cuts them off).
 */
export async function writeFully(
  handle: WritableFile,
  data: Uint8Array,
  position: number | null,
  file: string,
): Promise<void> {
  let done = 0;
  while (done < data.length) {
    let bytesWritten: number;
    try {
      ({ bytesWritten } = await handle.write(
        data,
        done,
        data.length - done,
        position === null ? null : position + done,
      ));
    } catch (e) {
      throw writeError(file, e, done, data.length);
    }
    if (!Number.isSafeInteger(bytesWritten) || bytesWritten <= 0 || bytesWritten > data.length - done) {
      const e = Object.assign(new Error("the file system took no more bytes"), { code: "ENOSPC" });
      throw writeError(file, e, done, data.length);
    }
    done += bytesWritten;
  }
}

/** The located error for a failed write, fsync or open of `file`. */
export function writeError(file: string, cause: unknown, written?: number, total?: number): OperationError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const bytes = written === undefined || total === undefined ? "" : ` (${written} of ${total} bytes written)`;
  if (code !== undefined && FULL_CODES.has(code))
    return new OperationError("E_DISK_FULL", `${file}: the disk is full${bytes}`, {
      cause,
      hint: "free some space on that disk and run the same command again; only what reached the disk counts as done",
    });
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new OperationError("E_FILE_WRITE", `${file}: cannot write${bytes}: ${reason}`, { cause });
}

/** fsync, with the same located error as a failed write. */
export async function syncFile(handle: WritableFile, file: string): Promise<void> {
  try {
    await handle.sync();
  } catch (e) {
    throw writeError(file, e);
  }
}

export function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === "string" ? Buffer.from(data, "utf8") : data;
}
