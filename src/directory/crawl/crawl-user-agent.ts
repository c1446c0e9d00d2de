/** The crawler's identity: a User-Agent naming the tool and how to reach its operator. Pure. */
import type { CrawlerConfig } from "../../config/config-schema.js";

export const CRAWLER_PRODUCT = "outreach-crawler";

export function buildUserAgent(
  config: Pick<CrawlerConfig, "userAgent" | "contactEmail">,
  version: string,
): string {
  return (
    config.userAgent ??
    `${CRAWLER_PRODUCT}/${version} (delegate-outreach directory crawler; +mailto:${config.contactEmail})`
  );
}

/** The token robots.txt groups are matched against: the User-Agent's product name. */
export function robotsAgentOf(userAgent: string): string {
  return (userAgent.split("/")[0] ?? userAgent).trim() || CRAWLER_PRODUCT;
}
