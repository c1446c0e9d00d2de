/**
 * A site's robots.txt, read per RFC 9309. Input: the robots.txt URL, the request path of the polite
 * fetcher, our product token and the allowed hosts. Output: the rules for that origin; every way of not
 * getting a usable file ends in "disallow all", never "allow all". Effects: only through the request
 * path; a Crawl-delay longer than ours slows that host's pacer.
 */
import { hostKey, isAllowedUrl } from "./allowed-hosts.js";
import { REDIRECT_STATUSES } from "./page-fetcher.js";
import {
  ALLOW_ALL,
  completeLines,
  disallowAll,
  parseRobotsRules,
  ROBOTS_MAX_BYTES,
  ROBOTS_MAX_REDIRECTS,
  type RobotsRules,
} from "./robots-rules.js";
import { sendPacedRequest, type PacedRequestOptions } from "./send-paced-request.js";

export interface LoadRobotsOptions {
  requests: PacedRequestOptions;
  /** Product token matched against robots.txt User-agent lines. */
  robotsAgent: string;
  allowedHosts: readonly string[];
}

/**
 * 2xx parsed (an oversized file up to ROBOTS_MAX_BYTES, cut at the last full line), 4xx "no
 * restriction", anything else "disallow all". Up to five redirects are followed; the rules found at the
 * end apply to the original origin.
 */
export async function loadRobotsRules(robotsUrl: URL, options: LoadRobotsOptions): Promise<RobotsRules> {
  const where = `robots.txt of ${robotsUrl.host}`;
  let current = robotsUrl;
  for (let redirects = 0; ; redirects++) {
    const exchange = await sendPacedRequest(
      options.requests,
      current,
      {},
      { maxBodyBytes: ROBOTS_MAX_BYTES, truncateAtLimit: true },
    );
    if (!exchange.ok) return disallowAll(`${where} unreachable (${exchange.reason})`);
    const { status, headers, truncated } = exchange.response;
    if (status >= 200 && status < 300) {
      // A fetcher that cannot truncate fails with E_CRAWL_TOO_LARGE above, which also disallows all.
      const body = truncated ? completeLines(exchange.response.body) : exchange.response.body;
      if (!body) return disallowAll(`${where} is larger than ${ROBOTS_MAX_BYTES} bytes without a full line`);
      const rules = parseRobotsRules(robotsUrl.href, Buffer.from(body).toString("utf8"), options.robotsAgent);
      if (rules.crawlDelayMs !== undefined) {
        options.requests.pacer.slowDownHost(hostKey(robotsUrl), rules.crawlDelayMs);
      }
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
    if (!isAllowedUrl(next, options.allowedHosts)) {
      return disallowAll(`${where} redirects to ${next.host}, which is not in crawler.allowedHosts`);
    }
    current = next;
  }
}
