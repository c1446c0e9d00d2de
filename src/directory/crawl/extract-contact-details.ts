/**
 * Generic contact extraction for a page whose layout is not known in advance. The page is flattened to
 * `label: value` lines (`flatten-page-text.ts`: two-cell table rows, definition lists, labelled lines of
 * text), labels are recognised through the shared label vocabulary (`recognise-label.ts`), and lines
 * are grouped into people (`group-contact-lines.ts`): a block with a name is a person, labelled details
 * outside any person are the organisation's own. Pure.
 */
import * as cheerio from "cheerio";
import { emailFromMailto } from "./extract-emails.js";
import { flattenToLines } from "./flatten-page-text.js";
import { groupContactLines } from "./group-contact-lines.js";
import type { ContactFields } from "./site-profile.js";

export { recogniseLabel } from "./recognise-label.js";

export interface ContactDetails {
  people: ContactFields[];
  /** Details that belong to no person: the organisation's general mailbox, phone, address. */
  general: ContactFields;
  loginRequired: boolean;
}

/** Parse a page (or the part under `rootSelector`) for contact details. */
export function extractContactDetails(html: string, rootSelector?: string): ContactDetails {
  const $ = cheerio.load(html);
  const loginRequired = detectLoginForm($);
  let root = rootSelector ? $(rootSelector).first() : $("body");
  if (root.length === 0) root = $("body").length ? $("body") : $.root();
  // A mailto link's address is the most reliable email on the page, whatever its text says.
  root.find('a[href^="mailto:" i]').each((_, a) => {
    const email = emailFromMailto($(a).attr("href") ?? "");
    if (email) $(a).text(` ${email} `);
  });
  return { ...groupContactLines(flattenToLines(root.get(0))), loginRequired };
}

export function detectLoginForm($: cheerio.CheerioAPI): boolean {
  return $('input[type="password" i]').length > 0;
}
