/**
 * Lines of a contact page grouped into people and the organisation's own details. A block with a name
 * is a person (a second name starts the next one), labelled details outside any person are the
 * organisation's, and an honorific written into a name or a title is moved to its own field. Input: the
 * lines of `flatten-page-text.ts`. Output: people and general details. Pure.
 */
import { extractEmails } from "./extract-emails.js";
import { SEPARATOR } from "./flatten-page-text.js";
import { splitLabelled } from "./recognise-label.js";
import type { ContactFields } from "./site-profile.js";

const HONORIFIC =
  /^(?:(mr|mrs|ms|miss|dr|prof|h\.\s?e|s\.\s?e|mme|mlle|me|sr|sra|srta|dra|ing|lic|excmo|excma)\.?|m\.|don|do[ñn]a)\s+/i;

export function groupContactLines(lines: readonly string[]): {
  people: ContactFields[];
  general: ContactFields;
} {
  const people: ContactFields[] = [];
  const general: ContactFields = {};
  let current: ContactFields = {};
  const close = () => {
    if (current.name) people.push(finishPerson(current));
    else mergeInto(general, current);
    current = {};
  };
  for (const line of lines) {
    if (line === SEPARATOR) {
      close();
      continue;
    }
    const labelled = splitLabelled(line);
    if (!labelled) {
      // An address in running text still counts, for the open person or the organisation.
      const email = extractEmails(line)[0];
      if (email && !current.email) current.email = email;
      else if (email && !general.email) general.email = email;
      continue;
    }
    const { field } = labelled;
    let value = labelled.value;
    if (field === "email") {
      const email = extractEmails(value)[0];
      if (!email) continue;
      value = email;
    }
    if (!value) continue;
    // A second name starts the next person; other repeated fields add to the current one.
    if (field === "name" && current.name !== undefined) close();
    if (field === "email" && current.email !== undefined) continue;
    current[field] = current[field] ? `${current[field]}, ${value}` : value;
  }
  close();
  return { people, general };
}

function finishPerson(fields: ContactFields): ContactFields {
  const out = { ...fields };
  const name = out.name ?? "";
  const m = HONORIFIC.exec(name);
  if (m) {
    out.honorific ??= m[0].trim();
    out.name = name.slice(m[0].length).trim();
  }
  // "Title: Mr." is an honorific, not a job title.
  if (out.title && HONORIFIC.test(`${out.title} `) && out.title.length <= 6) {
    out.honorific ??= out.title;
    delete out.title;
  }
  return out;
}

function mergeInto(target: ContactFields, source: ContactFields): void {
  for (const [k, v] of Object.entries(source) as [keyof ContactFields, string][]) {
    if (v && !target[k]) target[k] = v;
  }
}
