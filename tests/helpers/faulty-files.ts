/**
 * File handles that misbehave the way a real disk does, for the writers' `openFile` port: one that writes
 * fewer bytes than asked on every call (legal, and what a busy or nearly full disk does), and one with a
 * byte budget shared by every file it opens that writes short once the budget runs out and then fails
 * with ENOSPC, exactly as a full disk answers. Everything else is the real file handle.
 * `mountSmallTmpfs` gives a real full file system where the test may mount one (root, Linux).
 */
import { execFileSync } from "node:child_process";
import { open, rm, statfs, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { OpenFile, WritableFile } from "../../src/core/file-write.fs.js";
import { makeTempDir } from "./cli.js";

function wrap(
  real: WritableFile,
  write: (
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number | null,
  ) => Promise<{ bytesWritten: number }>,
): WritableFile {
  return {
    write,
    read: (b, o, l, p) => real.read(b, o, l, p),
    sync: () => real.sync(),
    truncate: (n) => real.truncate(n),
    stat: () => real.stat(),
    close: () => real.close(),
  };
}

/** Every write call writes at most `maxBytes` bytes. */
export function shortWriting(maxBytes: number): OpenFile & { calls: number } {
  const state = { calls: 0 };
  const openFile = async (path: string, flags: string) => {
    const real = await open(path, flags);
    return wrap(real, (b, o, l, p) => {
      state.calls += 1;
      return real.write(b, o, Math.min(l, maxBytes), p);
    });
  };
  return Object.defineProperty(openFile, "calls", { get: () => state.calls }) as OpenFile & { calls: number };
}

/** A disk with `budget` free bytes: the write that crosses it is short, every later write fails ENOSPC. */
export function fillingDisk(budget: number): OpenFile & { free: number } {
  const state = { free: budget };
  const openFile = async (path: string, flags: string) => {
    const real = await open(path, flags);
    return wrap(real, async (b, o, l, p) => {
      if (state.free <= 0)
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      const n = Math.min(l, state.free);
      state.free -= n;
      return real.write(b, o, n, p);
    });
  };
  return Object.defineProperty(openFile, "free", {
    get: () => state.free,
    set: (v: number) => (state.free = v),
  }) as OpenFile & {
    free: number;
  };
}

export interface SmallTmpfs {
  dir: string;
  /** Fill the file system until fewer than `leaveBytes` bytes are free. */
  fill(leaveBytes?: number): Promise<void>;
  /** Remove the filler. */
  drain(): Promise<void>;
  unmount(): Promise<void>;
}

/**
 * A tmpfs of `sizeKiB` mounted on a fresh folder, or the reason it cannot be (not root, no mount
 * permission in this container): the caller prints the reason and skips the real-disk case.
 */
export async function mountSmallTmpfs(sizeKiB: number): Promise<SmallTmpfs | { reason: string }> {
  if (process.platform !== "linux") return { reason: "a tmpfs can only be mounted on Linux" };
  if (process.getuid?.() !== 0) return { reason: "mounting a tmpfs needs root" };
  const dir = await makeTempDir("outreach-tmpfs-");
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKiB}k`, "tmpfs", dir], { stdio: "pipe" });
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    return { reason: `mount -t tmpfs failed: ${String((e as { stderr?: Buffer }).stderr ?? e).trim()}` };
  }
  const filler = join(dir, ".filler");
  return {
    dir,
    async fill(leaveBytes = 0) {
      const { bavail, bsize } = await statfs(dir);
      const free = bavail * bsize;
      if (free <= leaveBytes) return;
      const handle = await open(filler, "a");
      try {
        await handle.write(Buffer.alloc(free - leaveBytes));
      } catch {
        // Full: that is the point.
      } finally {
        await handle.close();
      }
    },
    async drain() {
      await writeFile(filler, "");
      await rm(filler, { force: true });
    },
    async unmount() {
      execFileSync("umount", ["-l", dir], { stdio: "pipe" });
      await rm(dir, { recursive: true, force: true });
    },
  };
}
