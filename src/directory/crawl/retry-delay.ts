/**
 * When to try a request again. Pure: a function of the attempt number, what went wrong and the
 * server's Retry-After, so the policy is tested without a server or a clock.
 */

/** Statuses worth another try: the server said "later" (429, 503) or had a passing fault (500, 502, 504). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Delay before the first retry; doubles for each later one. */
  baseDelayMs: number;
  /** Longest backoff we choose ourselves. */
  maxDelayMs: number;
  /** Longest Retry-After we accept; a server asking for more is treated as a failure, not waited out. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 300_000,
};

export type RetryOutcome = { retry: true; delayMs: number } | { retry: false; reason: string };

export interface RetryInput {
  /** 1 for the first attempt that just failed. */
  attempt: number;
  /** HTTP status, or undefined for a network error or timeout. */
  status?: number;
  /** Raw Retry-After header, if any. */
  retryAfter?: string;
  /** Now, in ms since the epoch (to read an HTTP-date Retry-After). */
  now: number;
}

export function decideRetry(input: RetryInput, policy: RetryPolicy): RetryOutcome {
  if (input.status !== undefined && !RETRYABLE_STATUSES.has(input.status)) {
    return { retry: false, reason: `HTTP ${input.status}` };
  }
  if (input.attempt > policy.maxRetries) {
    return { retry: false, reason: `gave up after ${input.attempt} attempts` };
  }
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (input.attempt - 1));
  const asked = parseRetryAfter(input.retryAfter, input.now);
  if (asked === undefined) return { retry: true, delayMs: backoff };
  if (asked > policy.maxRetryAfterMs) {
    return {
      retry: false,
      reason: `server asked to wait ${Math.ceil(asked / 1000)} s (Retry-After), more than we wait`,
    };
  }
  // The server knows its own load better than our backoff does: wait what it asked.
  return { retry: true, delayMs: asked };
}

/** Retry-After is either delta-seconds or an HTTP-date. Returns ms to wait, or undefined when absent/unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
