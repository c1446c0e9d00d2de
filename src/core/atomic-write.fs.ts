import { randomBytes } from "node:crypto";
import { open, rename, rm, mkdir } from "node:fs/promises";
import { dirname, basename, join } from "node:path";

/**
 * Write a file so that readers see either the old content or the new, never a mix: write a temp file
 * beside it, fsync, rename over the target, fsync the directory. A failure leaves the old file intact.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array | AsyncIterable<string | Uint8Array>,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(tmp, "w");
  try {
    if (typeof data === "string" || data instanceof Uint8Array) {
      await handle.writeFile(data);
    } else {
      for await (const chunk of data) {
        if (typeof chunk === "string") await handle.write(chunk);
        else await handle.write(chunk);
      }
    }
    await handle.sync();
    await handle.close();
    await rename(tmp, path);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw e;
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
