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

export interface MergeResult {
  /** The whole directory after the merge: existing contacts (updated ones replaced) then added ones. */
  contacts: Contact[];
  addedIds: string[];
  updatedIds: string[];
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
    else if (
      column === "status" &&
      !isManual(patch.source) &&
      STATUS_RANK[value as Contact["status"]] < STATUS_RANK[contact.status]
    )
      continue;
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
export function contactFromPatch(patch: ContactPatch, takenIds: { has(id: string): boolean }): Contact {
  // One object literal, not a loop of keyed stores: this runs for every row of a first import.
  const contact: Contact = {
    id: "",
    country: patch.country,
    organisation: patch.organisation ?? "",
    department: patch.department ?? "",
    honorific: patch.honorific ?? "",
    name: patch.name ?? "",
    title: patch.title ?? "",
    email: patch.email ?? "",
    phone: patch.phone ?? "",
    fax: patch.fax ?? "",
    address: patch.address ?? "",
    language: patch.language ?? "",
    tags: patch.tags ?? "",
    source: patch.source ?? "",
    source_url: patch.source_url ?? "",
    retrieved_at: patch.retrieved_at ?? "",
    status: patch.status || "active",
    notes: patch.notes ?? "",
  };
  let id = patch.id && !takenIds.has(patch.id) ? patch.id : contactIdFor(contact);
  for (let n = 2; takenIds.has(id); n++) id = `${contactIdFor(contact)}-${n}`;
  contact.id = id;
  return contact;
}

/** Matching keys of a contact or patch, computed once. */
interface Keys {
  id: string | undefined;
  email: string | undefined;
  name: string | undefined;
}

function keysOf(c: {
  id?: string | undefined;
  email?: string | undefined;
  country: string;
  organisation?: string | undefined;
  name?: string | undefined;
}): Keys {
  return {
    id: c.id || undefined,
    email: c.email ? emailKey(c.email) : undefined,
    name: c.organisation || c.name ? nameKey(c.country, c.organisation ?? "", c.name ?? "") : undefined,
  };
}

/** Finds the contact a patch is about, by id, then email, then country + organisation + name. */
class ContactIndex {
  private readonly byId = new Map<string, number>();
  private readonly byEmail = new Map<string, number>();
  /** One index, or several when a ministry has several unnamed mailboxes (rare: no array per contact). */
  private readonly byName = new Map<string, number | number[]>();
  /** Whether each indexed contact has an email (for the name-key rule). */
  private readonly hasEmail: boolean[] = [];

  add(keys: Keys, i: number): void {
    if (keys.id !== undefined) this.byId.set(keys.id, i);
    if (keys.email !== undefined && !this.byEmail.has(keys.email)) this.byEmail.set(keys.email, i);
    if (keys.name !== undefined) {
      const found = this.byName.get(keys.name);
      if (found === undefined) this.byName.set(keys.name, i);
      else if (typeof found === "number") this.byName.set(keys.name, [found, i]);
      else found.push(i);
    }
    this.hasEmail[i] = keys.email !== undefined;
  }

  hasId(id: string): boolean {
    return this.byId.has(id);
  }

  find(keys: Keys): number | undefined {
    if (keys.id !== undefined) {
      const i = this.byId.get(keys.id);
      if (i !== undefined) return i;
    }
    if (keys.email !== undefined) {
      const i = this.byEmail.get(keys.email);
      if (i !== undefined) return i;
    }
    if (keys.name !== undefined) {
      // Same person or mailbox unless both have (different) emails: two mailboxes of one ministry.
      const found = this.byName.get(keys.name);
      const candidates = found === undefined ? [] : typeof found === "number" ? [found] : found;
      for (const i of candidates) if (keys.email === undefined || !this.hasEmail[i]) return i;
    }
    return undefined;
  }
}

function sameContent(a: Contact, b: Contact): boolean {
  for (const column of DIRECTORY_COLUMNS) if (a[column] !== b[column]) return false;
  return true;
}

/**
 * Merges patches one at a time, as rows are parsed, so a large import never holds every row at once:
 * a patch that changes nothing is dropped immediately. Patches landing on the same stored contact are
 * combined (applied together to the contact as it was before this import), so importing the same file
 * twice reports no change the second time; the outcome of a stored contact (updated or unchanged) is
 * decided at the end by comparing it with what it was.
 */
export class DirectoryMerger {
  private readonly contacts: Contact[];
  private readonly index = new ContactIndex();
  /** Per stored contact: 0 = not named by this import, else the first line (or 1-based order) naming it. */
  private readonly firstHit: Int32Array;
  /** Stored contacts changed by this import: what they were, and every patch for them combined. */
  private readonly touched = new Map<number, { original: Contact; combined: ContactPatch }>();
  private readonly addedIndex = new ContactIndex();
  private readonly added: Contact[] = [];
  private readonly addedFirstLine: number[] = [];
  private readonly takenIds = { has: (id: string) => this.index.hasId(id) || this.addedIndex.hasId(id) };
  private count = 0;

  constructor(existing: readonly Contact[]) {
    this.contacts = [...existing];
    this.contacts.forEach((c, i) => this.index.add(keysOf(c), i));
    this.firstHit = new Int32Array(existing.length);
  }

  /** Merge one patch; returns the line of the earlier patch about the same contact, if any (a duplicate). */
  add(patch: ContactPatch, line = 0): number | undefined {
    this.count += 1;
    const at = line || this.count;
    const keys = keysOf(patch);
    const t = this.index.find(keys);
    if (t !== undefined) {
      const earlier = this.firstHit[t] ?? 0;
      if (earlier === 0) this.firstHit[t] = at;
      const state = this.touched.get(t);
      const current = this.contacts[t];
      if (!current) return undefined;
      if (state === undefined) {
        const next = applyPatch(current, patch);
        if (next) {
          this.touched.set(t, { original: current, combined: patch });
          this.contacts[t] = next;
        }
      } else {
        state.combined = combinePatches(state.combined, patch);
        this.contacts[t] = applyPatch(state.original, state.combined) ?? state.original;
      }
      return earlier === 0 ? undefined : earlier;
    }
    const a = this.addedIndex.find(keys);
    if (a === undefined) {
      const contact = contactFromPatch(patch, this.takenIds);
      this.added.push(contact);
      this.addedFirstLine.push(at);
      keys.id = contact.id;
      this.addedIndex.add(keys, this.added.length - 1);
      return undefined;
    }
    const current = this.added[a];
    const next = current && applyPatch(current, patch);
    if (next) {
      this.added[a] = next;
      this.addedIndex.add(keysOf(next), a);
    }
    return this.addedFirstLine[a];
  }

  finish(): MergeResult {
    const updatedIds: string[] = [];
    for (const [t, state] of this.touched) {
      const current = this.contacts[t];
      if (current && !sameContent(current, state.original)) updatedIds.push(current.id);
    }
    let hit = 0;
    for (const first of this.firstHit) if (first !== 0) hit += 1;
    return {
      contacts: this.added.length === 0 ? this.contacts : this.contacts.concat(this.added),
      addedIds: this.added.map((c) => c.id),
      updatedIds,
      added: this.added.length,
      updated: updatedIds.length,
      unchanged: hit - updatedIds.length,
    };
  }
}

/** Merge patches into the existing directory (see DirectoryMerger). Does not modify its inputs. */
export function mergeContacts(existing: readonly Contact[], incoming: readonly ContactPatch[]): MergeResult {
  const merger = new DirectoryMerger(existing);
  for (const patch of incoming) merger.add(patch);
  return merger.finish();
}
