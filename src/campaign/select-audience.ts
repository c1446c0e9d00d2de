/**
 * Which directory contacts a campaign targets: its `audience` rules (countries, contacts, tags,
 * organisations) and the send command's `--country`, turned into sets once and applied per contact. Pure.
 */
import type { Contact } from "../contacts/contact-schema.js";
import { contactTags } from "../contacts/contact-schema.js";
import type { Problem } from "../core/errors.js";
import type { Audience } from "./campaign-schema.js";

/** A campaign's audience rules as lookup sets (organisations compared lower-cased). */
export interface AudienceFilter {
  audience: Audience;
  includeOrgs: ReadonlySet<string> | undefined;
  excludeOrgs: ReadonlySet<string>;
  includeCountries: ReadonlySet<string> | undefined;
  /** Only these countries (the send command's `--country`). */
  onlyCountries: ReadonlySet<string> | undefined;
  excludedContacts: ReadonlySet<string>;
  includedContacts: ReadonlySet<string> | undefined;
}

/** Builds the lookup sets of an audience, narrowed to `onlyCountries` when given. */
export function audienceFilter(audience: Audience, onlyCountries?: readonly string[]): AudienceFilter {
  const lower = (xs: readonly string[] | undefined) =>
    xs ? new Set(xs.map((x) => x.toLocaleLowerCase("en"))) : undefined;
  return {
    audience,
    includeOrgs: lower(audience.includeOrganisations),
    excludeOrgs: lower(audience.excludeOrganisations) ?? new Set<string>(),
    includeCountries: audience.includeCountries ? new Set(audience.includeCountries) : undefined,
    onlyCountries: onlyCountries ? new Set(onlyCountries) : undefined,
    excludedContacts: new Set(audience.excludeContacts),
    includedContacts: audience.includeContacts ? new Set(audience.includeContacts) : undefined,
  };
}

/** Whether the contact passes every audience rule. */
export function inAudience(c: Contact, filter: AudienceFilter): boolean {
  const { audience, onlyCountries, includeCountries, includeOrgs, excludeOrgs } = filter;
  if (onlyCountries && !onlyCountries.has(c.country)) return false;
  if (includeCountries && !includeCountries.has(c.country)) return false;
  if (audience.excludeCountries.includes(c.country)) return false;
  if (filter.excludedContacts.has(c.id)) return false;
  if (filter.includedContacts && !filter.includedContacts.has(c.id)) return false;
  const tags = contactTags(c);
  if (audience.includeTags && !audience.includeTags.some((t) => tags.includes(t))) return false;
  if (audience.excludeTags.some((t) => tags.includes(t))) return false;
  const org = c.organisation.toLocaleLowerCase("en");
  if (includeOrgs && !includeOrgs.has(org)) return false;
  if (excludeOrgs.has(org)) return false;
  return true;
}

/**
 * One warning listing the `includeContacts` ids that name no contact of the directory (a typo, a contact
 * removed since): they would otherwise be left out silently. `file` is the campaign.json to name.
 */
export function audienceProblems(audience: Audience, contacts: readonly Contact[], file: string): Problem[] {
  if (!audience.includeContacts?.length) return [];
  const known = new Set(contacts.map((c) => c.id));
  const unknown = [...new Set(audience.includeContacts.filter((id) => !known.has(id)))];
  if (unknown.length === 0) return [];
  const shown = unknown.map((id) => `"${id}"`).join(", ");
  return [
    {
      file,
      field: "audience.includeContacts",
      message: `${unknown.length} id(s) name no contact of the directory and are skipped: ${shown}`,
      severity: "warning",
    },
  ];
}
