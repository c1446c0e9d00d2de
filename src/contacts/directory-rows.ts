/**
 * The directory as rows: validation of the records read from `directory.csv` (pure) and the stable
 * order it is written in. The `.fs.ts` store does the reading and writing around these.
 */
import type { Problem } from "../core/errors.js";
import { problemsFromZod } from "../core/zod-problems.js";
import {
  CONTACT_STATUSES,
  contactSchema,
  DIRECTORY_COLUMNS,
  LANGUAGES,
  type Contact,
  type DirectoryColumn,
} from "./contact-schema.js";

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
      problems.push({
        file,
        line: 1,
        field: column,
        message: `unknown column; expected only ${DIRECTORY_COLUMNS.join(", ")}`,
      });
    }
  }
  for (const required of ["id", "country"]) {
    if (!header.includes(required))
      problems.push({ file, line: 1, field: required, message: "column is missing" });
  }
  return problems;
}

const STATUSES: ReadonlySet<string> = new Set(CONTACT_STATUSES);
const LANGUAGE_CODES: ReadonlySet<string> = new Set(LANGUAGES);
const COUNTRY_CODE = /^[A-Z]{2}$/;

/** Position of each of DIRECTORY_COLUMNS in a file's header (-1 when the file lacks the column). */
export function directoryColumnPositions(columnOf: ReadonlyMap<string, number>): Int32Array {
  return Int32Array.from(DIRECTORY_COLUMNS, (column) => columnOf.get(column) ?? -1);
}

/** Columns whose values repeat across a directory (a few countries, ministries, sources, one import time). */
const REPEATING_COLUMNS: ReadonlySet<DirectoryColumn> = new Set([
  "country",
  "organisation",
  "department",
  "honorific",
  "title",
  "language",
  "tags",
  "source",
  "source_url",
  "retrieved_at",
  "status",
]);

/** Distinct values remembered per column; past this a column is taken to be mostly unique and left alone. */
const INTERN_LIMIT = 4096;

/** V8 keeps a substring of this many characters or more as a view into the whole text it was cut from. */
const SLICE_MIN_LENGTH = 13;

/**
 * `value` as a string of its own, not a view into the file's text: one cell kept as a slice keeps the
 * whole file's text alive (15 MB for 100,000 contacts, held through the whole send). JSON's round trip
 * was the fastest whole copy measured (about 0.4 µs a cell; concatenation and `slice` give views again).
 */
function detached(value: string): string {
  return value.length < SLICE_MIN_LENGTH ? value : (JSON.parse(JSON.stringify(value)) as string);
}

/**
 * Shares one string per distinct value of the repeating columns across all rows read, and detaches every
 * cell it is given from the text it was read from. A 100,000-row directory names the same country,
 * ministry, source and import time thousands of times; each cell read is otherwise its own string, kept
 * alive for the whole run, and most of what the garbage collector copies.
 */
export class CellInterner {
  private readonly seen: (Map<string, string> | undefined)[] = DIRECTORY_COLUMNS.map((c) =>
    REPEATING_COLUMNS.has(c) ? new Map<string, string>() : undefined,
  );

  /** The shared copy of `value` for column number `column` (index into DIRECTORY_COLUMNS). */
  intern(column: number, value: string): string {
    if (value === "") return value;
    const seen = this.seen[column];
    if (seen === undefined) return detached(value);
    const known = seen.get(value);
    if (known !== undefined) return known;
    const copy = detached(value);
    if (seen.size < INTERN_LIMIT) seen.set(copy, copy);
    return copy;
  }
}

/**
 * Validate one stored row: `record` holds the cells in file order, `at` the position of each of
 * DIRECTORY_COLUMNS in it (directoryColumnPositions, worked out once per file), and `interner` optionally
 * shares the strings of the repeating columns. The common case, a well-formed row, is checked by hand
 * because it is the hot path of re-importing a large directory; anything that fails goes through the zod
 * schema, which stays the one definition of a valid row and produces the messages. One object literal
 * with every column (number c is DIRECTORY_COLUMNS[c]; a round-trip test checks every column): all
 * contacts share one shape, which keeps the merge and the sort monomorphic.
 */
