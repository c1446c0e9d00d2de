/**
 * One imported row to a contact patch: every field cleaned (no control characters, normalised
 * whitespace), the email checked strictly, the country resolved to ISO alpha-2, language, status, tags,
 * URL and date checked. A row with any error is rejected as a whole and reported with its line.
 */
import type { Problem } from "../core/errors.js";
import { isTagList, type ContactPatch } from "../contacts/contact-patch.js";
import { cleanText, hasControlCharacters } from "../contacts/clean-text.js";
import { formatPeople, peopleOf } from "../contacts/contact-people.js";
import { resolveCountry } from "../contacts/countries.js";
import type { ImportField } from "./header-map.js";
import {
  checkContactId,
  checkRowCountry,
  checkRowEmail,
  checkSourceUrl,
  parseRetrievedAt,
  parseRowLanguage,
  parseRowStatus,
  reject,
  type RowAt,
} from "./row-field-checks.js";

const NO_WARNINGS: Problem[] = [];

/** Longest accepted field; longer ones are almost certainly a broken export (a whole file in one cell). */
export const MAX_FIELD_CHARS = 10_000;

export type RowResult =
  | { kind: "blank" }
  | { kind: "ok"; patch: ContactPatch; warnings: Problem[] }
  | { kind: "rejected"; problems: Problem[] };

// A line break followed by "Word:" is how extra mail headers are smuggled in through a field.
const HEADER_INJECTION = /[\r\n]\s*[A-Za-z][A-Za-z0-9-]*\s*:/;

// Fields where line breaks are ordinary (a multi-line postal address): cleaned without a warning.
const MULTILINE_FIELDS = new Set<ImportField>(["address", "notes"]);

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

/** The raw cell text of each mapped field of one row. */
export type RowValues = Partial<Record<ImportField, string>>;

/** True when no mapped cell of the row holds anything but whitespace. */
function isBlankRow(values: RowValues): boolean {
  for (const field in values) {
    if ((values[field as ImportField] ?? "").trim() !== "") return false;
  }
  return true;
}

/**
 * Clean every non-empty cell but the email into `cleaned`: an over-long cell or one smuggling in a mail
 * header rejects the row; line breaks removed elsewhere than in address and notes are a warning.
 */
function cleanCells(values: RowValues, cleaned: RowValues, row: RowAt): Problem[] | undefined {
  let warnings: Problem[] | undefined;
  for (const key in values) {
    const field = key as ImportField;
    const raw = values[field] ?? "";
    if (raw === "") continue;
    if (raw.length > MAX_FIELD_CHARS) {
      reject(row, field, `is ${raw.length} characters long; the limit is ${MAX_FIELD_CHARS}`);
      continue;
    }
    if (field === "email") continue; // checked on the raw text: a line break there is an error, not noise
    const value = cleanText(raw);
    if (value !== raw && !MULTILINE_FIELDS.has(field) && hasControlCharacters(raw)) {
      if (HEADER_INJECTION.test(raw)) {
        reject(
          row,
          field,
          "contains a line break followed by a mail header (e.g. Bcc:); this looks like header injection",
        );
        continue;
      }
      (warnings ??= []).push({
        file: row.file,
        line: row.line,
        field,
        message: "line breaks or control characters removed",
        severity: "warning",
      });
    }
    if (value !== "") cleaned[field] = value;
  }
  return warnings;
}

/**
 * The row's person: first name with last name (or name), else name or last name. Several people of one
 * shared mailbox in one row (`Ana Rivera; Ben Chen`, as `directory list` writes them) are brought to the
 * stored form with their honorifics and titles, so re-importing an export changes nothing.
 */
function rowPeople(cleaned: RowValues): Pick<ContactPatch, "honorific" | "name" | "title"> {
  const first = cleaned.first_name;
  const name =
    first !== undefined
      ? [first, cleaned.last_name ?? cleaned.name].filter(Boolean).join(" ")
      : (cleaned.name ?? cleaned.last_name);
  const { honorific, title } = cleaned;
  if (!name?.includes(";")) return { honorific, name, title };
  const people = formatPeople(peopleOf({ honorific, name, title }));
  return {
    honorific: people.honorific || undefined,
    name: people.name || undefined,
    title: people.title || undefined,
  };
}

/** Tags split on `;`, `,` or `|`, trimmed, de-duplicated and joined with `;` (undefined when none). */
function normaliseTags(tags: string): string | undefined {
  if (isTagList(tags)) return tags; // already "a;b": what the general case below would rebuild
  const list = [
    ...new Set(
      tags
        .split(/[;,|]/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
  return list.length > 0 ? list.join(";") : undefined;
}

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
  if (isBlankRow(values)) return { kind: "blank" };
  const row: RowAt = { problems: [], file, line };
  const { problems } = row;
  const cleaned: RowValues = {};
  const warnings = cleanCells(values, cleaned, row);
  if (problems.length > 0) return { kind: "rejected", problems };

  const rawEmail = values.email ?? "";
  const email = rawEmail.trim() !== "" ? checkRowEmail(rawEmail, row) : undefined;
  const country = checkRowCountry(cleaned.country, resolve, row);
  const { honorific, name, title } = rowPeople(cleaned);
  const language = cleaned.language !== undefined ? parseRowLanguage(cleaned.language, row) : undefined;
  const status = cleaned.status !== undefined ? parseRowStatus(cleaned.status, row) : undefined;
  const tags = cleaned.tags !== undefined ? normaliseTags(cleaned.tags) : undefined;
  const url = cleaned.source_url;
  if (url !== undefined) checkSourceUrl(url, row);
  const retrievedAt =
    cleaned.retrieved_at !== undefined ? parseRetrievedAt(cleaned.retrieved_at, row) : undefined;
  const id = cleaned.id;
  if (id !== undefined) checkContactId(id, row);
  if (
    email === undefined &&
    name === undefined &&
    cleaned.organisation === undefined &&
    rawEmail.trim() === ""
  ) {
    reject(row, "email", "no email, name or organisation: nothing identifies this contact");
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
