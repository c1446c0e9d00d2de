/**
 * One imported row to a contact patch: every field cleaned (no control characters, normalised
 * whitespace), the email checked strictly, the country resolved to ISO alpha-2, language, status, tags,
 * URL and date checked. A row with any error is rejected as a whole and reported with its line.
 */
import type { Problem } from "../core/errors.js";
import { LANGUAGES, type Contact, type Language } from "../contacts/contact-schema.js";
import { cleanText, hasControlCharacters } from "../contacts/clean-text.js";
import { formatPeople, peopleOf } from "../contacts/contact-people.js";
import { checkEmail } from "../contacts/email-address.js";
import { resolveCountry } from "../contacts/countries.js";
import type { ImportField } from "./header-map.js";
import { foldAccentsAndCase } from "../core/fold-text.js";

const NO_WARNINGS: Problem[] = [];

/** Longest accepted field; longer ones are almost certainly a broken export (a whole file in one cell). */
export const MAX_FIELD_CHARS = 10_000;

/** What an imported row says about a contact: only the fields it gives (empty = says nothing). */
export type ContactPatch = Partial<Omit<Contact, "country">> & { country: string };

export type RowResult =
  | { kind: "blank" }
  | { kind: "ok"; patch: ContactPatch; warnings: Problem[] }
  | { kind: "rejected"; problems: Problem[] };

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

// A line break followed by "Word:" is how extra mail headers are smuggled in through a field.
const HEADER_INJECTION = /[\r\n]\s*[A-Za-z][A-Za-z0-9-]*\s*:/;

// Fields where line breaks are ordinary (a multi-line postal address): cleaned without a warning.
const MULTILINE_FIELDS = new Set<ImportField>(["address", "notes"]);

