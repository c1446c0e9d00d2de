/**
 * Merge imported contact patches into the directory (pure). Matching: by id when the file carries one,
 * else by normalised email, else by country + organisation + name. Rules: an import fills and updates
 * fields but never replaces a non-empty value with an empty one (a patch only holds the fields a row
 * gives); tags are united; a contact whose `source` is `manual` keeps its values against imports (they
 * may only fill its empty fields), while a `manual` row overrides anything. Provenance (`source`,
 * `source_url`, `retrieved_at`) changes only when content changes, so re-importing a file changes nothing.
 * Status only escalates on import (active → bounced → do-not-contact): a spreadsheet or crawl saying
 * "active" must not revive an address that bounced or asked not to be contacted; a `manual` row may.
 */
import { contactIdFor, emailKey, nameKey } from "../contacts/contact-id.js";
import { DIRECTORY_COLUMNS, type Contact, type DirectoryColumn } from "../contacts/contact-schema.js";
import type { ContactPatch } from "./validate-row.js";

export type MergeOutcome = "added" | "updated" | "unchanged";

export interface MergeResult {
  /** The whole directory after the merge: existing contacts (updated in place of a copy) then added ones. */
  contacts: Contact[];
  /** One outcome per incoming patch, in order, with the id of the contact it landed on. */
  outcomes: { outcome: MergeOutcome; id: string }[];
  added: number;
  updated: number;
  unchanged: number;
}

const PROVENANCE = new Set<DirectoryColumn>(["id", "source", "source_url", "retrieved_at"]);
const CONTENT_COLUMNS = DIRECTORY_COLUMNS.filter((c) => !PROVENANCE.has(c));

function isManual(source: string | undefined): boolean {
  return (source ?? "").trim().toLowerCase() === "manual";
}

const STATUS_RANK: Record<Contact["status"], number> = { active: 0, bounced: 1, "do-not-contact": 2 };

function unionTags(a: string, b: string): string {
  const tags = [...a.split(";"), ...b.split(";")].map((t) => t.trim()).filter(Boolean);
  return [...new Set(tags)].join(";");
}

/** Combine two patches for the same contact from one file: later non-empty values win, tags are united. */
export function combinePatches(earlier: ContactPatch, later: ContactPatch): ContactPatch {
  const combined: ContactPatch = { ...earlier };
  for (const [key, value] of Object.entries(later) as [DirectoryColumn, string | undefined][]) {
    if (value === undefined || value === "") continue;
    if (key === "tags") combined.tags = unionTags(earlier.tags ?? "", value);
    else (combined as Record<string, string>)[key] = value;
  }
  return combined;
}

/** Apply a patch to a stored contact; returns the new contact, or undefined when nothing changes. */
export function applyPatch(contact: Contact, patch: ContactPatch): Contact | undefined {
  const protectedByManual = isManual(contact.source) && !isManual(patch.source);
  const next: Contact = { ...contact };
  let changed = false;
  for (const column of CONTENT_COLUMNS) {
    const value = patch[column];
    if (value === undefined || value === "") continue;
    const current = contact[column];
    let wanted: string = value;
    if (column === "tags") wanted = unionTags(current, value);
    else if (current !== "" && protectedByManual) continue;
    else if (column === "status" && !isManual(patch.source) && STATUS_RANK[value as Contact["status"]] < STATUS_RANK[contact.status]) continue;
    if (wanted !== current) {
      (next as Record<string, string>)[column] = wanted;
      changed = true;
    }
  }
  if (!changed) return undefined;
  if (!protectedByManual) {
    for (const column of ["source", "source_url", "retrieved_at"] as const) {
      const value = patch[column];
      if (value !== undefined && value !== "") next[column] = value;
    }
  }
  return next;
}

/** A new contact from a patch: defaults for what the row does not give, a fresh unique id. */
export function contactFromPatch(patch: ContactPatch, takenIds: ReadonlySet<string>): Contact {
  const base: Contact = {
    id: "",
    country: patch.country,
    organisation: "",
    department: "",
    honorific: "",
    name: "",
    title: "",
    email: "",
    phone: "",
    fax: "",
    address: "",
    language: "",
    tags: "",
    source: "",
    source_url: "",
    retrieved_at: "",
    status: "active",
    notes: "",
  };
  const contact: Contact = { ...base };
  for (const column of DIRECTORY_COLUMNS) {
    const value = patch[column];
    if (value !== undefined && value !== "") (contact as Record<string, string>)[column] = value;
  }
  let id = patch.id && !takenIds.has(patch.id) ? patch.id : contactIdFor(contact);
  for (let n = 2; takenIds.has(id); n++) id = `${contactIdFor(contact)}-${n}`;
  contact.id = id;
  return contact;
}

