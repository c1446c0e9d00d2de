/**
 * One imported row to a contact patch: every field cleaned (no control characters, normalised
 * whitespace), the email checked strictly, the country resolved to ISO alpha-2, language, status, tags,
 * URL and date checked. A row with any error is rejected as a whole and reported with its line.
 */
import type { Problem } from "../core/errors.js";
import { LANGUAGES, type Contact, type DirectoryColumn } from "../contacts/contact-schema.js";
import { cleanText } from "../contacts/clean-text.js";
import { checkEmail } from "../contacts/email-address.js";
import { resolveCountry } from "../contacts/countries.js";
import type { ImportField } from "./header-map.js";

/** Longest accepted field; longer ones are almost certainly a broken export (a whole file in one cell). */
export const MAX_FIELD_CHARS = 10_000;

/** What an imported row says about a contact: only the fields it gives (empty = says nothing). */
export type ContactPatch = Partial<Omit<Contact, "country">> & { country: string };

export type RowResult =
  | { kind: "blank" }
  | { kind: "ok"; patch: ContactPatch; warnings: Problem[] }
  | { kind: "rejected"; problems: Problem[] };

const LANGUAGE_NAMES: Record<string, string> = {
  english: "en", ingles: "en", anglais: "en",
  spanish: "es", espanol: "es", castellano: "es", espagnol: "es",
  french: "fr", frances: "fr", francais: "fr",
  chinese: "zh", chino: "zh", chinois: "zh",
  thai: "th", tailandes: "th", thailandais: "th",
  urdu: "ur", ourdou: "ur",
  bangla: "bn", bengali: "bn",
  arabic: "ar", arabe: "ar",
  russian: "ru", ruso: "ru", russe: "ru",
};

const STATUS_NAMES: Record<string, Contact["status"]> = {
  active: "active", activo: "active", actif: "active", ok: "active",
  bounced: "bounced", bounce: "bounced", rebotado: "bounced",
  "do not contact": "do-not-contact", dnc: "do-not-contact", "no contactar": "do-not-contact", "ne pas contacter": "do-not-contact",
};

// A line break followed by "Word:" is how extra mail headers are smuggled in through a field.
const HEADER_INJECTION = /[\r\n]\s*[A-Za-z][A-Za-z0-9-]*\s*:/;

// Fields where line breaks are ordinary (a multi-line postal address): cleaned without a warning.
const MULTILINE_FIELDS = new Set<ImportField>(["address", "notes"]);

function plain(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[_-]+/g, " ").trim();
}

/** Country text → code, memoised: a 100,000-row file names the same few hundred countries. */
export function makeCountryResolver(): (text: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (text) => {
    if (cache.has(text)) return cache.get(text);
    const code = resolveCountry(text);
    cache.set(text, code);
    return code;
  };
}

/**
 * Validate one row. `values` holds the raw cell text per field (only mapped columns).
 * `resolve` is a (memoised) country resolver.
 */
export function validateRow(
  values: ReadonlyMap<ImportField, string>,
  file: string,
  line: number,
  resolve: (text: string) => string | undefined = resolveCountry,
): RowResult {
  let anyValue = false;
  for (const v of values.values()) {
    if (v.trim() !== "") {
      anyValue = true;
      break;
    }
  }
  if (!anyValue) return { kind: "blank" };

  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const reject = (field: string, message: string) => problems.push({ file, line, field, message });
  const cleaned = new Map<ImportField, string>();

  for (const [field, raw] of values) {
    if (raw.length > MAX_FIELD_CHARS) {
      reject(field, `is ${raw.length} characters long; the limit is ${MAX_FIELD_CHARS}`);
      continue;
    }
    if (field === "email") continue; // checked on the raw text: a line break there is an error, not noise
    if ((raw.includes("\n") || raw.includes("\r")) && !MULTILINE_FIELDS.has(field) && HEADER_INJECTION.test(raw)) {
      reject(field, "contains a line break followed by a mail header (e.g. Bcc:); this looks like header injection");
      continue;
    }
    const { value, hadControls } = cleanText(raw);
    if (hadControls && !MULTILINE_FIELDS.has(field)) {
      warnings.push({ file, line, field, message: "line breaks or control characters removed", severity: "warning" });
    }
    if (value !== "") cleaned.set(field, value);
  }
  if (problems.length > 0) return { kind: "rejected", problems };

  const patch: Partial<Record<DirectoryColumn, string>> = {};
  const rawEmail = values.get("email") ?? "";
  if (rawEmail.trim() !== "") {
    const checked = checkEmail(rawEmail);
    if (checked.ok) patch.email = checked.email;
    else reject("email", `"${cleanText(rawEmail).value}" ${checked.reason}`);
  }

  const countryText = cleaned.get("country");
  let country: string | undefined;
  if (countryText === undefined) reject("country", "is missing");
  else {
    country = resolve(countryText);
    if (country === undefined) reject("country", `"${countryText}" is not a known country name or ISO code`);
  }

  for (const field of ["id", "organisation", "department", "honorific", "title", "phone", "fax", "address", "source", "notes"] as const) {
    const v = cleaned.get(field);
    if (v !== undefined) patch[field] = v;
  }
  const first = cleaned.get("first_name");
  const last = cleaned.get("last_name") ?? cleaned.get("name");
  const name = first !== undefined ? [first, last].filter(Boolean).join(" ") : (cleaned.get("name") ?? cleaned.get("last_name"));
  if (name !== undefined) patch.name = name;

  const language = cleaned.get("language");
  if (language !== undefined) {
    const code = (LANGUAGES as readonly string[]).includes(language.toLowerCase()) ? language.toLowerCase() : LANGUAGE_NAMES[plain(language)];
    if (code === undefined) reject("language", `"${language}" is not one of ${LANGUAGES.join(", ")}`);
    else patch.language = code;
  }

  const status = cleaned.get("status");
  if (status !== undefined) {
    const s = STATUS_NAMES[plain(status)];
    if (s === undefined) reject("status", `"${status}" is not active, bounced or do-not-contact`);
    else patch.status = s;
  }

  const tags = cleaned.get("tags");
  if (tags !== undefined) {
    const list = [...new Set(tags.split(/[;,|]/).map((t) => t.trim()).filter(Boolean))];
    if (list.length > 0) patch.tags = list.join(";");
  }

  const url = cleaned.get("source_url");
  if (url !== undefined) {
    if (/^https?:\/\/[^\s/]+/i.test(url) && URL.canParse(url)) patch.source_url = url;
    else reject("source_url", `"${url}" is not an http(s) URL`);
  }

  const retrieved = cleaned.get("retrieved_at");
  if (retrieved !== undefined) {
    const time = Date.parse(retrieved);
    if (Number.isNaN(time)) reject("retrieved_at", `"${retrieved}" is not a date`);
    else patch.retrieved_at = new Date(time).toISOString();
  }

  if (patch.id !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(patch.id)) {
    reject("id", `"${patch.id}" may contain only letters, digits, dot, dash and underscore`);
  }
  if (patch.email === undefined && patch.name === undefined && patch.organisation === undefined && rawEmail.trim() === "") {
    reject("email", "no email, name or organisation: nothing identifies this contact");
  }

  if (problems.length > 0 || country === undefined) return { kind: "rejected", problems };
  return { kind: "ok", patch: { ...patch, country } as ContactPatch, warnings };
}
