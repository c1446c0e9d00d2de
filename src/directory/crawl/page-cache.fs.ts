/**
 * On-disk crawl cache: one file per URL, `<sha256(url)>.page`, holding a JSON metadata line then the raw
 * body. One file per entry, written to a temp file and renamed over the old one, so an interrupted crawl
 * never leaves a body without its validators (or the reverse) and the next run resumes from whatever was
 * completely written.
 *
 * Unlike the directory and the ledger, cache entries are not fsynced: an fsync costs ~20 ms, more than
 * the whole page, and a cache entry lost or torn by a power cut is harmless: every entry carries its
 * body's length and SHA-256, a damaged one reads as a miss, and the page is simply downloaded again.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { CachedPage, PageCache } from "./page-cache.js";

const metaSchema = z.object({
  url: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  contentType: z.string().optional(),
  retrievedAt: z.number(),
  bodyBytes: z.number().int().min(0),
  bodySha256: z.string(),
});

export function cacheFileName(url: string): string {
  return `${createHash("sha256").update(url).digest("hex").slice(0, 40)}.page`;
}

export function createFsPageCache(dir: string): PageCache {
  let made: Promise<unknown> | undefined;
  return {
    async read(url) {
      let raw: Buffer;
      try {
        raw = await readFile(join(dir, cacheFileName(url)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw e;
      }
      return decodeEntry(url, raw);
    },
    async write(page) {
      made ??= mkdir(dir, { recursive: true });
      await made;
      await replaceFile(join(dir, cacheFileName(page.url)), encodeEntry(page));
    },
  };
}

/** Temp file + rename: readers never see half a file. No fsync, see the header. */
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

function encodeEntry(page: CachedPage): Buffer {
  const meta: z.infer<typeof metaSchema> = {
    url: page.url,
    ...(page.etag !== undefined ? { etag: page.etag } : {}),
    ...(page.lastModified !== undefined ? { lastModified: page.lastModified } : {}),
    ...(page.contentType !== undefined ? { contentType: page.contentType } : {}),
    retrievedAt: page.retrievedAt,
    bodyBytes: page.body.byteLength,
    bodySha256: sha256(page.body),
  };
  return Buffer.concat([Buffer.from(JSON.stringify(meta) + "\n"), page.body]);
}

/** A damaged or foreign entry reads as a miss: the page is simply downloaded again. */
function decodeEntry(url: string, raw: Buffer): CachedPage | undefined {
  const newline = raw.indexOf(0x0a);
  if (newline < 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.subarray(0, newline).toString("utf8"));
  } catch {
    return undefined;
  }
  const meta = metaSchema.safeParse(parsed);
  if (!meta.success || meta.data.url !== url) return undefined;
  const body = raw.subarray(newline + 1);
  if (body.byteLength !== meta.data.bodyBytes || sha256(body) !== meta.data.bodySha256) return undefined;
  const { bodyBytes: _b, bodySha256: digest, ...rest } = meta.data;
  return { ...rest, body, digest };
}

function sha256(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
