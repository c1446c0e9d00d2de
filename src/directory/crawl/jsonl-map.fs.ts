/**
 * A string-keyed map kept in one JSON Lines file (`{"k": key, "v": value}` per line, the last line for a
 * key wins). Loaded once, appended as it changes, so a crawl of two thousand pages reads one file
 * instead of opening two thousand. A torn or damaged line (a crash mid-append) is skipped. On close,
 * when over a third of the lines are superseded, the file is rewritten with one line per key.
 * Not fsynced: the crawl cache is rebuilt from the site when lost (see page-cache.fs.ts).
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm, writeFile, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { writeFully } from "../../core/file-write.fs.js";

export interface JsonlMap {
  load(): Promise<ReadonlyMap<string, unknown>>;
  set(key: string, value: unknown): Promise<void>;
  close(): Promise<void>;
}

export function openJsonlMap(path: string): JsonlMap {
  let loaded: Promise<Map<string, unknown>> | undefined;
  let appender: Promise<FileHandle> | undefined;
  let appending: Promise<unknown> = Promise.resolve();
  let lines = 0;
  const load = () => (loaded ??= readEntries(path).then((r) => ((lines = r.lines), r.entries)));
  return {
    load,
    async set(key, value) {
      (await load()).set(key, value);
      appender ??= mkdir(dirname(path), { recursive: true }).then(() => open(path, "a"));
      const handle = await appender;
      const line = JSON.stringify({ k: key, v: value }) + "\n";
      // One append at a time, so lines never interleave.
      // Every byte or an error: a short append would glue this line to the next one.
      appending = appending.then(() => writeFully(handle, Buffer.from(line, "utf8"), null, path));
      lines += 1;
      await appending;
    },
    async close() {
      // A failed open or append already failed its `set`; closing must not raise it a second time.
      await appending.catch(() => undefined);
      const handle = await appender?.catch(() => undefined);
      await handle?.close();
      appender = undefined;
      const entries = await loaded?.catch(() => undefined);
      if (entries === undefined) return;
      if (lines <= entries.size * 1.5) return;
      await replaceFile(path, [...entries].map(([k, v]) => JSON.stringify({ k, v }) + "\n").join(""));
      lines = entries.size;
    },
  };
}

async function readEntries(path: string): Promise<{ entries: Map<string, unknown>; lines: number }> {
  const entries = new Map<string, unknown>();
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { entries, lines: 0 };
    throw e;
  }
  let lines = 0;
  for (const line of text.split("\n")) {
    if (!line) continue;
    lines += 1;
    try {
      const entry = JSON.parse(line) as { k?: unknown; v?: unknown };
      if (typeof entry.k === "string" && entry.v !== undefined) entries.set(entry.k, entry.v);
    } catch {
      // A torn last line after a crash: that entry is simply rebuilt.
    }
  }
  return { entries, lines };
}

/** Temp file + rename: readers never see half a file. */
export async function replaceFile(target: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
