import { randomBytes } from "node:crypto";
import { open, rename, rm, mkdir } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import {
  openFile as defaultOpenFile,
  syncFile,
  toBytes,
  writeError,
  writeFully,
  type OpenFile,
} from "./file-write.fs.js";

export interface AtomicWriteOptions {
  /** How the temp file is opened; tests inject a handle that writes short or fills up. */
  openFile?: OpenFile;
  /**
   * Runs after the temp file is complete, just before it is renamed over `path`; throwing leaves `path`
   * as it was (a compare-and-swap checks there that nobody else changed the file meanwhile).
   */
  beforeRename?: () => Promise<void>;
}

/**
 * Write a file so that readers see either the old content or the new, never a mix: write a temp file
 * beside it (every byte, checked), fsync, check its size, rename over the target, fsync the directory.
 * Any failure (a full disk included) throws `E_DISK_FULL` / `E_FILE_WRITE` naming the file and leaves the
 * old file intact: a short temp file is never renamed over a good one.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array | AsyncIterable<string | Uint8Array>,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const openFile = options.openFile ?? defaultOpenFile;
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (e) {
    throw writeError(path, e);
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let handle;
  try {
    handle = await openFile(tmp, "w");
  } catch (e) {
    throw writeError(path, e);
  }
  try {
    let expected = 0;
    if (typeof data === "string" || data instanceof Uint8Array) {
      const bytes = toBytes(data);
      await writeFully(handle, bytes, 0, path);
      expected = bytes.length;
    } else {
      for await (const chunk of data) {
        const bytes = toBytes(chunk);
        await writeFully(handle, bytes, expected, path);
        expected += bytes.length;
      }
    }
    await syncFile(handle, path);
    const { size } = await handle.stat();
    if (size !== expected)
      throw writeError(path, Object.assign(new Error("short file"), { code: "ENOSPC" }), size, expected);
    await handle.close();
    handle = undefined;
    await options.beforeRename?.();
    await rename(tmp, path);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw e instanceof Error && "code" in e && String((e as { code: unknown }).code).startsWith("E_")
      ? e
      : writeError(path, e);
  }
  await fsyncDirectory(dirname(path));
}

async function fsyncDirectory(dir: string): Promise<void> {
  try {
    const h = await open(dir, "r");
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // Some file systems refuse fsync on directories; the rename is still atomic there.
  }
}
