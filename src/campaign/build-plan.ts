/**
 * Campaign stage: who gets which letter, in which language, delivered how, and why.
 * Input: a loaded campaign (campaign.json, directory, member states, partners, letters). Output: a plan
 * with one entry per targeted contact, every problem found (errors block, warnings don't) and totals.
 * Pure: no disk, no clock. Rendering checks (merge fields) are added by the render stage.
 */
import type { Contact, Language } from "../contacts/contact-schema.js";
import { contactTags } from "../contacts/contact-schema.js";
import { isSharedMailbox, peopleOf, type Person } from "../contacts/contact-people.js";
import { checkEmail } from "../contacts/email-address.js";
import type { MemberState } from "../contacts/member-state-schema.js";
import type { Partner } from "../contacts/partner-schema.js";
import type { Problem } from "../core/errors.js";
import type { Campaign, CountryMapping, SharedMailboxSalutation } from "./campaign-schema.js";
import type { LoadedCampaign } from "./loaded-campaign.js";

export type Delivery = "email" | "partner" | "none";

export interface PlanEntry {
  contact: Contact;
  country: string;
  language: string;
  /** Why this language, e.g. `campaign mapping for TH` or `member-state default for FR (no letter in "ar")`. */
  languageReason: string;
  /** Template folder of the letter. */
  letter: string;
  delivery: Delivery;
  partner?: Partner;
  ccPartner: boolean;
  warnings: string[];
  /**
   * Set when the contact is a shared mailbox (several people, one message): who it lists, and how the
   * campaign says its letter opens (`sharedMailboxSalutation`).
   */
  sharedMailbox?: { people: Person[]; salutation: SharedMailboxSalutation };
}

export interface PlanTotals {
  contacts: number;
  countries: number;
  byDelivery: Record<Delivery, number>;
  byLanguage: Record<string, number>;
  withWarnings: number;
  errors: number;
  warnings: number;
}

export interface Plan {
  campaign: Campaign;
  entries: PlanEntry[];
  problems: Problem[];
  totals: PlanTotals;
}

export interface PlanOptions {
  /** Only these countries (the send command's `--country`). */
  countries?: readonly string[];
}

