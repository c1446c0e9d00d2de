/**
 * Applying one import patch to a contact, and combining two patches for the same contact (pure). An
 * import fills and updates fields but never replaces a non-empty value with an empty one; tags are
 * united; a `manual` contact keeps its values against imports; status only escalates unless the patch is
 * `manual`; another person at the same address is added, never swapped in.
 */
import { formatPeople, mergePeople, needsPeopleMerge, peopleOf } from "./contact-people.js";
import { DIRECTORY_COLUMNS, type Contact, type DirectoryColumn } from "./contact-schema.js";
import { isTagList, type ContactPatch } from "./contact-patch.js";

const PROVENANCE = new Set<DirectoryColumn>(["id", "source", "source_url", "retrieved_at"]);
/** The columns an import may change (exported for the test that keeps repeatsContact in step). */
export const CONTENT_COLUMNS = DIRECTORY_COLUMNS.filter((c) => !PROVENANCE.has(c));

/** Whether a `source` value marks a hand-entered contact or row. */
function isManual(source: string | undefined): boolean {
  return (source ?? "").trim().toLowerCase() === "manual";
}

/** Severity of each status: an import may only move a contact up this scale. */
const STATUS_RANK: Record<Contact["status"], number> = { active: 0, bounced: 1, "do-not-contact": 2 };

/** The union of two `;`-separated tag lists, first-seen order, without duplicates. */
function unionTags(a: string, b: string): string {
  // Re-importing a file gives every contact its own tags again: answer that without building a Set.
  if (a === b && isTagList(a)) return a;
  const tags = [...a.split(";"), ...b.split(";")].map((t) => t.trim()).filter(Boolean);
  return [...new Set(tags)].join(";");
}

/** The columns that describe the person at an address. */
const PERSON_COLUMNS = ["honorific", "name", "title"] as const;

/** Whether `column` is one of PERSON_COLUMNS. */
function isPersonColumn(column: DirectoryColumn): boolean {
  return column === "honorific" || column === "name" || column === "title";
}

/**
 * Combine two patches for the same contact from one file: later non-empty values win, tags are united,
 * the stricter status wins (a file saying both "do-not-contact" and "active" means do not contact,
 * unless the later row is `manual`), and a different person is added, not swapped in.
 */
export function combinePatches(earlier: ContactPatch, later: ContactPatch): ContactPatch {
  const combined: ContactPatch = { ...earlier };
  const people = needsPeopleMerge(earlier, later);
  for (const [key, value] of Object.entries(later) as [DirectoryColumn, string | undefined][]) {
    if (value === undefined || value === "") continue;
    if (people && isPersonColumn(key)) continue;
    if (key === "tags") combined.tags = unionTags(earlier.tags ?? "", value);
    else if (
      key === "status" &&
      earlier.status &&
      !isManual(later.source) &&
      STATUS_RANK[value as Contact["status"]] < STATUS_RANK[earlier.status]
    )
      continue;
    else (combined as Record<string, string>)[key] = value;
  }
  if (people)
    Object.assign(combined, formatPeople(mergePeople(peopleOf(earlier), peopleOf(later), false).people));
  return combined;
}

/** Empty in the patch (says nothing) or the same as the contact's value. */
function same(value: string | undefined, current: string): boolean {
  return value === undefined || value === "" || value === current;
}

/**
 * True when the patch only repeats what the contact already says, so applying it changes nothing: the
 * common case of re-importing a file. Spelled out per column (checked against CONTENT_COLUMNS by the
 * merge tests) because this runs once per row.
 */
function repeatsContact(contact: Contact, patch: ContactPatch): boolean {
  return (
    same(patch.country, contact.country) &&
    same(patch.organisation, contact.organisation) &&
    same(patch.department, contact.department) &&
    same(patch.honorific, contact.honorific) &&
    same(patch.name, contact.name) &&
    same(patch.title, contact.title) &&
    same(patch.email, contact.email) &&
    same(patch.phone, contact.phone) &&
    same(patch.fax, contact.fax) &&
    same(patch.address, contact.address) &&
    same(patch.language, contact.language) &&
    same(patch.status, contact.status) &&
    same(patch.notes, contact.notes) &&
    (same(patch.tags, "") || (patch.tags === contact.tags && isTagList(contact.tags)))
  );
}

/** Apply a patch to a stored contact; returns the new contact, or undefined when nothing changes. */
export function applyPatch(contact: Contact, patch: ContactPatch): Contact | undefined {
  if (repeatsContact(contact, patch)) return undefined;
  const patchIsManual = isManual(patch.source);
  const protectedByManual = !patchIsManual && isManual(contact.source);
  // Copied on the first change only: most patches of a re-import change nothing.
  let next: Contact | undefined;
  // Another person at this address joins the contact (a shared mailbox); nobody is replaced or dropped.
  const people = needsPeopleMerge(contact, patch);
  if (people) {
    const merged = formatPeople(mergePeople(peopleOf(contact), peopleOf(patch), protectedByManual).people);
    for (const column of PERSON_COLUMNS) {
      if (merged[column] !== contact[column]) {
        next ??= { ...contact };
        next[column] = merged[column];
      }
    }
  }
  for (const column of CONTENT_COLUMNS) {
    if (people && isPersonColumn(column)) continue;
    const value = patch[column];
    if (value === undefined || value === "") continue;
    const current = contact[column];
    let wanted: string = value;
    if (column === "tags") wanted = unionTags(current, value);
    else if (current !== "" && protectedByManual) continue;
    else if (
      column === "status" &&
      !patchIsManual &&
      STATUS_RANK[value as Contact["status"]] < STATUS_RANK[contact.status]
    )
      continue;
    if (wanted !== current) {
      next ??= { ...contact };
      (next as Record<string, string>)[column] = wanted;
    }
  }
  if (next === undefined) return undefined;
  if (!protectedByManual) {
    for (const column of ["source", "source_url", "retrieved_at"] as const) {
      const value = patch[column];
      if (value !== undefined && value !== "") next[column] = value;
    }
  }
  return next;
}
