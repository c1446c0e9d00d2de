/**
 * Merge imported contact patches into the directory (pure). Matching: by id when the file carries one,
 * else by normalised email, else by country + organisation + name. Rules: an import fills and updates
 * fields but never replaces a non-empty value with an empty one (a patch only holds the fields a row
 * gives); tags are united; a contact whose `source` is `manual` keeps its values against imports (they
 * may only fill its empty fields), while a `manual` row overrides anything. Provenance (`source`,
 * `source_url`, `retrieved_at`) changes only when content changes, so re-importing a file changes nothing.
 * Status only escalates on import (active → bounced → do-not-contact): a spreadsheet or crawl saying
 * "active" must not revive an address that bounced or asked not to be contacted; a `manual` row may.
 * A contact is a mailbox (see contact-people.ts): a row naming another person at the same address adds
 * that person to the contact, nobody is ever dropped; a row whose address (or id) belongs to a contact
 * of another country is not merged at all, because one address never stands for two countries.
 */
import { contactIdFor, emailKey, nameKey } from "../contacts/contact-id.js";
import {
  formatPeople,
  mergePeople,
  needsPeopleMerge,
  peopleNames,
  peopleOf,
} from "../contacts/contact-people.js";
import { DIRECTORY_COLUMNS, type Contact, type DirectoryColumn } from "../contacts/contact-schema.js";
import { CellInterner } from "../contacts/directory-rows.js";
import type { Problem } from "../core/errors.js";
import {
  combinedValueProblem,
  describeCombination,
  describeSharedMailbox,
  rejectOtherCountry,
  sharedMailboxProblem,
  type CombinedValue,
  type SharedMailboxNote,
} from "./describe-merge.js";
import { isTagList, type ContactPatch } from "./validate-row.js";

/**
 * What merging one row did when it was more than a plain merge (rare: the common case returns a number
 * or undefined, no object). Problems are for the import report; a rejected row was not merged at all.
 */
export interface MergeNotes {
  /** Line of an earlier row of the same file about the same contact. */
  duplicateOf?: number;
  /** The row was not merged: why (an address or id of another country). */
  rejected?: Problem[];
  /** Warnings for the report: shared mailbox, values kept and dropped, the other row of a conflict. */
  warnings?: Problem[];
}

export interface MergeResult {
  /** The whole directory after the merge: existing contacts (updated ones replaced) then added ones. */
  contacts: Contact[];
  addedIds: string[];
  updatedIds: string[];
  added: number;
  updated: number;
  unchanged: number;
  /** For every row combined with an earlier one: the values kept and dropped. */
  combined: CombinedValue[];
  /** Rows that made or named a shared mailbox, with everyone it lists. */
  sharedMailboxes: SharedMailboxNote[];
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

const PERSON_COLUMNS = ["honorific", "name", "title"] as const;

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

/** Per combined contact, the line that gave each current value (kept only for rows that were combined). */
type ValueLines = Map<DirectoryColumn, number>;

export interface MergerOptions {
  /** How the imported file is named in problems. */
  file?: string;
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
  private readonly touched = new Map<
    number,
    { original: Contact; combined: ContactPatch; firstLine: number }
  >();
  private readonly addedIndex = new ContactIndex();
  private readonly added: Contact[] = [];
  private readonly addedFirstLine: number[] = [];
  /** Keyed by stored contact index, or -1 - index for an added contact. */
  private readonly valueLines = new Map<number, ValueLines>();
  private readonly combined: CombinedValue[] = [];
  private readonly sharedMailboxes: SharedMailboxNote[] = [];
  private readonly warnedShared = new Set<number>();
  private readonly takenIds = { has: (id: string) => this.index.hasId(id) || this.addedIndex.hasId(id) };
  private readonly interner = new CellInterner();
  private readonly file: string;
  private count = 0;

  constructor(existing: readonly Contact[], options: MergerOptions = {}) {
    this.contacts = [...existing];
    existing.forEach((c, i) => this.index.add(c, emailKeyOf(c), i));
    this.firstHit = new Int32Array(existing.length);
    this.file = options.file ?? "";
  }

