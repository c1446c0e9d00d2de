/**
 * The people of a mailbox. A contact is a mailbox: a ministry's shared address may list several named
 * people and still gets one message. In `directory.csv` their `honorific`, `name` and `title` columns are
 * parallel lists separated by "; " (person i is entry i of each list), e.g. `Ms; Mr` / `Ana Rivera; Ben
 * Chen` / `Director;` (Ben Chen has no title). A contact whose name has no ";" is one person, and its
 * honorific and title are read whole. Pure.
 */
import { normaliseKeyText } from "./contact-id.js";

export const PEOPLE_SEPARATOR = "; ";

export interface Person {
  honorific: string;
  name: string;
  title: string;
}

/** The person columns of a contact or an import patch (a patch may leave any of them out). */
export interface PersonColumns {
  honorific?: string | undefined;
  name?: string | undefined;
  title?: string | undefined;
}

function splitList(text: string): string[] {
  return text === "" ? [] : text.split(";").map((s) => s.trim());
}

/** The people a contact lists: one (possibly unnamed) person unless its name is a list of several. */
export function peopleOf(c: PersonColumns): Person[] {
  const name = c.name ?? "";
  if (!name.includes(";")) return [{ honorific: c.honorific ?? "", name, title: c.title ?? "" }];
  const names = splitList(name);
  const honorifics = splitList(c.honorific ?? "");
  const titles = splitList(c.title ?? "");
  const people: Person[] = [];
  const seen = new Set<string>();
  names.forEach((n, i) => {
    const key = normaliseKeyText(n);
    if (n === "" || seen.has(key)) return;
    seen.add(key);
    people.push({ honorific: honorifics[i] ?? "", name: n, title: titles[i] ?? "" });
  });
  return people.length > 0 ? people : [{ honorific: honorifics[0] ?? "", name: "", title: titles[0] ?? "" }];
}

/** True when the contact's address is shared by several named people (a ministry's shared mailbox). */
export function isSharedMailbox(c: PersonColumns): boolean {
  return (c.name ?? "").includes(";") && peopleOf(c).length > 1;
}

/** The names of a contact's people (one entry for a one-person contact, none when unnamed). */
export function peopleNames(c: PersonColumns): string[] {
  return peopleOf(c)
    .map((p) => p.name)
    .filter(Boolean);
}

/**
 * People back to the three columns, in the stable form the store writes and an import reads back
 * unchanged. In a list, a ";" inside one person's value would shift every later person, so it becomes ",".
 */
export function formatPeople(people: readonly Person[]): { honorific: string; name: string; title: string } {
  if (people.length <= 1) {
    const p = people[0];
    return { honorific: p?.honorific ?? "", name: p?.name ?? "", title: p?.title ?? "" };
  }
  const column = (key: keyof Person): string => {
    const values = people.map((p) => p[key].replace(/;/g, ","));
    return values.every((v) => v === "") ? "" : values.join(PEOPLE_SEPARATOR).trim();
  };
  return { honorific: column("honorific"), name: column("name"), title: column("title") };
}

/** A value of one person that a merge replaced or could not place. */
export interface PersonValueDropped {
  /** Whose value it was ("" for a row that names nobody). */
  person: string;
  field: "honorific" | "title";
  kept: string;
  dropped: string;
  /** True when the incoming value was dropped, false when it replaced the current one. */
  incomingDropped: boolean;
}

export interface MergedPeople {
  people: Person[];
  /** People the incoming side added (new names). */
  added: Person[];
  /** Honorifics and titles that were replaced or could not be placed. */
  dropped: PersonValueDropped[];
}

/**
 * Whether the person columns need the people merge rather than the plain column rules: either side lists
 * several people, or both name a different person. (Same name, or one side unnamed: a plain merge of one
 * person.) Cheap: no allocation unless the names differ.
 */
export function needsPeopleMerge(current: PersonColumns, incoming: PersonColumns): boolean {
  const name = incoming.name;
  if (!name && !incoming.honorific && !incoming.title) return false;
  const currentName = current.name ?? "";
  if (currentName.includes(";") || (name !== undefined && name.includes(";"))) return true;
  return (
    name !== undefined &&
    name !== "" &&
    currentName !== "" &&
    name !== currentName &&
    normaliseKeyText(name) !== normaliseKeyText(currentName)
  );
}

/**
 * Merge the people of the incoming side into the current ones. Nobody is ever removed: a new name is
 * added as another person of the mailbox. For a person on both sides, the incoming honorific and title
 * win unless `keepCurrent` (a `manual` contact against an import), which only fills empty ones. An
 * incoming honorific or title without a name goes to the only person there is, and is dropped (and
 * reported) when the mailbox lists several.
 */
export function mergePeople(
  current: readonly Person[],
  incoming: readonly Person[],
  keepCurrent: boolean,
): MergedPeople {
  const people = current.filter((p) => p.name !== "" || current.length === 1).map((p) => ({ ...p }));
  const added: Person[] = [];
  const dropped: PersonValueDropped[] = [];
  const update = (target: Person, from: Person): void => {
    for (const field of ["honorific", "title"] as const) {
      const value = from[field];
      const have = target[field];
      if (value === "" || value === have) continue;
      if (have === "") target[field] = value;
      else if (keepCurrent)
        dropped.push({ person: target.name, field, kept: have, dropped: value, incomingDropped: true });
      else {
        dropped.push({ person: target.name, field, kept: value, dropped: have, incomingDropped: false });
        target[field] = value;
      }
    }
  };
  for (const person of incoming) {
    if (person.name === "") {
      const only = people.length === 1 ? people[0] : undefined;
      if (only) update(only, person);
      else
        for (const field of ["honorific", "title"] as const)
          if (person[field] !== "")
            dropped.push({ person: "", field, kept: "", dropped: person[field], incomingDropped: true });
      continue;
    }
    const key = normaliseKeyText(person.name);
    const same = people.find((p) => p.name !== "" && normaliseKeyText(p.name) === key);
    if (same) {
      update(same, person);
      if (!keepCurrent) same.name = person.name;
      continue;
    }
    const unnamed = people.length === 1 && people[0]?.name === "" ? people[0] : undefined;
    if (unnamed) {
      unnamed.name = person.name;
      update(unnamed, person);
      continue;
    }
    const copy = { ...person };
    people.push(copy);
    added.push(copy);
  }
  return { people, added, dropped };
}
