/** robots.txt decisions, pure: parse once, ask per URL. Wraps robots-parser. */
import robotsParserModule from "robots-parser";

// robots-parser is CommonJS with `export default` typings: at run time the default import is the function.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** Crawl-delay for our agent, in ms, if the site sets one. */
  crawlDelayMs: number | undefined;
}

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

/** No robots.txt (4xx): everything is allowed (RFC 9309 section 2.3.1.3). */
export const ALLOW_ALL: RobotsRules = { isAllowed: () => true, crawlDelayMs: undefined };

/** robots.txt unreachable (5xx, network): assume complete disallow (RFC 9309 section 2.3.1.4). */
export const DISALLOW_ALL: RobotsRules = { isAllowed: () => false, crawlDelayMs: undefined };
