/**
 * One request as the polite fetcher sends it: paced per host, retried with backoff and Retry-After on
 * 5xx, 429 and network faults, and never throwing for HTTP or network trouble. Input: the URL, extra
 * headers and the body limit. Output: the response, or a coded reason it could not be had. Effects:
 * only through the injected fetcher, pacer and clock; requests and retries are added to `counts`.
 */
import type { Clock } from "../../core/clock.js";
import type { ErrorCode } from "../../core/error-codes.js";
import { hostKey } from "./allowed-hosts.js";
import type { HostPacer } from "./host-pacer.js";
import { FetchFailure, type FetchResponse, type PageFetcher } from "./page-fetcher.js";
import { decideRetry, type RetryPolicy } from "./retry-delay.js";

export interface RequestEvent {
  url: string;
  attempt: number;
  status?: number;
  error?: string;
}

export type Exchange = { ok: true; response: FetchResponse } | { ok: false; code: ErrorCode; reason: string };

/** How much of a body to read; robots.txt is cut at its limit instead of failing. */
export interface BodyLimit {
  maxBodyBytes: number;
  truncateAtLimit?: boolean;
}

export interface PacedRequestOptions {
  fetcher: PageFetcher;
  clock: Clock;
  pacer: HostPacer;
  /** Full User-Agent header. */
  userAgent: string;
  timeoutMs: number;
  retry: RetryPolicy;
  signal?: AbortSignal;
  /** Called for every request sent (progress, logs). */
  onRequest?: (event: RequestEvent) => void;
  /** Running totals, shared with the polite fetcher's stats. */
  counts: { requests: number; retries: number };
}

export async function sendPacedRequest(
  options: PacedRequestOptions,
  url: URL,
  extra: Record<string, string>,
  body: BodyLimit,
): Promise<Exchange> {
  const host = hostKey(url);
  const { clock, pacer, signal, counts } = options;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) return { ok: false, code: "E_CRAWL_ABORTED", reason: "crawl interrupted" };
    await pacer.waitTurn(host, signal);
    if (signal?.aborted) return { ok: false, code: "E_CRAWL_ABORTED", reason: "crawl interrupted" };
    counts.requests += 1;
    let response: FetchResponse | undefined;
    let failure: FetchFailure | undefined;
    try {
      response = await options.fetcher.fetch({
        url: url.href,
        headers: {
          "user-agent": options.userAgent,
          accept: "text/html,text/plain;q=0.9,*/*;q=0.1",
          ...extra,
        },
        timeoutMs: options.timeoutMs,
        ...body,
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      if (!(e instanceof FetchFailure)) throw e;
      failure = e;
    }
    options.onRequest?.({
      url: url.href,
      attempt,
      ...(response ? { status: response.status } : {}),
      ...(failure ? { error: failure.code } : {}),
    });
    if (response && !(response.status >= 500 || response.status === 429)) return { ok: true, response };
    // A page too large stays too large, and an interruption is not a fault: neither is retried.
    if (failure && (failure.kind === "too-large" || failure.kind === "aborted")) {
      return { ok: false, code: failure.code, reason: failure.message };
    }
    const retryAfter = response?.headers["retry-after"];
    const decision = decideRetry(
      {
        attempt,
        ...(response ? { status: response.status } : {}),
        ...(retryAfter !== undefined ? { retryAfter } : {}),
        now: clock.now(),
      },
      options.retry,
    );
    if (!decision.retry) {
      const what = response ? `HTTP ${response.status}` : (failure?.message ?? "request failed");
      const code = response ? "E_CRAWL_HTTP" : (failure?.code ?? "E_CRAWL_NETWORK");
      return { ok: false, code, reason: attempt > 1 ? `${what}; ${decision.reason}` : what };
    }
    counts.retries += 1;
    pacer.pushBack(host, clock.now() + decision.delayMs);
  }
}
