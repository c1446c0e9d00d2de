/**
 * The polite fetcher: everything the crawler does before and after one GET. Allowed hosts only,
 * robots.txt obeyed (fetched once per origin), per-host pacing, retries with backoff and Retry-After,
 * manual redirects (off-host ones refused), and the cache with conditional requests. It knows nothing
 * of any particular site. Effects go through the injected fetcher, cache and clock.
 */
import type { Clock } from "../../core/clock.js";
import { hostKey, isAllowedUrl } from "./allowed-hosts.js";
import { HostPacer } from "./host-pacer.js";
import { OperationError } from "../../core/errors.js";
import type { ErrorCode } from "../../core/error-codes.js";
import type { CachedPageMeta, PageCache } from "./page-cache.js";
import { FetchFailure, type FetchResponse, type PageFetcher } from "./page-fetcher.js";
import { decideRetry, type RetryPolicy } from "./retry-delay.js";
import {
  ALLOW_ALL,
  completeLines,
  disallowAll,
  parseRobotsRules,
  ROBOTS_MAX_BYTES,
  ROBOTS_MAX_REDIRECTS,
  type RobotsRules,
} from "./robots-rules.js";

export interface PoliteFetcherOptions {
  fetcher: PageFetcher;
  cache: PageCache;
  clock: Clock;
  /** Full User-Agent header. */
  userAgent: string;
  /** Product token matched against robots.txt User-agent lines. */
  robotsAgent: string;
  delayMs: number;
  timeoutMs: number;
  maxBodyBytes: number;
  retry: RetryPolicy;
  allowedHosts: readonly string[];
  /** A cached page downloaded less than this long ago is used without asking the site (resume). 0: always revalidate. */
  reuseWithinMs: number;
  maxRedirects?: number;
  signal?: AbortSignal;
  /** Called for every request sent (progress, logs). */
  onRequest?: (event: RequestEvent) => void;
}

export interface RequestEvent {
  url: string;
  attempt: number;
  status?: number;
  error?: string;
}

/** How a page was obtained: a full download, a 304 revalidation, or the cache without asking. */
export type PageVia = "download" | "not-modified" | "cache";

export type PageOutcome =
  | {
      ok: true;
      url: string;
      finalUrl: string;
      /** SHA-256 of the body: same digest, same content. */
      digest: string;
      /** The page's text; for a page known from the cache, the body is read from disk only now. */
      readHtml: () => Promise<string>;
      via: PageVia;
      /** When the content was last confirmed with the site (download or 304), or downloaded (cache reuse). */
      confirmedAt: number;
    }
  | {
      ok: false;
      url: string;
      code: ErrorCode;
      reason: string;
      /** Skipped on purpose (robots.txt) rather than failed. */
      skipped: boolean;
    };

export interface FetchStats {
  requests: number;
  downloads: number;
  notModified: number;
  cacheReused: number;
  retries: number;
  bytesDownloaded: number;
}

type Exchange = { ok: true; response: FetchResponse } | { ok: false; code: ErrorCode; reason: string };

const REDIRECT_STATUSES: readonly number[] = [301, 302, 303, 307, 308];

export class PoliteFetcher {
  readonly stats: FetchStats = {
    requests: 0,
    downloads: 0,
    notModified: 0,
    cacheReused: 0,
    retries: 0,
    bytesDownloaded: 0,
  };
  private readonly pacer: HostPacer;
  private readonly robots = new Map<string, Promise<RobotsRules>>();

  constructor(private readonly options: PoliteFetcherOptions) {
    this.pacer = new HostPacer(options.clock, options.delayMs);
  }

