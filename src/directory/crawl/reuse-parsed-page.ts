/**
 * A page parsed by its profile, or the parse of the same content kept from an earlier run. Input: the
 * profile, the task, the fetched page and the parsed-page store. Output: the parsed page. Effects: only
 * through the store port (read for a page not downloaded afresh, written after every parse).
 */
import { createHash } from "node:crypto";
import type { ParsedPageStore } from "./page-cache.js";
import { readParsedPage } from "./parsed-page-schema.js";
import type { PageOutcome } from "./polite-fetcher.js";
import type { PageTask, ParsedPage, SiteProfile } from "./site-profile.js";

/** Parse a page, or reuse the parse of the same content for the same task by the same profile version. */
export async function parsePageOrReuse(
  options: { profile: SiteProfile; parsedStore?: ParsedPageStore },
  task: PageTask,
  page: PageOutcome & { ok: true },
): Promise<ParsedPage> {
  const { profile, parsedStore } = options;
  const key = parsedStore ? parsedPageKey(profile, task, page) : "";
  if (parsedStore && page.via !== "download") {
    const stored = readParsedPage(await parsedStore.read(key));
    if (stored) return stored;
  }
  const parsed = profile.parsePage(task, { url: page.finalUrl, html: await page.readHtml() });
  if (parsedStore) await parsedStore.write(key, parsed);
  return parsed;
}

/** Same profile version, same task, same final URL and content: same parse. */
function parsedPageKey(
  profile: SiteProfile,
  task: PageTask,
  page: { finalUrl: string; digest: string },
): string {
  return createHash("sha256")
    .update(
      JSON.stringify([
        profile.name,
        profile.version,
        task.level,
        task.group,
        task.groupLabel,
        task.data,
        page.finalUrl,
        page.digest,
      ]),
    )
    .digest("hex")
    .slice(0, 40);
}