export function parseDirectoryCells(
  record: readonly string[],
  at: Int32Array,
  file: string,
  line: number,
  interner?: CellInterner,
): { contact: Contact; problems: Problem[] } | { contact: undefined; problems: Problem[] } {
  const contact: Contact = {
    id: cellAt(record, at, 0, interner),
    country: cellAt(record, at, 1, interner),
    organisation: cellAt(record, at, 2, interner),
    department: cellAt(record, at, 3, interner),
    honorific: cellAt(record, at, 4, interner),
    name: cellAt(record, at, 5, interner),
    title: cellAt(record, at, 6, interner),
    email: cellAt(record, at, 7, interner),
    phone: cellAt(record, at, 8, interner),
    fax: cellAt(record, at, 9, interner),
    address: cellAt(record, at, 10, interner),
    language: cellAt(record, at, 11, interner) as Contact["language"],
    tags: cellAt(record, at, 12, interner),
    source: cellAt(record, at, 13, interner),
    source_url: cellAt(record, at, 14, interner),
    retrieved_at: cellAt(record, at, 15, interner),
    status: (cellAt(record, at, 16, interner) || "active") as Contact["status"],
    notes: cellAt(record, at, 17, interner),
  };
  if (
    contact.id !== "" &&
    COUNTRY_CODE.test(contact.country) &&
    STATUSES.has(contact.status) &&
    (contact.language === "" || LANGUAGE_CODES.has(contact.language))
  ) {
    return { contact, problems: [] };
  }
  const byColumn: Record<string, string> = {};
  DIRECTORY_COLUMNS.forEach((column, c) => (byColumn[column] = cellAt(record, at, c, undefined)));
  return parseDirectoryRecord(byColumn, file, line);
}

/** The cell of column number `c` (index into DIRECTORY_COLUMNS), "" when the file lacks the column. */
function cellAt(
  record: readonly string[],
  at: Int32Array,
  c: number,
  interner: CellInterner | undefined,
): string {
  const i = at[c] ?? -1;
  const value = i < 0 ? "" : (record[i] ?? "");
  return interner ? interner.intern(c, value) : value;
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
    problems: problemsFromZod(parsed.error.issues, file, { line, severity: "error" }),
  };
}

/** Duplicate ids are a hand-editing mistake that would make campaigns ambiguous. */
export function findDuplicateIds(
  contacts: readonly Contact[],
  lines: readonly number[],
  file: string,
): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  for (let i = 0; i < contacts.length; i++) {
    const id = (contacts[i] as Contact).id;
    const line = lines[i] ?? 0;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, line);
    else problems.push({ file, line, field: "id", message: `duplicate id "${id}" (first on line ${first})` });
  }
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
  // Organisations repeat (one ministry, many contacts): one lower-cased string per distinct name, so
  // most organisation comparisons are between identical strings and end at once.
  const lowerOrg = new Map<string, string>();
  const keyed = contacts.map((c) => {
    let org = lowerOrg.get(c.organisation);
    if (org === undefined) {
      org = c.organisation.toLowerCase();
      lowerOrg.set(c.organisation, org);
    }
    return { c, org, name: c.name.toLowerCase() };
  });
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
export function contactToRow(c: Contact): string[] {
  // Spelled out (checked against DIRECTORY_COLUMNS by a test): a loop over the column names would make
  // 18 lookups by computed name per row of the file.
  return [
    c.id,
    c.country,
    c.organisation,
    c.department,
    c.honorific,
    c.name,
    c.title,
    c.email,
    c.phone,
    c.fax,
    c.address,
    c.language,
    c.tags,
    c.source,
    c.source_url,
    c.retrieved_at,
    c.status,
    c.notes,
  ];
}
