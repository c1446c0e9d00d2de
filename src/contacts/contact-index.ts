/** Looking up which contact an import row is about: by id, then email, then country + organisation + name. */
import { emailKey, nameKey } from "./contact-id.js";

/** What the index reads of a contact or patch. */
export interface Keyed {
  id?: string | undefined;
  email?: string | undefined;
  country: string;
  organisation?: string | undefined;
  name?: string | undefined;
}

/** The de-duplication email key of a contact or patch, or undefined without an email. */
export function emailKeyOf(c: Keyed): string | undefined {
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
export class ContactIndex {
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
