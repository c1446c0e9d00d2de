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
}

export interface PageCache {
  read(url: string): Promise<CachedPage | undefined>;
  write(page: CachedPage): Promise<void>;
}
