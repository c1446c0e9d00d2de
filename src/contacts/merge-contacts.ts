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
import { peopleNames } from "./contact-people.js";
import { DIRECTORY_COLUMNS, type Contact, type DirectoryColumn } from "./contact-schema.js";
import { CellInterner } from "./directory-rows.js";
import type { Problem } from "../core/errors.js";
import { applyPatch, combinePatches, CONTENT_COLUMNS } from "./apply-patch.js";
import { contactFromPatch } from "./contact-from-patch.js";
import { ContactIndex, emailKeyOf } from "./contact-index.js";
import {
  combinedValueProblem,
  describeCombination,
  describeSharedMailbox,
  rejectOtherCountry,
  sharedMailboxProblem,
  type CombinedValue,
  type SharedMailboxNote,
} from "./describe-merge.js";
import type { ContactPatch } from "./contact-patch.js";

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

/** Whether two contacts hold the same value in every column. */
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
