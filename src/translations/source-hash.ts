/**
 * Hashes that say whether a translation still matches its English: one per source segment (whitespace
 * runs count as one space, so re-indenting the MJML changes nothing), and one per revision (every
 * segment's hash, or every byte of a translated letter). Pure.
 */
import { createHash } from "node:crypto";

export function sourceHash(text: string): string {
  return sha(text.replace(/\s+/g, " ").trim()).slice(0, 16);
}

/** One hash for a set of segment hashes, independent of their order. */
export function revisionOf(hashes: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(hashes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha(JSON.stringify(pairs)).slice(0, 16);
}

export function textRevision(parts: readonly string[]): string {
  return sha(JSON.stringify(parts)).slice(0, 16);
}

function sha(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