function plain(text: string): string {
  return foldAccentsAndCase(text).replace(/[_-]+/g, " ").trim();
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

/** Record a reason to reject the row (a plain function: a closure per row would cost an allocation). */
function reject(problems: Problem[], file: string, line: number, field: string, message: string): void {
  problems.push({ file, line, field, message });
}

/** The raw cell text of each mapped field of one row. */
export type RowValues = Partial<Record<ImportField, string>>;

/**
 * Validate one row. `values` holds the raw cell text per mapped field; `resolve` is a (memoised)
 * country resolver. Allocates little: this runs once per row of files with 100,000 rows.
 */
export function validateRow(
  values: RowValues,
  file: string,
  line: number,
  resolve: (text: string) => string | undefined = resolveCountry,
): RowResult {
  let blank = true;
  for (const field in values) {
    if ((values[field as ImportField] ?? "").trim() !== "") {
      blank = false;
      break;
    }
  }
  if (blank) return { kind: "blank" };

  const problems: Problem[] = [];
  let warnings: Problem[] | undefined;
  const cleaned: RowValues = {};

  for (const key in values) {
    const field = key as ImportField;
    const raw = values[field] ?? "";
    if (raw === "") continue;
    if (raw.length > MAX_FIELD_CHARS) {
      reject(
        problems,
        file,
        line,
        field,
        `is ${raw.length} characters long; the limit is ${MAX_FIELD_CHARS}`,
      );
      continue;
    }
    if (field === "email") continue; // checked on the raw text: a line break there is an error, not noise
    const value = cleanText(raw);
    if (value !== raw && !MULTILINE_FIELDS.has(field) && hasControlCharacters(raw)) {
      if (HEADER_INJECTION.test(raw)) {
        reject(
          problems,
          file,
          line,
          field,
          "contains a line break followed by a mail header (e.g. Bcc:); this looks like header injection",
        );
        continue;
      }
      (warnings ??= []).push({
        file,
        line,
        field,
        message: "line breaks or control characters removed",
        severity: "warning",
      });
    }
    if (value !== "") cleaned[field] = value;
  }
  if (problems.length > 0) return { kind: "rejected", problems };

  const rawEmail = values.email ?? "";
  let email: string | undefined;
  if (rawEmail.trim() !== "") {
    const checked = checkEmail(rawEmail);
    if (checked.ok) email = checked.email;
    else reject(problems, file, line, "email", `"${cleanText(rawEmail)}" ${checked.reason}`);
  }

  const countryText = cleaned.country;
  let country: string | undefined;
  if (countryText === undefined) reject(problems, file, line, "country", "is missing");
  else {
    country = resolve(countryText);
    if (country === undefined)
      reject(problems, file, line, "country", `"${countryText}" is not a known country name or ISO code`);
  }

  const first = cleaned.first_name;
  let name =
    first !== undefined
      ? [first, cleaned.last_name ?? cleaned.name].filter(Boolean).join(" ")
      : (cleaned.name ?? cleaned.last_name);
  // Several people of one shared mailbox in one row (`Ana Rivera; Ben Chen`, as `directory list` writes
  // them): brought to the stored form, so re-importing an export changes nothing.
  let honorific = cleaned.honorific;
  let title = cleaned.title;
  if (name?.includes(";")) {
    const people = formatPeople(peopleOf({ honorific, name, title }));
    name = people.name || undefined;
    honorific = people.honorific || undefined;
    title = people.title || undefined;
  }

  let language: Language | undefined;
  if (cleaned.language !== undefined) {
    const text = cleaned.language;
    const code = (LANGUAGES as readonly string[]).includes(text.toLowerCase())
      ? text.toLowerCase()
      : LANGUAGE_NAMES[plain(text)];
    if (code === undefined)
      reject(problems, file, line, "language", `"${text}" is not one of ${LANGUAGES.join(", ")}`);
    else language = code as Language;
  }

  let status: Contact["status"] | undefined;
  if (cleaned.status !== undefined) {
    status = STATUS_NAMES[plain(cleaned.status)];
    if (status === undefined)
      reject(problems, file, line, "status", `"${cleaned.status}" is not active, bounced or do-not-contact`);
  }

  let tags: string | undefined;
  if (cleaned.tags !== undefined && isTagList(cleaned.tags)) {
    tags = cleaned.tags; // already "a;b": what the general case below would rebuild
  } else if (cleaned.tags !== undefined) {
    const list = [
      ...new Set(
        cleaned.tags
          .split(/[;,|]/)
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ];
    if (list.length > 0) tags = list.join(";");
  }

  const url = cleaned.source_url;
  if (url !== undefined && !(/^https?:\/\/[^\s/]+/i.test(url) && URL.canParse(url)))
    reject(problems, file, line, "source_url", `"${url}" is not an http(s) URL`);

  let retrievedAt: string | undefined;
  if (cleaned.retrieved_at !== undefined) {
    const time = Date.parse(cleaned.retrieved_at);
    if (Number.isNaN(time))
      reject(problems, file, line, "retrieved_at", `"${cleaned.retrieved_at}" is not a date`);
    else retrievedAt = new Date(time).toISOString();
  }

  const id = cleaned.id;
  if (id !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id))
    reject(problems, file, line, "id", `"${id}" may contain only letters, digits, dot, dash and underscore`);
  if (
    email === undefined &&
    name === undefined &&
    cleaned.organisation === undefined &&
    rawEmail.trim() === ""
  ) {
    reject(problems, file, line, "email", "no email, name or organisation: nothing identifies this contact");
  }

  if (problems.length > 0 || country === undefined) return { kind: "rejected", problems };
  // Every patch has the same keys in the same order (undefined = the row says nothing): one hidden
  // class for all of them, which keeps merging 100,000 patches fast.
  const patch: ContactPatch = {
    id,
    country,
    organisation: cleaned.organisation,
    department: cleaned.department,
    honorific,
    name,
    title,
    email,
    phone: cleaned.phone,
    fax: cleaned.fax,
    address: cleaned.address,
    language,
    tags,
    source: cleaned.source,
    source_url: url,
    retrieved_at: retrievedAt,
    status,
    notes: cleaned.notes,
  };
  return { kind: "ok", patch, warnings: warnings ?? NO_WARNINGS };
}
