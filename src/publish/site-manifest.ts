/**
 * The list of files a publish run wrote, kept in the output folder (`.outreach-site.json`), so the next
 * run removes what it no longer writes (a language dropped, a PDF renamed) and nothing else: files the
 * user put in the folder were never in the list. Only plain file names are ever listed or removed. Pure.
 */

export const MANIFEST_FILE = ".outreach-site.json";

export interface SiteManifest {
  campaign: string;
  files: string[];
}

/** A plain file name in the output folder: no folder part, not `.`/`..`, not the manifest itself. */
export function isSiteFileName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) && name !== MANIFEST_FILE;
}

/** The previous run's files, from the manifest's text; anything unreadable or odd counts as none. */
export function parseManifest(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const data = JSON.parse(text) as Partial<SiteManifest>;
    return Array.isArray(data.files)
      ? data.files.filter((f): f is string => typeof f === "string" && isSiteFileName(f))
      : [];
  } catch {
    return [];
  }
}

/** Files the previous run wrote that this run did not: to remove. */
export function staleFiles(previous: readonly string[], written: readonly string[]): string[] {
  const now = new Set(written);
  return previous.filter((f) => !now.has(f)).sort();
}

export function manifestText(campaign: string, files: readonly string[]): string {
  return `${JSON.stringify({ campaign, files: [...files].sort() } satisfies SiteManifest, null, 2)}\n`;
}