  /**
   * Merge one patch. Returns undefined for a plain merge (the common case, no allocation), else what
   * the report must say: the earlier row it was combined with, warnings, or why it was rejected.
   */
  add(patch: ContactPatch, line = 0): MergeNotes | undefined {
    this.count += 1;
    const at = line || this.count;
    const email = emailKeyOf(patch);
    const t = this.index.find(patch, email);
    if (t !== undefined) {
      const current = this.contacts[t];
      if (!current) return undefined;
      if (current.country !== patch.country)
        return rejectOtherCountry(this.file, patch, at, current, undefined);
      const earlier = this.firstHit[t] ?? 0;
      if (earlier === 0) this.firstHit[t] = at;
      const state = this.touched.get(t);
      // What was said before this row: the earlier rows combined, or (untouched so far) the directory.
      const before: ContactPatch | Contact = state?.combined ?? current;
      if (state === undefined) {
        const next = applyPatch(current, patch);
        if (next) {
          this.touched.set(t, { original: current, combined: patch, firstLine: at });
          this.contacts[t] = next;
        }
      } else {
        state.combined = combinePatches(state.combined, patch);
        this.contacts[t] = applyPatch(state.original, state.combined) ?? state.original;
      }
      const after = this.contacts[t] ?? current;
      // The common case: a row naming its contact for the first time, a one-person contact.
      if (earlier === 0 && !after.name.includes(";")) return undefined;
      const from = (column: DirectoryColumn) =>
        state === undefined
          ? { contact: current.id }
          : { line: this.valueLines.get(t)?.get(column) ?? state.firstLine };
      return this.notes(t, patch, at, earlier === 0 ? undefined : earlier, current, before, from, after);
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
    const firstLine = this.addedFirstLine[a] ?? 0;
    if (!current) return undefined;
    if (current.country !== patch.country)
      return rejectOtherCountry(this.file, patch, at, current, firstLine);
    const next = applyPatch(current, patch);
    if (next) {
      this.added[a] = next;
      this.addedIndex.add(next, emailKeyOf(next), a);
    }
    const from = (column: DirectoryColumn) => ({
      line: this.valueLines.get(-1 - a)?.get(column) ?? firstLine,
    });
    return this.notes(-1 - a, patch, at, firstLine, current, current, from, next ?? current);
  }

  /** The report for a row combined with earlier ones (`sameAs`) or landing on a shared mailbox. Rare. */
  private notes(
    key: number,
    patch: ContactPatch,
    line: number,
    sameAs: number | undefined,
    beforeRow: Contact,
    before: ContactPatch | Contact,
    from: (column: DirectoryColumn) => { line?: number; contact?: string },
    after: Contact,
  ): MergeNotes | undefined {
    const warnings: Problem[] = [];
    // Once per shared mailbox and import: the row that adds a person, or the first to repeat the address.
    const shared = describeSharedMailbox(beforeRow, patch, line, after, sameAs, this.warnedShared.has(key));
    if (shared) {
      this.warnedShared.add(key);
      this.sharedMailboxes.push(shared);
      warnings.push(sharedMailboxProblem(this.file, shared));
    } else if (sameAs !== undefined) {
      warnings.push({
        file: this.file,
        line,
        message: `same contact as line ${sameAs}; the rows were combined`,
        severity: "warning",
      });
    }
    const values = describeCombination(before, from, patch, line, after, sameAs !== undefined);
    if (values.length > 0) {
      const people = peopleNames(after);
      for (const v of values) {
        this.combined.push(v);
        warnings.push(combinedValueProblem(this.file, v, people));
      }
    }
    if (sameAs !== undefined) {
      // Remember which line gave each value now held, for the next row combined into this contact.
      let lines = this.valueLines.get(key);
      for (const column of CONTENT_COLUMNS) {
        const value = patch[column];
        if (value && value === after[column] && value !== before[column]) {
          if (lines === undefined) this.valueLines.set(key, (lines = new Map<DirectoryColumn, number>()));
          lines.set(column, line);
        }
      }
    }
    if (sameAs === undefined && warnings.length === 0) return undefined;
    return {
      ...(sameAs !== undefined ? { duplicateOf: sameAs } : {}),
      ...(warnings.length ? { warnings } : {}),
    };
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
      combined: this.combined,
      sharedMailboxes: this.sharedMailboxes,
    };
  }
}

/**
 * Merge patches into the existing directory (see DirectoryMerger). Does not modify its inputs. Rejected
 * patches (an address of another country) are left out and reported in `problems`, with the warnings.
 */
export function mergeContacts(
  existing: readonly Contact[],
  incoming: readonly ContactPatch[],
  options: MergerOptions = {},
): MergeResult & { problems: Problem[] } {
  const merger = new DirectoryMerger(existing, options);
  const problems: Problem[] = [];
  incoming.forEach((patch, i) => {
    const notes = merger.add(patch, i + 1);
    if (notes?.rejected) problems.push(...notes.rejected);
    if (notes?.warnings) problems.push(...notes.warnings);
  });
  return { ...merger.finish(), problems };
}