export function buildPlan(loaded: LoadedCampaign, options: PlanOptions = {}): Plan {
  const { campaign } = loaded;
  const file = relativeName(loaded);
  const problems: Problem[] = [...loaded.problems];
  const states = new Map(loaded.memberStates.map((s) => [s.code, s]));
  const partnersById = new Map(loaded.partners.map((p) => [p.id, p]));
  const available = new Set(Object.keys(loaded.letters));

  const partnerByCountry = new Map<string, Partner>();
  for (const [cc, mapping] of Object.entries(campaign.countries)) {
    const partner = resolvePartner(cc, mapping, loaded.partners, partnersById, file, problems);
    if (partner) partnerByCountry.set(cc, partner);
    if (loaded.memberStates.length && !states.has(cc)) {
      problems.push({
        file,
        field: `countries.${cc}`,
        message: `${cc} is not in the member-state list`,
        severity: "warning",
      });
    }
  }

  const audience = campaign.audience;
  const lower = (xs: readonly string[] | undefined) =>
    xs ? new Set(xs.map((x) => x.toLocaleLowerCase("en"))) : undefined;
  const includeOrgs = lower(audience.includeOrganisations);
  const excludeOrgs = lower(audience.excludeOrganisations) ?? new Set<string>();
  const includeCountries = audience.includeCountries ? new Set(audience.includeCountries) : undefined;
  const onlyCountries = options.countries ? new Set(options.countries) : undefined;
  const excludedContacts = new Set(audience.excludeContacts);

  const targeted = loaded.contacts.filter((c) => {
    if (onlyCountries && !onlyCountries.has(c.country)) return false;
    if (includeCountries && !includeCountries.has(c.country)) return false;
    if (audience.excludeCountries.includes(c.country)) return false;
    if (excludedContacts.has(c.id)) return false;
    const tags = contactTags(c);
    if (audience.includeTags && !audience.includeTags.some((t) => tags.includes(t))) return false;
    if (audience.excludeTags.some((t) => tags.includes(t))) return false;
    const org = c.organisation.toLocaleLowerCase("en");
    if (includeOrgs && !includeOrgs.has(org)) return false;
    if (excludeOrgs.has(org)) return false;
    return true;
  });

  const emailOwners = new Map<string, string[]>();
  for (const c of targeted) {
    const key = c.email.trim().toLowerCase();
    if (key) emailOwners.set(key, [...(emailOwners.get(key) ?? []), c.id]);
  }

  const entries: PlanEntry[] = [];
  for (const contact of targeted) {
    const mapping = campaign.countries[contact.country];
    const resolved = resolveLanguage(contact, campaign, mapping, states.get(contact.country), available);
    const warnings = [...resolved.warnings];
    const partner = partnerByCountry.get(contact.country) ?? defaultPartner(contact.country, loaded.partners);
    let delivery: Delivery = mapping?.delivery === "partner" ? "partner" : "email";
    const email = contact.email.trim();
    if (delivery === "email") {
      if (!email) {
        delivery = "none";
        warnings.push("no email address: nobody will receive this letter");
      } else {
        const check = checkEmail(email);
        if (!check.ok) {
          delivery = "none";
          warnings.push(`email "${email}" ${check.reason}: nobody will receive this letter`);
        }
      }
    }
    if (contact.status !== "active") warnings.push(`contact is ${contact.status}: the sender will skip it`);
    const sharers = emailOwners.get(email.toLowerCase());
    if (sharers && sharers.length > 1) {
      warnings.push(
        `same email as ${sharers.filter((id) => id !== contact.id).join(", ")}: that mailbox gets several letters`,
      );
    }
    if (!states.has(contact.country) && loaded.memberStates.length) {
      warnings.push(`${contact.country} is not in the member-state list`);
    }
    const ccPartner = delivery === "email" && mapping?.ccPartner === true && partner !== undefined;
    entries.push({
      contact,
      country: contact.country,
      language: resolved.language,
      languageReason: resolved.reason,
      letter: campaign.letters[resolved.language as Language]?.template ?? "",
      delivery,
      ...(partner ? { partner } : {}),
      ccPartner,
      warnings,
      ...(isSharedMailbox(contact)
        ? { sharedMailbox: { people: peopleOf(contact), salutation: campaign.sharedMailboxSalutation } }
        : {}),
    });
  }
  entries.sort((a, b) =>
    a.country === b.country ? compare(a.contact.id, b.contact.id) : compare(a.country, b.country),
  );

  checkCountries(loaded, entries, includeCountries, onlyCountries, file, problems);
  for (const lang of new Set(entries.map((e) => e.language))) {
    if (campaign.letters[lang as Language]?.reviewed === false) {
      problems.push({
        file,
        field: `letters.${lang}.reviewed`,
        message: `the "${lang}" translation is not reviewed: preview it and have a native speaker check it before a real send`,
        severity: "warning",
      });
    }
  }
  return { campaign, entries, problems, totals: computeTotals(entries, problems) };
}

interface ResolvedLanguage {
  language: string;
  reason: string;
  warnings: string[];
}

/** Contact's own language → campaign mapping → member-state default → campaign default, skipping languages without a letter. */
export function resolveLanguage(
  contact: Contact,
  campaign: Campaign,
  mapping: CountryMapping | undefined,
  state: MemberState | undefined,
  available: ReadonlySet<string>,
): ResolvedLanguage {
  const chain: { language: string | undefined; reason: string }[] = [
    { language: contact.language || undefined, reason: "contact's own language" },
    { language: mapping?.language, reason: `campaign mapping for ${contact.country}` },
    { language: state?.language, reason: `member-state default for ${contact.country}` },
    { language: campaign.defaultLanguage, reason: "campaign default" },
  ];
  const skipped: string[] = [];
  for (const step of chain) {
    if (!step.language) continue;
    if (available.has(step.language)) {
      const reason = skipped.length ? `${step.reason} (fallback: ${skipped.join("; ")})` : step.reason;
      return {
        language: step.language,
        reason,
        warnings: skipped.length ? [`letter falls back to "${step.language}": ${skipped.join("; ")}`] : [],
      };
    }
    skipped.push(`no "${step.language}" letter for ${step.reason}`);
  }
  // Only reachable when even the default letter failed to load; loading reported that as an error.
  return {
    language: campaign.defaultLanguage,
    reason: "campaign default (letter missing)",
    warnings: ["no letter available"],
  };
}

