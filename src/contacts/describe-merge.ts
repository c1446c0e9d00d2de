/**
 * What the import report says about a merge that was more than "fill and update" (pure): a row about
 * an address of another country (rejected), a shared mailbox (several people at one address, one
 * contact), and, for every row combined with an earlier one, which values were kept and which dropped.
 * Only called on those rare rows: a plain import never builds any of this.
 */
import { peopleNames, peopleOf, needsPeopleMerge, type Person } from "./contact-people.js";
import { normaliseKeyText } from "./contact-id.js";
import type { Contact, DirectoryColumn } from "./contact-schema.js";
import type { Problem } from "../core/errors.js";
import type { ContactPatch } from "./contact-patch.js";

/** Where a value came from: a line of the imported file, or a contact already in the directory. */
export interface ValueSource {
  value: string;
  line?: number;
  contact?: string;
}

/** One field of a combined row: the value kept and the values dropped. */
export interface CombinedValue {
  /** The later row, the one combined into the earlier rows or the directory. */
  line: number;
  field: DirectoryColumn;
  /** Whose value it is, when the contact lists several people. */
  person?: string;
  /** Null when the row's value could not be placed (it names nobody, and the mailbox lists several people). */
  kept: ValueSource | null;
  dropped: ValueSource[];
}

export interface SharedMailboxNote {
  line: number;
  email: string;
  contact: string;
  /** Everyone the contact lists after this row. */
  people: string[];
  /** The earlier row of the file with the same address, if any. */
  sameAs?: number;
}

/** Columns compared value by value; tags are united, country and email are what matched the row. */
const COMPARED: readonly DirectoryColumn[] = [
  "organisation",
  "department",
  "honorific",
  "name",
  "title",
  "phone",
  "fax",
  "address",
  "language",
  "status",
  "notes",
  "source",
  "source_url",
];

type Values = Partial<Record<DirectoryColumn, string | undefined>>;

/** The problem for a row whose address or id belongs to a contact of another country. */
export function rejectOtherCountry(
  file: string,
  patch: ContactPatch,
  line: number,
  other: Contact,
  otherLine: number | undefined,
): { rejected: Problem[]; warnings?: Problem[] } {
  const byId = patch.id !== undefined && patch.id === other.id && !sameEmail(patch.email, other.email);
  const what = byId ? `id ${other.id}` : (patch.email ?? other.email);
  const owner =
    otherLine !== undefined
      ? `line ${otherLine} (${other.country})`
      : `contact ${other.id} (${other.country}) in the directory`;
  const rejected: Problem[] = [
    {
      file,
      line,
      field: byId ? "id" : "email",
      message:
        `${what} is ${byId ? "" : "the address of "}${owner}, but this row says ${patch.country}; ` +
        "one address never stands for two countries, so the row was not imported (correct its country or email)",
      severity: "error",
    },
  ];
  if (otherLine === undefined) return { rejected };
  return {
    rejected,
    warnings: [
      {
        file,
        line: otherLine,
        field: "email",
        message: `${what} is also given for ${patch.country} on line ${line} (rejected); check which country is right`,
        severity: "warning",
      },
    ],
  };
}

function sameEmail(a: string | undefined, b: string): boolean {
  return !!a && normaliseKeyText(a) === normaliseKeyText(b);
}

function sourceOf(value: string, from: Omit<ValueSource, "value">): ValueSource {
  return { value, ...from };
}

/** One field: kept is whatever the contact holds now; the other non-empty candidates were dropped. */
function compare(
  field: DirectoryColumn,
  person: string | undefined,
  earlier: string,
  earlierFrom: Omit<ValueSource, "value">,
  later: string,
  line: number,
  kept: string,
  contactId: string,
): CombinedValue | undefined {
  if (earlier === "" || later === "" || earlier === later) return undefined;
  const candidates = [sourceOf(earlier, earlierFrom), sourceOf(later, { line })];
  const keptSource =
    candidates.find((c) => c.value === kept) ?? (kept === "" ? null : sourceOf(kept, { contact: contactId }));
  const dropped = candidates.filter((c) => c.value !== kept);
  // A status is never lowered by an import: an implicit "active" giving way is not news.
  if (field === "status" && dropped.every((d) => d.value === "active")) return undefined;
  return { line, field, ...(person !== undefined ? { person } : {}), kept: keptSource, dropped };
}

