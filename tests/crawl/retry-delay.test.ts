import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY, decideRetry, parseRetryAfter } from "../../src/directory/crawl/retry-delay.js";

const now = Date.UTC(2026, 0, 1);
const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 5000 };

describe("decideRetry", () => {
  it("backs off exponentially on network errors and 5xx, capped", () => {
    expect(decideRetry({ attempt: 1, now }, policy)).toEqual({ retry: true, delayMs: 1000 });
    expect(decideRetry({ attempt: 2, status: 500, now }, policy)).toEqual({ retry: true, delayMs: 2000 });
    expect(decideRetry({ attempt: 3, status: 503, now }, { ...policy, maxDelayMs: 3000 })).toEqual({
      retry: true,
      delayMs: 3000,
    });
  });

  it("honours Retry-After in seconds and as an HTTP date", () => {
    expect(decideRetry({ attempt: 1, status: 429, retryAfter: "7", now }, policy)).toEqual({
      retry: true,
      delayMs: 7000,
    });
    const at = new Date(now + 12_000).toUTCString();
    expect(decideRetry({ attempt: 1, status: 503, retryAfter: at, now }, policy)).toEqual({
      retry: true,
      delayMs: 12_000,
    });
  });

  it("refuses to wait longer than the policy allows", () => {
    const d = decideRetry(
      { attempt: 1, status: 429, retryAfter: "3600", now },
      { ...policy, maxRetryAfterMs: 60_000 },
    );
    expect(d.retry).toBe(false);
  });

  it("does not retry client errors and gives up after maxRetries", () => {
    expect(decideRetry({ attempt: 1, status: 404, now }, policy).retry).toBe(false);
    expect(decideRetry({ attempt: 1, status: 403, now }, policy).retry).toBe(false);
    expect(decideRetry({ attempt: 4, status: 500, now }, policy).retry).toBe(false);
    expect(decideRetry({ attempt: 3, status: 500, now }, policy).retry).toBe(true);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds, dates, and ignores garbage", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter(" 5 ", now)).toBe(5000);
    expect(parseRetryAfter(new Date(now - 5000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
