/**
 * Import, the decision: which segments of a returned PO file go into the letter. A segment whose
 * placeholders or markup differ from the source is rejected with its file:line; an empty or fuzzy one is
 * missing and keeps the letter's current translation (or, for a new letter, the source text, said so);
 * an entry for no segment of the current source is a warning. The letter is then rebuilt
 * (`rebuild-letter.ts`). Pure.
 */
import type { Problem } from "../core/errors.js";
import type { SegmentedLetter } from "./letter-segments.js";
import { markupMismatch } from "./protect-markup.js";
import type { CatalogueEntry } from "./read-catalogue.js";
import { sourceHash } from "./source-hash.js";

export interface AppliedCatalogue {
  /** Segment id → translated text, for the segments imported now. */
  imported: Map<string, string>;
  /** Segment id → hash of the source text the translator saw (the entry's msgid). */
  hashes: Record<string, string>;
  /** Segments without a usable translation in the file (empty or fuzzy). */
  missing: { id: string; reason: "empty" | "fuzzy" | "absent" }[];
  /** Rejected segments (E_PO_MARKUP) and entries for no current segment (E_PO_SEGMENT warnings). */
  problems: Problem[];
}

export function applyCatalogue(
  source: SegmentedLetter,
  entries: readonly CatalogueEntry[],
  file: string,
): AppliedCatalogue {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const imported = new Map<string, string>();
  const hashes: Record<string, string> = {};
  const missing: AppliedCatalogue["missing"] = [];
  const problems: Problem[] = [];
  for (const s of source.segments) {
    const entry = byId.get(s.id);
    if (!entry || entry.msgstr === "") {
      missing.push({ id: s.id, reason: entry ? "empty" : "absent" });
      // A salutation left empty: this language goes without that pattern (the generic one covers it).
      if (entry && !entry.fuzzy && s.kind === "salutation") hashes[s.id] = sourceHash(entry.msgid);
      continue;
    }
    if (entry.fuzzy) {
      missing.push({ id: s.id, reason: "fuzzy" });
      continue;
    }
    const mismatch = markupMismatch(s.text, entry.msgstr);
    if (mismatch) {
      problems.push({
        code: "E_PO_MARKUP",
        file,
        line: entry.line,
        field: s.id,
        message: `placeholders or markup differ from the source: ${mismatch}; this segment was not imported`,
      });
      continue;
    }
    imported.set(s.id, entry.msgstr);
    hashes[s.id] = sourceHash(entry.msgid);
  }
  const ids = new Set(source.segments.map((s) => s.id));
  for (const e of entries) {
    if (ids.has(e.id)) continue;
    problems.push({
      code: "E_PO_SEGMENT",
      severity: "warning",
      file,
      line: e.line,
      field: e.id,
      message: "not a segment of the current source letter (it was removed or moved); ignored",
    });
  }
  return { imported, hashes, missing, problems };
}