/**
 * The values kept and dropped when `patch` (on `line`) was combined with what the earlier rows of the
 * file or the directory said (`earlier`, each value from `from(column)`), giving the contact `after`.
 * With `combinedRow` false (a row merely landing on a shared mailbox) only the values it could not
 * place are reported.
 */
export function describeCombination(
  earlier: Values,
  from: (column: DirectoryColumn) => Omit<ValueSource, "value">,
  patch: ContactPatch,
  line: number,
  after: Contact,
  combinedRow: boolean,
): CombinedValue[] {
  const out: CombinedValue[] = [];
  const people = needsPeopleMerge(earlier, patch);
  if (combinedRow) {
    for (const field of COMPARED) {
      if (people && (field === "honorific" || field === "name" || field === "title")) continue;
      const c = compare(
        field,
        undefined,
        earlier[field] ?? "",
        from(field),
        patch[field] ?? "",
        line,
        after[field],
        after.id,
      );
      if (c) out.push(c);
    }
  }
  if (!people) return out;
  const before = peopleOf(earlier);
  const now = peopleOf(after);
  const find = (list: readonly Person[], name: string) =>
    list.find((p) => p.name !== "" && normaliseKeyText(p.name) === normaliseKeyText(name));
  for (const person of peopleOf(patch)) {
    for (const field of ["honorific", "title"] as const) {
      const value = person[field];
      if (value === "") continue;
      if (person.name === "") {
        if (now.length > 1) out.push({ line, field, kept: null, dropped: [{ value, line }] });
        continue;
      }
      const was = find(before, person.name);
      if (!combinedRow || !was) continue;
      const c = compare(
        field,
        person.name,
        was[field],
        from(field),
        value,
        line,
        find(now, person.name)?.[field] ?? "",
        after.id,
      );
      if (c) out.push(c);
    }
  }
  return out;
}

function describeSource(s: ValueSource): string {
  return s.line !== undefined ? `line ${s.line}` : `directory, contact ${s.contact ?? "?"}`;
}

/** A combined value as a report line: `title: kept "Director" (line 12), dropped "Deputy Director" (line 9)`. */
export function combinedValueProblem(file: string, c: CombinedValue, people: readonly string[]): Problem {
  const dropped = c.dropped.map((d) => `"${d.value}" (${describeSource(d)})`).join(", ");
  const message =
    c.kept === null
      ? `dropped ${dropped}: the mailbox lists several people (${people.join("; ")}) and this row names none of them`
      : `${c.person !== undefined ? `for ${c.person}, ` : ""}kept "${c.kept.value}" (${describeSource(c.kept)}), dropped ${dropped}`;
  return { file, line: c.line, field: c.field, message, severity: "warning" };
}

/**
 * A shared-mailbox note when the contact lists several people after this row and the row added one of
 * them, or is the first (`warned` false) to repeat the address of an earlier row; undefined otherwise.
 */
export function describeSharedMailbox(
  beforeRow: Contact,
  patch: ContactPatch,
  line: number,
  after: Contact,
  sameAs: number | undefined,
  warned: boolean,
): SharedMailboxNote | undefined {
  if (!after.name.includes(";")) return undefined;
  const people = peopleNames(after);
  if (people.length < 2) return undefined;
  if (sameAs === undefined || warned) {
    const known = new Set(peopleNames(beforeRow).map(normaliseKeyText));
    if (peopleNames(patch).every((n) => known.has(normaliseKeyText(n)))) return undefined;
  }
  return { line, email: after.email, contact: after.id, people, ...(sameAs !== undefined ? { sameAs } : {}) };
}

export function sharedMailboxProblem(file: string, note: SharedMailboxNote): Problem {
  const where =
    note.sameAs !== undefined
      ? `same address as line ${note.sameAs}`
      : `contact ${note.contact} in the directory`;
  return {
    file,
    line: note.line,
    field: "email",
    message:
      `${note.email} is a shared mailbox (${where}): one contact, ${note.contact}, lists ${note.people.join("; ")} ` +
      "and gets one message",
    severity: "warning",
  };
}
