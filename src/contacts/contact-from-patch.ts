/** A new directory contact built from an import patch (pure): defaults, shared strings, a unique id. */
import { contactIdFor } from "./contact-id.js";
import { DIRECTORY_COLUMNS, type Contact, type DirectoryColumn } from "./contact-schema.js";
import type { CellInterner } from "./directory-rows.js";
import type { ContactPatch } from "./contact-patch.js";

/** Position of each column in DIRECTORY_COLUMNS: how the interner numbers columns. */
const COLUMN_NUMBER = Object.fromEntries(DIRECTORY_COLUMNS.map((column, i) => [column, i])) as Record<
  DirectoryColumn,
  number
>;

/** The interner's shared copy of a column's value (or the value itself without one); "" for undefined. */
function shared(
  interner: CellInterner | undefined,
  column: DirectoryColumn,
  value: string | undefined,
): string {
  return interner && value ? interner.intern(COLUMN_NUMBER[column], value) : (value ?? "");
}

/**
 * A new contact from a patch: defaults for what the row does not give, a fresh unique id. With an
 * interner, repeated values (country, ministry, source, import time...) share one string across contacts.
 */
export function contactFromPatch(
  patch: ContactPatch,
  takenIds: { has(id: string): boolean },
  interner?: CellInterner,
): Contact {
  // One object literal, not a loop of keyed stores: this runs for every row of a first import.
  const contact: Contact = {
    id: "",
    country: shared(interner, "country", patch.country),
    organisation: shared(interner, "organisation", patch.organisation),
    department: shared(interner, "department", patch.department),
    honorific: shared(interner, "honorific", patch.honorific),
    name: patch.name ?? "",
    title: shared(interner, "title", patch.title),
    email: patch.email ?? "",
    phone: patch.phone ?? "",
    fax: patch.fax ?? "",
    address: patch.address ?? "",
    language: patch.language ?? "",
    tags: shared(interner, "tags", patch.tags),
    source: shared(interner, "source", patch.source),
    source_url: shared(interner, "source_url", patch.source_url),
    retrieved_at: shared(interner, "retrieved_at", patch.retrieved_at),
    status: patch.status || "active",
    notes: patch.notes ?? "",
  };
  let id = patch.id && !takenIds.has(patch.id) ? patch.id : contactIdFor(contact);
  for (let n = 2; takenIds.has(id); n++) id = `${contactIdFor(contact)}-${n}`;
  contact.id = id;
  return contact;
}
