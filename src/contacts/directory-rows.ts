/**
 * The directory as rows: validation of the records read from `directory.csv` (pure) and the stable
 * order it is written in. The `.fs.ts` store does the reading and writing around these.
 */
import type { Problem } from "../core/errors.js";
import { CONTACT_STATUSES, contactSchema, DIRECTORY_COLUMNS, LANGUAGES, type Contact, type DirectoryColumn } from "./contact-schema.js";

export interface DirectoryParseResult {
  contacts: Contact[];
  problems: Problem[];
}

/** Check the header of `directory.csv`: needs `id` and `country`; unknown columns would be lost on the next write. */
export function checkDirectoryHeader(header: readonly string[], file: string): Problem[] {
  const problems: Problem[] = [];
  const known = new Set<string>(DIRECTORY_COLUMNS);
  for (const column of header) {
    if (!known.has(column)) {
      problems.push({ file, line: 1, field: column, message: `unknown column; expected only ${DIRECTORY_COLUMNS.join(", ")}` });
    }
  }
  for (const required of ["id", "country"]) {
    if (!header.includes(required)) problems.push({ file, line: 1, field: required, message: "column is missing" });
  }
  return problems;
}

const STATUSES: ReadonlySet<string> = new Set(CONTACT_STATUSES);
const LANGUAGE_CODES: ReadonlySet<string> = new Set(LANGUAGES);
const COUNTRY_CODE = /^[A-Z]{2}$/;

/**
 * Validate one stored row (cells in file order, `columnOf` maps column name → position). The common
 * case, a well-formed row, is checked by hand because it is the hot path of re-importing a large
 * directory; anything that fails goes through the zod schema, which stays the one definition of a valid
 * row and produces the messages.
 */
export function parseDirectoryFields(
  record: readonly string[],
  columnOf: ReadonlyMap<string, number>,
  file: string,
  line: number,
): { contact: Contact; problems: Problem[] } | { contact: undefined; problems: Problem[] } {
  const cell = (column: DirectoryColumn): string => {
    const i = columnOf.get(column);
    return i === undefined ? "" : (record[i] ?? "");
  };
  const contact = {} as Record<DirectoryColumn, string>;
  for (const column of DIRECTORY_COLUMNS) contact[column] = cell(column);
  if (contact.status === "") contact.status = "active";
  if (contact.id !== "" && COUNTRY_CODE.test(contact.country) && STATUSES.has(contact.status) && (contact.language === "" || LANGUAGE_CODES.has(contact.language))) {
    return { contact: contact as Contact, problems: [] };
  }
  const byColumn: Record<string, string> = {};
  for (const column of DIRECTORY_COLUMNS) byColumn[column] = cell(column);
  return parseDirectoryRecord(byColumn, file, line);
}

/** Validate one stored record (column name → text) against the contact schema. */
export function parseDirectoryRecord(
  record: Record<string, string>,
  file: string,
  line: number,
): { contact: Contact; problems: Problem[] } | { contact: undefined; problems: Problem[] } {
  const row: Record<string, string> = {};
  for (const column of DIRECTORY_COLUMNS) {
    const value = record[column];
    if (value !== undefined && value !== "") row[column] = value;
  }
  const parsed = contactSchema.safeParse(row);
  if (parsed.success) return { contact: parsed.data, problems: [] };
  return {
    contact: undefined,
    problems: parsed.error.issues.map((issue) => ({
      file,
      line,
      field: issue.path.map(String).join(".") || undefined,
      message: issue.message,
      severity: "error" as const,
    })),
  };
}

/** Duplicate ids are a hand-editing mistake that would make campaigns ambiguous. */
export function findDuplicateIds(contacts: readonly Contact[], lines: readonly number[], file: string): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  contacts.forEach((c, i) => {
    const line = lines[i] ?? 0;
    const first = seen.get(c.id);
    if (first === undefined) seen.set(c.id, line);
    else problems.push({ file, line, field: "id", message: `duplicate id "${c.id}" (first on line ${first})` });
  });
  return problems;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The stored order: country, organisation, name, then id. Plain code-unit comparison (case-folded
 * first) so the order is the same on every machine and locale, and diffs stay small.
 */
export function compareContacts(a: Contact, b: Contact): number {
  return (
    compareText(a.country, b.country) ||
    compareText(a.organisation.toLowerCase(), b.organisation.toLowerCase()) ||
    compareText(a.organisation, b.organisation) ||
    compareText(a.name.toLowerCase(), b.name.toLowerCase()) ||
    compareText(a.name, b.name) ||
    compareText(a.id, b.id)
  );
}

/** Sorted copy in the stored order. Sort keys are computed once per contact, not per comparison. */
export function sortContacts(contacts: readonly Contact[]): Contact[] {
  const keyed = contacts.map((c) => ({ c, org: c.organisation.toLowerCase(), name: c.name.toLowerCase() }));
  keyed.sort(
    (a, b) =>
      compareText(a.c.country, b.c.country) ||
      compareText(a.org, b.org) ||
      compareText(a.c.organisation, b.c.organisation) ||
      compareText(a.name, b.name) ||
      compareText(a.c.name, b.c.name) ||
      compareText(a.c.id, b.c.id),
  );
  return keyed.map((k) => k.c);
}

/** A contact as a CSV row in `DIRECTORY_COLUMNS` order. */
export function contactToRow(contact: Contact): string[] {
  return DIRECTORY_COLUMNS.map((column) => contact[column]);
}
