/**
 * Parsed pages from earlier runs, in one JSON Lines file (`<cacheDir>/parsed.jsonl`, one
 * `{"k": key, "v": parse}` per line). One file rather than one per page: a re-run reads it once instead
 * of opening two thousand small files. New parses are appended as they come; a torn or damaged line
 * is skipped (that page is parsed again). On close, when more than a third of the lines are
 * superseded, the file is rewritten with one line per key.
 */
import { mkdir, open, readFile, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import type { ParsedPageStore } from "./page-cache.js";
import { replaceFile } from "./page-cache.fs.js";

export function createFsParsedPageStore(dir: string): ParsedPageStore {
  const path = join(dir, "parsed.jsonl");
  let stored: Promise<Map<string, unknown>> | undefined;
  let appender: Promise<FileHandle> | undefined;
  let appending: Promise<unknown> = Promise.resolve();
  let lines = 0;

  const load = () => (stored ??= readEntries(path).then((r) => ((lines = r.lines), r.entries)));
  return {
    async read(key) {
      return (await load()).get(key);
    },
    async write(key, value) {
      (await load()).set(key, value);
      appender ??= mkdir(dir, { recursive: true }).then(() => open(path, "a"));
      const handle = await appender;
      const line = JSON.stringify({ k: key, v: value }) + "\n";
      // One write at a time, so lines never interleave.
      appending = appending.then(() => handle.write(line));
      lines += 1;
      await appending;
    },
    async close() {
      await appending;
      if (appender) await (await appender).close();
      appender = undefined;
      if (stored === undefined) return;
      const entries = await stored;
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
      // A torn last line after a crash: that page is simply parsed again.
    }
  }
  return { entries, lines };
}
