/**
 * The page fetcher port: one HTTP GET, no redirects followed, no retries, body bounded in size and time.
 * Politeness, caching, redirects and retries live above it (`polite-fetcher.ts`), so tests and other
 * transports can plug in here.
 */
import { OperationError } from "../../core/errors.js";
import type { ErrorCode } from "../../core/error-codes.js";

export interface FetchRequest {
  url: string;
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  /** Whole exchange (headers and body) must finish within this time. */
  timeoutMs: number;
  /** The body read stops, and the request fails, once more than this many bytes arrived. */
  maxBodyBytes: number;
  /**
   * Instead of failing, keep the first `maxBodyBytes` bytes and mark the response `truncated`
   * (robots.txt: RFC 9309 lets a crawler parse an oversized file up to its limit).
   */
  truncateAtLimit?: boolean;
  signal?: AbortSignal;
}

export interface FetchResponse {
  status: number;
  /** Response headers, lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Uint8Array;
  /** The body was longer than `maxBodyBytes` and was cut there (only with `truncateAtLimit`). */
  truncated?: boolean;
}

export interface PageFetcher {
  fetch(request: FetchRequest): Promise<FetchResponse>;
  close?(): Promise<void>;
}

/** Statuses that send the client elsewhere: the fetcher returns them as they are, its callers follow. */
export const REDIRECT_STATUSES: readonly number[] = [301, 302, 303, 307, 308];

export type FetchFailureKind = "timeout" | "network" | "too-large" | "aborted";

const CODES: Record<FetchFailureKind, ErrorCode> = {
  timeout: "E_CRAWL_TIMEOUT",
  network: "E_CRAWL_NETWORK",
  "too-large": "E_CRAWL_TOO_LARGE",
  aborted: "E_CRAWL_ABORTED",
};

/** A request that produced no usable response. `kind` decides whether it is worth retrying. */
export class FetchFailure extends OperationError {
  readonly kind: FetchFailureKind;

  constructor(kind: FetchFailureKind, message: string, cause?: unknown) {
    super(CODES[kind], message, cause === undefined ? {} : { cause });
    this.kind = kind;
  }
}
