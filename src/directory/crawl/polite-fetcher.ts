/**
 * The polite fetcher: everything the crawler does before and after one GET. Allowed hosts only,
 * robots.txt obeyed (fetched once per origin), per-host pacing, retries with backoff and Retry-After,
 * manual redirects (off-host ones refused), and the cache with conditional requests. It knows nothing
 * of any particular site. This file follows redirects and keeps the cache; one paced, retried request
 * is `send-paced-request.ts`, reading robots.txt is `load-robots-rules.ts`. Input: a URL. Output: the
 * page or why there is none. Effects go through the injected fetcher, cache and clock.
 */
import type { Clock } from "../../core/clock.js";
import { isAllowedUrl } from "./allowed-hosts.js";
import { decodeBody } from "./decode-page-body.js";
import { HostPacer } from "./host-pacer.js";
import { loadRobotsRules } from "./load-robots-rules.js";
import { OperationError } from "../../core/errors.js";
import type { ErrorCode } from "../../core/error-codes.js";
import type { CachedPageMeta, PageCache } from "./page-cache.js";
import { REDIRECT_STATUSES, type FetchResponse, type PageFetcher } from "./page-fetcher.js";
import type { RetryPolicy } from "./retry-delay.js";
import type { RobotsRules } from "./robots-rules.js";
import {
  sendPacedRequest,
  type BodyLimit,
  type Exchange,
  type PacedRequestOptions,
  type RequestEvent,
} from "./send-paced-request.js";

export { decodeBody } from "./decode-page-body.js";
export type { RequestEvent } from "./send-paced-request.js";

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

export class PoliteFetcher {
  readonly stats: FetchStats = {
    requests: 0,
    downloads: 0,
    notModified: 0,
    cacheReused: 0,
    retries: 0,
    bytesDownloaded: 0,
  };
  private readonly requests: PacedRequestOptions;
  private readonly robots = new Map<string, Promise<RobotsRules>>();

  constructor(private readonly options: PoliteFetcherOptions) {
    this.requests = {
      fetcher: options.fetcher,
      clock: options.clock,
      pacer: new HostPacer(options.clock, options.delayMs),
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
      counts: this.stats,
    };
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
  private exchange(
    url: URL,
    extra: Record<string, string>,
    body: BodyLimit = { maxBodyBytes: this.options.maxBodyBytes },
  ): Promise<Exchange> {
    return sendPacedRequest(this.requests, url, extra, body);
  }

  /** robots.txt is fetched once per origin; concurrent pages of a new origin wait for the same copy. */
  private robotsFor(url: URL): Promise<RobotsRules> {
    const origin = url.origin;
    let rules = this.robots.get(origin);
    if (!rules) {
      rules = loadRobotsRules(new URL("/robots.txt", origin), {
        requests: this.requests,
        robotsAgent: this.options.robotsAgent,
        allowedHosts: this.options.allowedHosts,
      });
      this.robots.set(origin, rules);
    }
    return rules;
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