/** Finds the stored contact a patch is about; kept up to date as contacts are added. */
class ContactIndex {
  private readonly byId = new Map<string, number>();
  private readonly byEmail = new Map<string, number>();
  private readonly byName = new Map<string, number[]>();

  constructor(private readonly contacts: readonly Contact[]) {
    contacts.forEach((c, i) => this.add(c, i));
  }

  add(c: Contact, i: number): void {
    this.byId.set(c.id, i);
    if (c.email) {
      const key = emailKey(c.email);
      if (!this.byEmail.has(key)) this.byEmail.set(key, i);
    }
    if (c.organisation || c.name) {
      const key = nameKey(c.country, c.organisation, c.name);
      const list = this.byName.get(key);
      if (list) list.push(i);
      else this.byName.set(key, [i]);
    }
  }

  /** The stored contact this patch is about. Old keys of a changed contact may linger; lookups re-check them. */
  find(patch: ContactPatch, contacts: readonly Contact[] = this.contacts): number | undefined {
    if (patch.id !== undefined) {
      const i = this.byId.get(patch.id);
      if (i !== undefined) return i;
    }
    if (patch.email) {
      const key = emailKey(patch.email);
      const i = this.byEmail.get(key);
      if (i !== undefined && emailKey(contacts[i]?.email ?? "") === key) return i;
    }
    if (patch.organisation || patch.name) {
      const key = nameKey(patch.country, patch.organisation ?? "", patch.name ?? "");
      for (const i of this.byName.get(key) ?? []) {
        const c = contacts[i];
        if (!c || nameKey(c.country, c.organisation, c.name) !== key) continue;
        // Same person or mailbox unless both have different emails (two mailboxes of one ministry).
        if (!patch.email || !c.email) return i;
      }
    }
    return undefined;
  }
}

/** The key that groups patches of one file about the same contact. */
export function patchKey(patch: ContactPatch): string {
  if (patch.id) return `id:${patch.id}`;
  if (patch.email) return `email:${emailKey(patch.email)}`;
  return `name:${nameKey(patch.country, patch.organisation ?? "", patch.name ?? "")}`;
}

/**
 * Merge patches into the existing directory. Patches that land on the same stored contact (say one
 * matched by email and one by name) are combined first, so importing the same file twice reports no
 * change the second time. Counts are of contacts, not rows. Does not modify its inputs.
 */
export function mergeContacts(existing: readonly Contact[], incoming: readonly ContactPatch[]): MergeResult {
  const contacts = [...existing];
  const index = new ContactIndex(contacts);
  const ids = new Set(contacts.map((c) => c.id));
  const targets: (number | undefined)[] = incoming.map((patch) => index.find(patch));
  const combined = new Map<number, ContactPatch>();
  incoming.forEach((patch, n) => {
    const t = targets[n];
    if (t === undefined) return;
    const earlier = combined.get(t);
    combined.set(t, earlier ? combinePatches(earlier, patch) : patch);
  });
  const outcomeOf = new Map<number, MergeOutcome>();
  let updated = 0;
  let unchanged = 0;
  for (const [t, patch] of combined) {
    const current = contacts[t];
    if (!current) continue;
    const next = applyPatch(current, patch);
    if (next === undefined) {
      outcomeOf.set(t, "unchanged");
      unchanged += 1;
    } else {
      contacts[t] = next;
      outcomeOf.set(t, "updated");
      updated += 1;
    }
  }
  // Patches about contacts not in the directory: added, or merged into one added by an earlier patch.
  const outcomes: MergeResult["outcomes"] = [];
  const addedIndex = new ContactIndex([]);
  const added: Contact[] = [];
  incoming.forEach((patch, n) => {
    const t = targets[n];
    if (t !== undefined) {
      outcomes.push({ outcome: outcomeOf.get(t) ?? "unchanged", id: contacts[t]?.id ?? "" });
      return;
    }
    const a = addedIndex.find(patch, added);
    if (a === undefined) {
      const contact = contactFromPatch(patch, ids);
      ids.add(contact.id);
      added.push(contact);
      addedIndex.add(contact, added.length - 1);
      outcomes.push({ outcome: "added", id: contact.id });
      return;
    }
    const current = added[a];
    if (!current) return;
    const next = applyPatch(current, patch);
    if (next) {
      added[a] = next;
      addedIndex.add(next, a);
    }
    outcomes.push({ outcome: "added", id: current.id });
  });
  return { contacts: [...contacts, ...added], outcomes, added: added.length, updated, unchanged };
}
