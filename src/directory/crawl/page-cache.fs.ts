/**
 * On-disk crawl cache in `cacheDir`: `index.jsonl` maps each URL to its validators and body digest;
 * `<sha256(url)>.body` holds the raw body. A download writes the body (temp file + rename) and then
 * appends its index line, so an interrupted crawl resumes from whatever was completely written.
 *
 * Unlike the directory and the ledger, nothing here is fsynced: an fsync costs ~20 ms, more than the
 * whole page, and a cache entry lost or torn by a power cut is harmless: a body that does not match its
 * digest reads as missing and the page is simply downloaded again.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { openJsonlMap, replaceFile } from "./jsonl-map.fs.js";
import type { CachedPageMeta, PageCache } from "./page-cache.js";

/** One line of `index.jsonl` (the value part). */
export const cachedPageMetaSchema = z.object({
  url: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  contentType: z.string().optional(),
  retrievedAt: z.number(),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
});

export function cacheBodyFileName(url: string): string {
  return `${createHash("sha256").update(url).digest("hex").slice(0, 40)}.body`;
}

export function createFsPageCache(dir: string): PageCache {
  const index = openJsonlMap(join(dir, "index.jsonl"));
  let made: Promise<unknown> | undefined;
  return {
    async lookup(url) {
      const parsed = cachedPageMetaSchema.safeParse((await index.load()).get(url));
      return parsed.success && parsed.data.url === url ? parsed.data : undefined;
    },
    async readBody(meta) {
      let body: Buffer;
      try {
        body = await readFile(join(dir, cacheBodyFileName(meta.url)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw e;
      }
      return sha256(body) === meta.digest ? body : undefined;
    },
    async write(page, body) {
      made ??= mkdir(dir, { recursive: true });
      await made;
      const meta: CachedPageMeta = { ...page, digest: sha256(body) };
      await replaceFile(join(dir, cacheBodyFileName(page.url)), body);
      await index.set(page.url, meta);
      return meta;
    },
    close: () => index.close(),
  };
}

export function sha256(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
