/**
 * The crawl cache port: per URL, the last full download's validators (to revalidate it) and its body.
 * Looking up the validators is cheap; the body is read only when a page must be parsed again.
 */

export interface CachedPageMeta {
  url: string;
  /** ETag and Last-Modified as the server sent them, for If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  contentType?: string;
  /** When this body was downloaded (ms since the epoch). */
  retrievedAt: number;
  /** SHA-256 of the body, hex: same digest, same content. */
  digest: string;
}

export interface PageCache {
  lookup(url: string): Promise<CachedPageMeta | undefined>;
  /** The body, or undefined when it is missing or does not match the digest (then download it again). */
  readBody(meta: CachedPageMeta): Promise<Uint8Array | undefined>;
  write(meta: Omit<CachedPageMeta, "digest">, body: Uint8Array): Promise<CachedPageMeta>;
  close(): Promise<void>;
}

/**
 * What a profile made of a page, kept by the page's content digest, so a re-run does not parse a page
 * that did not change (a 304 costs less than parsing the page again).
 */
export interface ParsedPageStore {
  read(key: string): Promise<unknown>;
  write(key: string, value: unknown): Promise<void>;
  /** Flush; compact when many entries are superseded. */
  close(): Promise<void>;
}
