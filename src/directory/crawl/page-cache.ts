/** The crawl cache port: one entry per URL, the last full download and the validators to revalidate it. */

export interface CachedPage {
  url: string;
  /** ETag and Last-Modified as the server sent them, for If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  contentType?: string;
  /** When this body was downloaded (ms since the epoch). */
  retrievedAt: number;
  body: Uint8Array;
  /** SHA-256 of the body, hex, when the store already computed it. */
  digest?: string;
}

export interface PageCache {
  read(url: string): Promise<CachedPage | undefined>;
  write(page: CachedPage): Promise<void>;
}

/**
 * What a profile made of a page, kept by the page's content digest, so a re-run does not parse a page
 * that did not change (a 304 costs less than parsing the page again).
 */
export interface ParsedPageStore {
  read(key: string): Promise<unknown>;
  write(key: string, value: unknown): Promise<void>;
  /** Flush and drop entries this run did not use. */
  close(): Promise<void>;
}
