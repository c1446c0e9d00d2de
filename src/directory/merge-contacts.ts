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
import { CellInterner } from "../contacts/directory-rows.js";
import { isTagList, type ContactPatch } from "./validate-row.js";

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
/** The columns an import may change (exported for the test that keeps repeatsContact in step). */
export const CONTENT_COLUMNS = DIRECTORY_COLUMNS.filter((c) => !PROVENANCE.has(c));

function isManual(source: string | undefined): boolean {
  return (source ?? "").trim().toLowerCase() === "manual";
}

const STATUS_RANK: Record<Contact["status"], number> = { active: 0, bounced: 1, "do-not-contact": 2 };

function unionTags(a: string, b: string): string {
  // Re-importing a file gives every contact its own tags again: answer that without building a Set.
  if (a === b && isTagList(a)) return a;
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
  for (const column of CONTENT_COLUMNS) {
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

function shared(interner: CellInterner | undefined, column: number, value: string | undefined): string {
  return interner && value ? interner.intern(column, value) : (value ?? "");
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
    country: shared(interner, 1, patch.country),
    organisation: shared(interner, 2, patch.organisation),
    department: shared(interner, 3, patch.department),
    honorific: shared(interner, 4, patch.honorific),
    name: patch.name ?? "",
    title: shared(interner, 6, patch.title),
    email: patch.email ?? "",
    phone: patch.phone ?? "",
    fax: patch.fax ?? "",
    address: patch.address ?? "",
    language: patch.language ?? "",
    tags: shared(interner, 12, patch.tags),
    source: shared(interner, 13, patch.source),
    source_url: shared(interner, 14, patch.source_url),
    retrieved_at: shared(interner, 15, patch.retrieved_at),
    status: patch.status || "active",
    notes: patch.notes ?? "",
  };
  let id = patch.id && !takenIds.has(patch.id) ? patch.id : contactIdFor(contact);
  for (let n = 2; takenIds.has(id); n++) id = `${contactIdFor(contact)}-${n}`;
  contact.id = id;
  return contact;
}

/** What the index reads of a contact or patch. */
interface Keyed {
  id?: string | undefined;
  email?: string | undefined;
  country: string;
  organisation?: string | undefined;
  name?: string | undefined;
}

/** The de-duplication email key of a contact or patch, or undefined without an email. */
function emailKeyOf(c: Keyed): string | undefined {
  return c.email ? emailKey(c.email) : undefined;
}

/** The country + organisation + name key, or undefined when the contact has neither organisation nor name. */
function nameKeyOf(c: Keyed): string | undefined {
  return c.organisation || c.name ? nameKey(c.country, c.organisation ?? "", c.name ?? "") : undefined;
}

/**
 * Finds the contact a patch is about, by id, then email, then country + organisation + name.
 * Emails are indexed as contacts are added. Ids and name keys are indexed on first use, in the order the
 * contacts were added (so the result is the same as indexing them at once): building a name key costs a
 * normalisation and a concatenation per contact, and it is only looked up for rows no email matches
 * (never when every indexed contact has an email and so does the row), ids only for rows that carry one
 * and when new ids are taken.
 */
class ContactIndex {
  private readonly byId = new Map<string, number>();
  private readonly byEmail = new Map<string, number>();
  /** One index, or several when a ministry has several unnamed mailboxes (rare: no array per contact). */
  private readonly byName = new Map<string, number | number[]>();
  /** Whether each indexed contact has an email (for the name-key rule). */
  private readonly hasEmail: boolean[] = [];
  /** How many indexed contacts have no email: while 0, a row with an email can only match by email. */
  private withoutEmail = 0;
  /** Everything added, in order, with its position; `namesDone` / `idsDone` say how far each is indexed. */
  private readonly added: Keyed[] = [];
  private readonly addedAt: number[] = [];
  private namesDone = 0;
  private idsDone = 0;

  /** Index `c` as contact number `i`; `email` is its email key (emailKeyOf). */
  add(c: Keyed, email: string | undefined, i: number): void {
    if (email !== undefined && !this.byEmail.has(email)) this.byEmail.set(email, i);
    const had = this.hasEmail[i];
    const has = email !== undefined;
    if (had === undefined) {
      if (!has) this.withoutEmail += 1;
    } else if (had !== has) {
      this.withoutEmail += has ? -1 : 1;
    }
    this.hasEmail[i] = has;
    this.added.push(c);
    this.addedAt.push(i);
  }

  hasId(id: string): boolean {
    this.indexIds();
    return this.byId.has(id);
  }

  /** The contact `c` is about; `email` is its email key (emailKeyOf). */
  find(c: Keyed, email: string | undefined): number | undefined {
    if (c.id) {
      this.indexIds();
      const i = this.byId.get(c.id);
      if (i !== undefined) return i;
    }
    if (email !== undefined) {
      const i = this.byEmail.get(email);
      if (i !== undefined) return i;
      if (this.withoutEmail === 0) return undefined;
    }
    const key = nameKeyOf(c);
    if (key !== undefined) {
      this.indexNames();
      // Same person or mailbox unless both have (different) emails: two mailboxes of one ministry.
      const found = this.byName.get(key);
      if (found === undefined) return undefined;
      if (typeof found === "number") return email === undefined || !this.hasEmail[found] ? found : undefined;
      for (const i of found) if (email === undefined || !this.hasEmail[i]) return i;
    }
    return undefined;
  }

  private indexIds(): void {
    for (; this.idsDone < this.added.length; this.idsDone++) {
      const id = this.added[this.idsDone]?.id;
      if (id) this.byId.set(id, this.addedAt[this.idsDone] ?? 0);
    }
  }

  private indexNames(): void {
    for (; this.namesDone < this.added.length; this.namesDone++) {
      const c = this.added[this.namesDone];
      const key = c && nameKeyOf(c);
      if (key === undefined) continue;
      const i = this.addedAt[this.namesDone] ?? 0;
      const found = this.byName.get(key);
      if (found === undefined) this.byName.set(key, i);
      else if (typeof found === "number") this.byName.set(key, [found, i]);
      else found.push(i);
    }
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
  private readonly interner = new CellInterner();
  private count = 0;

  constructor(existing: readonly Contact[]) {
    this.contacts = [...existing];
    existing.forEach((c, i) => this.index.add(c, emailKeyOf(c), i));
    this.firstHit = new Int32Array(existing.length);
  }

  /** Merge one patch; returns the line of the earlier patch about the same contact, if any (a duplicate). */
  add(patch: ContactPatch, line = 0): number | undefined {
    this.count += 1;
    const at = line || this.count;
    const email = emailKeyOf(patch);
    const t = this.index.find(patch, email);
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
    const a = this.addedIndex.find(patch, email);
    if (a === undefined) {
      const contact = contactFromPatch(patch, this.takenIds, this.interner);
      this.added.push(contact);
      this.addedFirstLine.push(at);
      // The new contact has the patch's country, organisation, name and email, and its new id.
      this.addedIndex.add(contact, email, this.added.length - 1);
      return undefined;
    }
    const current = this.added[a];
    const next = current && applyPatch(current, patch);
    if (next) {
      this.added[a] = next;
      this.addedIndex.add(next, emailKeyOf(next), a);
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
