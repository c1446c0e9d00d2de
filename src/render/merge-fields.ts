/**
 * The merge fields a letter can use, built once per language (signatories, Updated date, campaign,
 * sender) and per recipient (the contact's fields, salutation, partner). Contact fields that are empty
 * are left out on purpose: Handlebars strict mode then turns `{{name}}` for a contact without a name
 * into an E_TEMPLATE_FIELD error instead of "Dear ,". Templates use `{{#if title}}` for optional fields.
 * A shared mailbox (several people, one message) has no single honorific or title: its `name` is
 * everyone's names as the letter's language lists them ("Ana Rivera and Ben Chen"), and `people` holds
 * each person's fields for `{{#each people}}`. Pure.
 */
import type { Person } from "../contacts/contact-people.js";
import type { Contact } from "../contacts/contact-schema.js";
import { RTL_LANGUAGES } from "../contacts/contact-schema.js";
import { ISO_ALPHA2_CODES } from "../contacts/countries.js";
import type { Partner } from "../contacts/partner-schema.js";
import type { Campaign } from "../campaign/campaign-schema.js";
import type { Signatory } from "../campaign/signatory-schema.js";
import { latestSignature } from "../campaign/signatory-schema.js";
import { groupSignatories, type SignatoryGroup } from "./signatory-groups.js";

/** Contact columns offered to templates (provenance and status stay out of letters). */
export const CONTACT_MERGE_FIELDS = [
  "id",
  "honorific",
  "name",
  "title",
  "organisation",
  "department",
  "country",
  "email",
  "address",
] as const satisfies readonly (keyof Contact)[];

export interface LanguageFields {
  lang: string;
  dir: "ltr" | "rtl";
  locale: string;
  signatories: SignatoryFields[];
  signatoryCount: number;
  /**
   * The list as the letter prints it: the original list (`updated` ""), then each later batch under
   * its "Updated <date>" heading; or one alphabetical group (`signatory-groups.ts`).
   */
  signatoryGroups: SignatoryGroup<SignatoryFields>[];
  /** How many groups carry an "Updated" heading (0: one plain list, show `updated` after it instead). */
  signatoryBatches: number;
  /** The latest signature date, formatted for the letter's locale. */
  updated: string;
  campaign: { id: string; name: string };
  sender: { name: string; email: string };
}

/** One signatory as a template sees it. */
export type SignatoryFields = {
  organisation: string;
  country: string;
  countryCode: string;
  signed: string;
};

export type MergeFields = Record<string, unknown>;

const UNSAFE_CHARS = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/;

/** Data may never add line breaks or control characters to a message (headers, text layout). */
export function cleanValue(value: string): string {
  // Most values have nothing to clean; skip the replacements for them (this runs per field per recipient).
  if (!UNSAFE_CHARS.test(value)) return value.trim();
  return value
    .replace(/[\r\n\t\v\f\u0085\u2028\u2029]+/g, " ")
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim();
}

export function directionOf(language: string): "ltr" | "rtl" {
  return RTL_LANGUAGES.has(language) ? "rtl" : "ltr";
}

export function buildLanguageFields(
  campaign: Campaign,
  signatories: readonly Signatory[],
  language: string,
  locale: string,
  heading?: string,
): LanguageFields {
  const countries = countryNamer(locale);
  const date = dateFormatter(locale);
  const latest = latestSignature(signatories);
  const show = (s: Signatory): SignatoryFields => ({
    organisation: cleanValue(s.organisation),
    country: s.country ? countries(s.country) : "",
    countryCode: s.country,
    signed: date(s.signed),
  });
  const signatoryGroups = groupSignatories(
    signatories,
    { order: campaign.signatoryOrder, language, locale, formatDate: date, ...(heading ? { heading } : {}) },
    show,
  );
  return {
    lang: language,
    dir: directionOf(language),
    locale,
    signatories: signatoryGroups.flatMap((g) => g.signatories),
    signatoryCount: signatories.length,
    signatoryGroups,
    signatoryBatches: signatoryGroups.filter((g) => g.updated).length,
    updated: latest ? date(latest) : "",
    campaign: { id: campaign.id, name: cleanValue(campaign.name) },
    sender: { name: cleanValue(campaign.sender.name), email: campaign.sender.email },
  };
}

/** The merge fields that belong to one person; a shared mailbox has them per person only. */
export const PERSON_MERGE_FIELDS: ReadonlySet<string> = new Set(["honorific", "name", "title"]);

/**
 * Per recipient: the language's fields plus the contact's non-empty fields, its country's name and its
 * partner. `shared` is the people of a shared mailbox, with a lister of names for the letter's locale.
 */
export function buildRecipientFields(
  base: LanguageFields,
  contact: Contact,
  countryName: string,
  partner: Partner | undefined,
  shared?: { people: readonly Person[]; listNames: (names: string[]) => string },
): MergeFields {
  // Object.assign, not `{ ...base }`: V8 gives each spread copy that then gains properties maps of its
  // own, allocated in the old generation; per recipient of a 100k-recipient run that is ~100 MB of garbage.
  const fields: MergeFields = Object.assign<MergeFields, LanguageFields>({}, base);
  for (const key of CONTACT_MERGE_FIELDS) {
    if (shared && PERSON_MERGE_FIELDS.has(key)) continue;
    const value = cleanValue(contact[key]);
    if (value) fields[key] = value;
  }
  if (shared) {
    const people = shared.people.map((p) => {
      const person: Record<string, string> = {};
      for (const key of ["honorific", "name", "title"] as const) {
        const value = cleanValue(p[key]);
        if (value) person[key] = value;
      }
      return person;
    });
    const names = people.map((p) => p.name ?? "").filter(Boolean);
    if (names.length) fields.name = shared.listNames(names);
    fields.people = people;
  }
  if (countryName) fields.countryName = countryName;
  if (partner) fields.partner = { id: partner.id, name: cleanValue(partner.name), email: partner.email };
  return fields;
}

/** `["Ana Rivera", "Ben Chen"]` → `Ana Rivera and Ben Chen` (en), `Ana Rivera et Ben Chen` (fr)... */
export function nameLister(locale: string): (names: string[]) => string {
  let format: Intl.ListFormat;
  try {
    format = new Intl.ListFormat([locale, "en"], { type: "conjunction", style: "long" });
  } catch {
    format = new Intl.ListFormat("en", { type: "conjunction", style: "long" });
  }
  return (names) => format.format(names);
}

/**
 * A cached `code → localised country name` for one locale. Only assigned ISO codes are named: ICU names
 * "ZZ" "Unknown Region" (and "QO" "Outlying Oceania"), which must never stand under a letter; any other
 * code is shown as it is (signatories.csv refuses unknown countries before this, E_SIGNATORY_COUNTRY).
 */
export function countryNamer(locale: string): (code: string) => string {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([locale, "en"], { type: "region", fallback: "none" });
  } catch {
    names = undefined;
  }
  const cache = new Map<string, string>();
  return (code) => {
    let name = cache.get(code);
    if (name === undefined) {
      name = (ISO_ALPHA2_CODES.has(code) ? names?.of(code) : undefined) ?? code;
      cache.set(code, name);
    }
    return name;
  };
}

/** `2012-11-14` → `14 November 2012` (en-GB), `14 novembre 2012` (fr), `2012年11月14日` (zh)... */
export function dateFormatter(locale: string): (isoDate: string) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat([locale, "en"], { dateStyle: "long", timeZone: "UTC" });
  } catch {
    format = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });
  }
  return (isoDate) => format.format(new Date(`${isoDate}T00:00:00Z`));
}
