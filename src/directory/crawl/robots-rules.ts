/** robots.txt decisions, pure: parse once, ask per URL. Wraps robots-parser. */
import robotsParserModule from "robots-parser";

// robots-parser is CommonJS with `export default` typings: at run time the default import is the function.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** Crawl-delay for our agent, in ms, if the site sets one. */
  crawlDelayMs: number | undefined;
  /** Set when there is no usable robots.txt and everything is disallowed: why. */
  unreachable?: string;
}

/** RFC 9309 section 2.5: crawlers must read at least 500 KiB of a robots.txt. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

/** RFC 9309 section 2.3.1.2: follow at least five consecutive redirects. */
export const ROBOTS_MAX_REDIRECTS = 5;

/** Rules from a robots.txt body. `agent` is our product token (the User-Agent part before the slash). */
export function parseRobotsRules(robotsUrl: string, body: string, agent: string): RobotsRules {
  const robots = robotsParser(robotsUrl, body);
  const delay = robots.getCrawlDelay(agent);
  return {
    // undefined means "not this robots.txt's origin"; the caller asks per origin, so treat it as disallowed.
    isAllowed: (url) => robots.isAllowed(url, agent) === true,
    crawlDelayMs: delay === undefined ? undefined : delay * 1000,
  };
}

/**
 * The part of a robots.txt cut at the size limit that can be trusted: up to the last full line, so a
 * rule cut in the middle (`Disallow: /p` of `Disallow: /private`) is never read as a wider one.
 * Undefined when not one full line fits.
 */
export function completeLines(body: Uint8Array): Uint8Array | undefined {
  for (let i = body.length - 1; i >= 0; i--) {
    if (body[i] === 0x0a || body[i] === 0x0d) return body.subarray(0, i + 1);
  }
  return undefined;
}

/** No robots.txt (4xx): everything is allowed (RFC 9309 section 2.3.1.3). */
export const ALLOW_ALL: RobotsRules = { isAllowed: () => true, crawlDelayMs: undefined };

/** robots.txt unreachable (5xx, network, no usable answer): assume complete disallow (RFC 9309 section 2.3.1.4). */
export function disallowAll(reason: string): RobotsRules {
  return { isAllowed: () => false, crawlDelayMs: undefined, unreachable: reason };
}