function resolvePartner(
  cc: string,
  mapping: CountryMapping,
  partners: readonly Partner[],
  byId: ReadonlyMap<string, Partner>,
  file: string,
  problems: Problem[],
): Partner | undefined {
  if (mapping.partner) {
    const partner = byId.get(mapping.partner);
    if (!partner) {
      problems.push({
        file,
        field: `countries.${cc}.partner`,
        message: `no partner "${mapping.partner}" in contacts/partners.csv`,
      });
      return undefined;
    }
    if (!partner.countries.includes(cc)) {
      problems.push({
        file,
        field: `countries.${cc}.partner`,
        message: `partner "${partner.id}" does not list ${cc} in contacts/partners.csv`,
        severity: "warning",
      });
    }
    return partner;
  }
  const fallback = defaultPartner(cc, partners);
  if (!fallback && (mapping.delivery === "partner" || mapping.ccPartner)) {
    const what = mapping.delivery === "partner" ? "delivery by partner" : "ccPartner";
    problems.push({
      file,
      field: `countries.${cc}`,
      message: `${what} needs a partner, and none is set or listed for ${cc}`,
    });
  }
  return fallback;
}

/** The one partner that lists the country, if exactly one does. */
function defaultPartner(cc: string, partners: readonly Partner[]): Partner | undefined {
  const matches = partners.filter((p) => p.countries.includes(cc));
  return matches.length === 1 ? matches[0] : undefined;
}

function checkCountries(
  loaded: LoadedCampaign,
  entries: readonly PlanEntry[],
  includeCountries: ReadonlySet<string> | undefined,
  onlyCountries: ReadonlySet<string> | undefined,
  file: string,
  problems: Problem[],
): void {
  const { campaign } = loaded;
  const byCountry = new Map<string, PlanEntry[]>();
  for (const e of entries) byCountry.set(e.country, [...(byCountry.get(e.country) ?? []), e]);
  const wanted = new Set([...(includeCountries ?? []), ...byCountry.keys()]);
  for (const cc of wanted) {
    if (onlyCountries && !onlyCountries.has(cc)) continue;
    if (campaign.audience.excludeCountries.includes(cc)) continue;
    const list = byCountry.get(cc) ?? [];
    const mapping = campaign.countries[cc];
    if (mapping?.delivery === "partner") continue;
    if (list.some((e) => e.delivery === "email")) continue;
    const severity = campaign.requireEmailPerCountry ? "error" : "warning";
    const message = list.length
      ? `no contact with an email address in targeted country ${cc} (${list.length} contact(s) without one)`
      : `targeted country ${cc} has no targeted contacts in the directory`;
    problems.push({
      file,
      field: includeCountries?.has(cc) ? "audience.includeCountries" : `country ${cc}`,
      message,
      severity,
    });
  }
}

function computeTotals(entries: readonly PlanEntry[], problems: readonly Problem[]): PlanTotals {
  const byDelivery: Record<Delivery, number> = { email: 0, partner: 0, none: 0 };
  const byLanguage: Record<string, number> = {};
  for (const e of entries) {
    byDelivery[e.delivery] += 1;
    byLanguage[e.language] = (byLanguage[e.language] ?? 0) + 1;
  }
  const errors = problems.filter((p) => (p.severity ?? "error") === "error").length;
  return {
    contacts: entries.length,
    countries: new Set(entries.map((e) => e.country)).size,
    byDelivery,
    byLanguage,
    withWarnings: entries.filter((e) => e.warnings.length > 0).length,
    errors,
    warnings: problems.length - errors,
  };
}

function relativeName(loaded: LoadedCampaign): string {
  return `campaigns/${loaded.campaign.id}/campaign.json`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
