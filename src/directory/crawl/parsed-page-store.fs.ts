/**
 * Parsed pages from earlier runs, kept by content digest in `<cacheDir>/parsed.jsonl`, so a re-run
 * does not parse a page that did not change.
 */
import { join } from "node:path";
import { openJsonlMap } from "./jsonl-map.fs.js";
import type { ParsedPageStore } from "./page-cache.js";

export function createFsParsedPageStore(dir: string): ParsedPageStore {
  const map = openJsonlMap(join(dir, "parsed.jsonl"));
  return {
    read: async (key) => (await map.load()).get(key),
    write: (key, value) => map.set(key, value),
    close: () => map.close(),
  };
}
