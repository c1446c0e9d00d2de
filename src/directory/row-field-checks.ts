/**
 * The per-field checks of an imported row (pure): each takes one cleaned cell, returns the stored value
 * and records a problem on the row when the cell cannot be used. validateRow runs them in column order.
 */
import type { Problem } from "../core/errors.js";
import { LANGUAGES, type Contact, type Language } from "../contacts/contact-schema.js";
import { cleanText } from "../contacts/clean-text.js";
import { checkEmail } from "../contacts/email-address.js";
import { foldAccentsAndCase } from "../core/fold-text.js";

/** The row being checked: where its problems are collected and the file and line they are reported at. */
export interface RowAt {
  problems: Problem[];
  file: string;
  line: number;
}

const LANGUAGE_NAMES: Record<string, string> = {
  english: "en",
  ingles: "en",
  anglais: "en",
  spanish: "es",
  espanol: "es",
  castellano: "es",
  espagnol: "es",
  french: "fr",
  frances: "fr",
  francais: "fr",
  chinese: "zh",
  chino: "zh",
  chinois: "zh",
  thai: "th",
  tailandes: "th",
  thailandais: "th",
  urdu: "ur",
  ourdou: "ur",
  bangla: "bn",
  bengali: "bn",
  arabic: "ar",
  arabe: "ar",
  russian: "ru",
  ruso: "ru",
  russe: "ru",
};

const STATUS_NAMES: Record<string, Contact["status"]> = {
  active: "active",
  activo: "active",
  actif: "active",
  ok: "active",
  bounced: "bounced",
  bounce: "bounced",
  rebotado: "bounced",
  "do not contact": "do-not-contact",
  dnc: "do-not-contact",
  "no contactar": "do-not-contact",
  "ne pas contacter": "do-not-contact",
};

/** Text folded for looking up a name: no accents, lower case, `_` and `-` as spaces. */
function plain(text: string): string {
  return foldAccentsAndCase(text).replace(/[_-]+/g, " ").trim();
}

/** Record a reason to reject the row. */
export function reject(row: RowAt, field: string, message: string): void {
  row.problems.push({ file: row.file, line: row.line, field, message });
}

/** The email checked strictly on its raw text (a line break in it is an error, not noise). */
export function checkRowEmail(rawEmail: string, row: RowAt): string | undefined {
  const checked = checkEmail(rawEmail);
  if (checked.ok) return checked.email;
  reject(row, "email", `"${cleanText(rawEmail)}" ${checked.reason}`);
  return undefined;
}

/** The country resolved to its code; a missing or unknown country rejects the row. */
export function checkRowCountry(
  text: string | undefined,
  resolve: (text: string) => string | undefined,
  row: RowAt,
): string | undefined {
  if (text === undefined) {
    reject(row, "country", "is missing");
    return undefined;
  }
  const country = resolve(text);
  if (country === undefined) reject(row, "country", `"${text}" is not a known country name or ISO code`);
  return country;
}

/** A language code or a language's name (English, Spanish or French) to the code. */
export function parseRowLanguage(text: string, row: RowAt): Language | undefined {
  const code = (LANGUAGES as readonly string[]).includes(text.toLowerCase())
    ? text.toLowerCase()
    : LANGUAGE_NAMES[plain(text)];
  if (code === undefined) reject(row, "language", `"${text}" is not one of ${LANGUAGES.join(", ")}`);
  return code as Language | undefined;
}

/** A status or one of its common spellings to the stored status. */
export function parseRowStatus(text: string, row: RowAt): Contact["status"] | undefined {
  const status = STATUS_NAMES[plain(text)];
  if (status === undefined) reject(row, "status", `"${text}" is not active, bounced or do-not-contact`);
  return status;
}

/** A source URL must be an absolute http(s) URL. */
export function checkSourceUrl(url: string, row: RowAt): void {
  if (!(/^https?:\/\/[^\s/]+/i.test(url) && URL.canParse(url)))
    reject(row, "source_url", `"${url}" is not an http(s) URL`);
}

/** A date in any form Date.parse reads, to an ISO timestamp. */
export function parseRetrievedAt(text: string, row: RowAt): string | undefined {
  const time = Date.parse(text);
  if (!Number.isNaN(time)) return new Date(time).toISOString();
  reject(row, "retrieved_at", `"${text}" is not a date`);
  return undefined;
}

/** A contact id is letters, digits, dot, dash and underscore, starting with a letter or digit. */
export function checkContactId(id: string, row: RowAt): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id))
    reject(row, "id", `"${id}" may contain only letters, digits, dot, dash and underscore`);
}