  async fetchPage(url: string): Promise<PageOutcome> {
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      return fail(url, "E_CRAWL_BAD_URL", `not a URL: ${url}`);
    }
    if (!isAllowedUrl(current, this.options.allowedHosts)) {
      return fail(url, "E_CRAWL_NOT_ALLOWED", `host ${current.host} is not in crawler.allowedHosts`);
    }
    const maxRedirects = this.options.maxRedirects ?? 5;
    for (let hop = 0; hop <= maxRedirects; hop++) {
      const href = current.href;
      const rules = await this.robotsFor(current);
      if (!rules.isAllowed(href)) {
        return rules.unreachable !== undefined
          ? fail(url, "E_CRAWL_ROBOTS_UNREACHABLE", `${rules.unreachable}; nothing fetched there`)
          : {
              ok: false,
              url,
              code: "E_CRAWL_ROBOTS",
              reason: `robots.txt disallows ${current.pathname}`,
              skipped: true,
            };
      }
      const cached = await this.options.cache.lookup(href);
      const now = this.options.clock.now();
      if (cached && now - cached.retrievedAt < this.options.reuseWithinMs) {
        this.stats.cacheReused += 1;
        return this.fromCache(url, current, cached, "cache", cached.retrievedAt);
      }
      const exchange = await this.exchange(current, conditionalHeaders(cached));
      if (!exchange.ok) return fail(url, exchange.code, exchange.reason);
      const { response } = exchange;
      if (response.status === 304 && cached) {
        this.stats.notModified += 1;
        return this.fromCache(url, current, cached, "not-modified", this.options.clock.now());
      }
      if (response.status >= 200 && response.status < 300) {
        const meta = await this.store(href, response);
        const html = decodeBody(response.body, meta.contentType);
        return {
          ok: true,
          url,
          finalUrl: href,
          digest: meta.digest,
          via: "download",
          confirmedAt: meta.retrievedAt,
          readHtml: () => Promise.resolve(html),
        };
      }
      if (REDIRECT_STATUSES.includes(response.status)) {
        const location = response.headers.location;
        if (!location) return fail(url, "E_CRAWL_HTTP", `HTTP ${response.status} without Location`);
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          return fail(url, "E_CRAWL_HTTP", `HTTP ${response.status} to an unreadable Location`);
        }
        if (!isAllowedUrl(next, this.options.allowedHosts)) {
          return fail(
            url,
            "E_CRAWL_OFF_HOST",
            `redirect to ${next.host} refused (not in crawler.allowedHosts): ${next.href}`,
          );
        }
        current = next;
        continue;
      }
      return fail(url, "E_CRAWL_HTTP", `HTTP ${response.status}`);
    }
    return fail(url, "E_CRAWL_REDIRECTS", `more than ${maxRedirects} redirects`);
  }

  private async store(href: string, response: FetchResponse): Promise<CachedPageMeta> {
    this.stats.downloads += 1;
    this.stats.bytesDownloaded += response.body.byteLength;
    return this.options.cache.write(
      {
        url: href,
        retrievedAt: this.options.clock.now(),
        ...optional("etag", response.headers.etag),
        ...optional("lastModified", response.headers["last-modified"]),
        ...optional("contentType", response.headers["content-type"]),
      },
      response.body,
    );
  }

  /** A page known from the cache; its body is read only if the caller needs the text. */
  private fromCache(
    url: string,
    current: URL,
    meta: CachedPageMeta,
    via: PageVia,
    confirmedAt: number,
  ): PageOutcome {
    const readHtml = async (): Promise<string> => {
      const body = await this.options.cache.readBody(meta);
      if (body) return decodeBody(body, meta.contentType);
      // The stored body went missing or was damaged since: fetch the page again, unconditionally.
      const again = await this.exchange(current, {});
      if (again.ok && again.response.status >= 200 && again.response.status < 300) {
        const fresh = await this.store(current.href, again.response);
        return decodeBody(again.response.body, fresh.contentType);
      }
      throw new OperationError(
        "E_CRAWL_CACHE",
        `the cached copy of ${current.href} is damaged and the page could not be fetched again`,
      );
    };
    return { ok: true, url, finalUrl: current.href, digest: meta.digest, via, confirmedAt, readHtml };
  }

  /** One request with pacing and retries. Never throws for HTTP or network trouble. */
  private async exchange(
    url: URL,
    extra: Record<string, string>,
    body: { maxBodyBytes: number; truncateAtLimit?: boolean } = { maxBodyBytes: this.options.maxBodyBytes },
  ): Promise<Exchange> {
    const host = hostKey(url);
    const { clock, signal } = this.options;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) return { ok: false, code: "E_CRAWL_ABORTED", reason: "crawl interrupted" };
      await this.pacer.waitTurn(host, signal);
      if (signal?.aborted) return { ok: false, code: "E_CRAWL_ABORTED", reason: "crawl interrupted" };
      this.stats.requests += 1;
      let response: FetchResponse | undefined;
      let failure: FetchFailure | undefined;
      try {
        response = await this.options.fetcher.fetch({
          url: url.href,
          headers: {
            "user-agent": this.options.userAgent,
            accept: "text/html,text/plain;q=0.9,*/*;q=0.1",
            ...extra,
          },
          timeoutMs: this.options.timeoutMs,
          ...body,
          ...(signal ? { signal } : {}),
        });
      } catch (e) {
        if (!(e instanceof FetchFailure)) throw e;
        failure = e;
      }
      this.options.onRequest?.({
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
      const decision = decideRetry(
        {
          attempt,
          ...(response ? { status: response.status } : {}),
          ...optional("retryAfter", response?.headers["retry-after"]),
          now: clock.now(),
        },
        this.options.retry,
      );
      if (!decision.retry) {
        const what = response ? `HTTP ${response.status}` : (failure?.message ?? "request failed");
        const code = response ? "E_CRAWL_HTTP" : (failure?.code ?? "E_CRAWL_NETWORK");
        return { ok: false, code, reason: attempt > 1 ? `${what}; ${decision.reason}` : what };
      }
      this.stats.retries += 1;
      this.pacer.pushBack(host, clock.now() + decision.delayMs);
    }
  }

  private robotsFor(url: URL): Promise<RobotsRules> {
    const origin = url.origin;
    let rules = this.robots.get(origin);
    if (!rules) {
      rules = this.loadRobots(new URL("/robots.txt", origin));
      this.robots.set(origin, rules);
    }
    return rules;
  }

  /**
   * robots.txt per RFC 9309: 2xx parsed (an oversized file up to ROBOTS_MAX_BYTES, cut at the last full
   * line), 4xx "no restriction", anything else "disallow all". Up to five redirects are followed; the
   * rules found at the end apply to the original origin. Every way of not getting a usable file ends
   * in "disallow all", never "allow all".
   */
  private async loadRobots(robotsUrl: URL): Promise<RobotsRules> {
    const where = `robots.txt of ${robotsUrl.host}`;
    let current = robotsUrl;
    for (let redirects = 0; ; redirects++) {
      const exchange = await this.exchange(
        current,
        {},
        { maxBodyBytes: ROBOTS_MAX_BYTES, truncateAtLimit: true },
      );
      if (!exchange.ok) return disallowAll(`${where} unreachable (${exchange.reason})`);
      const { status, headers, truncated } = exchange.response;
      if (status >= 200 && status < 300) {
        // A fetcher that cannot truncate fails with E_CRAWL_TOO_LARGE above, which also disallows all.
        const body = truncated ? completeLines(exchange.response.body) : exchange.response.body;
        if (!body)
          return disallowAll(`${where} is larger than ${ROBOTS_MAX_BYTES} bytes without a full line`);
        const rules = parseRobotsRules(
          robotsUrl.href,
          Buffer.from(body).toString("utf8"),
          this.options.robotsAgent,
        );
        if (rules.crawlDelayMs !== undefined) this.pacer.slowDownHost(hostKey(robotsUrl), rules.crawlDelayMs);
        return rules;
      }
      if (status >= 400 && status < 500) return ALLOW_ALL;
      if (!REDIRECT_STATUSES.includes(status)) return disallowAll(`${where} answered HTTP ${status}`);
      // RFC 9309 lets a crawler treat an endless chain as "unavailable" (4xx, allow all); we stop short
      // of crawling a site whose rules we could not read, and disallow all instead.
      if (redirects === ROBOTS_MAX_REDIRECTS) {
        return disallowAll(`${where} redirects more than ${ROBOTS_MAX_REDIRECTS} times`);
      }
      const next = headers.location !== undefined ? URL.parse(headers.location, current.href) : null;
      if (!next) return disallowAll(`${where} redirects (HTTP ${status}) without a usable Location`);
      // RFC 9309 says follow, even to another authority; but the allowlist is the promise that no other
      // host is ever asked anything. Not being able to read the rules is "unreachable", not "no rules":
      // the conservative reading is disallow all.
      if (!isAllowedUrl(next, this.options.allowedHosts)) {
        return disallowAll(`${where} redirects to ${next.host}, which is not in crawler.allowedHosts`);
      }
      current = next;
    }
  }
}

function conditionalHeaders(cached: CachedPageMeta | undefined): Record<string, string> {
  if (!cached) return {};
  return {
    ...(cached.etag !== undefined ? { "if-none-match": cached.etag } : {}),
    ...(cached.lastModified !== undefined ? { "if-modified-since": cached.lastModified } : {}),
  };
}

function fail(url: string, code: ErrorCode, reason: string): PageOutcome {
  return { ok: false, url, code, reason, skipped: false };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/** Bodies are bytes; the charset comes from Content-Type, else a `<meta>` near the top, else UTF-8. */
export function decodeBody(body: Uint8Array, contentType: string | undefined): string {
  const charset =
    /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? "")?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(
      Buffer.from(body.subarray(0, 2048)).toString("latin1"),
    )?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8").decode(body);
  } catch {
    return new TextDecoder("utf-8").decode(body);
  }
}
