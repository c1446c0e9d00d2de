/**
 * What an importer or the crawler says about a contact, before it is merged into the directory: only the
 * fields it gives (an empty field says nothing). Pure.
 */
import type { Contact } from "./contact-schema.js";

/** What an imported row says about a contact: only the fields it gives (empty = says nothing). */
export type ContactPatch = Partial<Omit<Contact, "country">> & { country: string };

/** The last list isTagList accepted: rows of one file mostly carry the same tags. */
let lastTagList = "";

/**
 * True when `tags` is already a normalised tag list: separated by ";" only, every tag non-empty, trimmed
 * and distinct (splitting, trimming, de-duplicating and joining it again gives the same text).
 */
export function isTagList(tags: string): boolean {
  if (tags === "" || tags === lastTagList) return true;
  if (tags.includes(",") || tags.includes("|")) return false;
  const list = tags.split(";");
  for (let i = 0; i < list.length; i++) {
    const tag = list[i] ?? "";
    if (tag === "" || tag.trim() !== tag || list.indexOf(tag) !== i) return false;
  }
  lastTagList = tags;
  return true;
}
