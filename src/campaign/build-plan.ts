/**
 * Campaign stage: who gets which letter, in which language, delivered how, and why.
 * Input: the campaign frame (campaign.json, directory, member states, partners, which letters exist). Output: a plan
 * with one entry per targeted contact, every problem found (errors block, warnings don't) and totals.
 * Pure: no disk, no clock. Rendering checks (merge fields) are added by the render stage.
 */
import type { Contact, Language } from "../contacts/contact-schema.js";
import { isSharedMailbox, peopleOf, type Person } from "../contacts/contact-people.js";
import { checkEmail } from "../contacts/email-address.js";
import type { MemberState } from "../contacts/member-state-schema.js";
import type { Partner } from "../contacts/partner-schema.js";
import type { Problem } from "../core/errors.js";
import type { Campaign, CountryMapping, SharedMailboxSalutation } from "./campaign-schema.js";
import { defaultPartner, resolveCountryPartners } from "./country-partners.js";
import type { CampaignFrame } from "./loaded-campaign.js";
import { audienceFilter, audienceProblems, inAudience } from "./select-audience.js";
import { checkCountries, checkReviewed } from "./plan-coverage.js";
import { windowProblems } from "./sending-window.js";

export type Delivery = "email" | "partner" | "none";

const NO_WARNINGS: readonly string[] = Object.freeze([]);

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
  warnings: readonly string[];
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

export function buildPlan(loaded: CampaignFrame, options: PlanOptions = {}): Plan {
  const { campaign } = loaded;
  const file = relativeName(loaded);
  const problems: Problem[] = [...loaded.problems];
  const states = new Map(loaded.memberStates.map((s) => [s.code, s]));
  const partnerByCountry = resolveCountryPartners(loaded, states, file, problems);
  const filter = audienceFilter(campaign.audience, options.countries);
  const targeted = loaded.contacts.filter((c) => inAudience(c, filter));
  problems.push(...audienceProblems(campaign.audience, loaded.contacts, file));
  const context: EntryContext = {
    loaded,
    states,
    available: new Set(loaded.letterLanguages),
    partnerByCountry,
    emailOwners: ownersByEmail(targeted),
    reasons: new Map(),
  };
  const entries = targeted.map((contact) => planEntry(contact, context));
  entries.sort((a, b) =>
    a.country === b.country ? compare(a.contact.id, b.contact.id) : compare(a.country, b.country),
  );

  checkCountries(loaded, entries, filter.includeCountries, filter.onlyCountries, file, problems);
  checkReviewed(campaign, entries, file, problems);
  const mailed = entries.filter((e) => e.delivery === "email").map((e) => e.country);
  problems.push(...windowProblems(campaign.sendingWindow, mailed, file));
  return { campaign, entries, problems, totals: computeTotals(entries, problems) };
}

/** What every plan entry is built from: the loaded campaign and the lookups made once for all contacts. */
interface EntryContext {
  loaded: CampaignFrame;
  states: ReadonlyMap<string, MemberState>;
  /** Languages with a loaded letter. */
  available: ReadonlySet<string>;
  partnerByCountry: ReadonlyMap<string, Partner>;
  /** Contact ids by lower-cased email address (ownersByEmail). */
  emailOwners: ReadonlyMap<string, string | string[]>;
  /** One copy of each language reason: 100,000 entries share a handful. */
  reasons: Map<string, string>;
}

/** One contact's entry: language, delivery, partner, and the warnings that go with them. */
function planEntry(contact: Contact, context: EntryContext): PlanEntry {
  const { loaded, states, available } = context;
  const { campaign } = loaded;
  const mapping = campaign.countries[contact.country];
  const resolved = resolveLanguage(contact, campaign, mapping, states.get(contact.country), available);
  const warnings = [...resolved.warnings];
  const reason = context.reasons.get(resolved.reason) ?? resolved.reason;
  context.reasons.set(reason, reason);
  const partner =
    context.partnerByCountry.get(contact.country) ?? defaultPartner(contact.country, loaded.partners);
  const email = contact.email.trim();
  const delivery = deliveryOf(mapping, email, warnings);
  warnings.push(...contactWarnings(contact, email, context));
  const ccPartner = delivery === "email" && mapping?.ccPartner === true && partner !== undefined;
  return {
    contact,
    country: contact.country,
    language: resolved.language,
    languageReason: reason,
    letter: campaign.letters[resolved.language as Language]?.template ?? "",
    delivery,
    ...(partner ? { partner } : {}),
    ccPartner,
    // Most entries have none: they share one empty list rather than each holding its own.
    warnings: warnings.length ? warnings : NO_WARNINGS,
    ...(isSharedMailbox(contact)
      ? { sharedMailbox: { people: peopleOf(contact), salutation: campaign.sharedMailboxSalutation } }
      : {}),
  };
}

/** By partner when the country says so, else by email; `none` (with a warning) for a missing or invalid address. */
function deliveryOf(mapping: CountryMapping | undefined, email: string, warnings: string[]): Delivery {
  if (mapping?.delivery === "partner") return "partner";
  if (!email) {
    warnings.push("no email address: nobody will receive this letter");
    return "none";
  }
  const check = checkEmail(email);
  if (!check.ok) {
    warnings.push(`email "${email}" ${check.reason}: nobody will receive this letter`);
    return "none";
  }
  return "email";
}

/** Warnings about the contact itself: not active, a mailbox shared with other contacts, an unknown country. */
function contactWarnings(contact: Contact, email: string, context: EntryContext): string[] {
  const warnings: string[] = [];
  if (contact.status !== "active") warnings.push(`contact is ${contact.status}: the sender will skip it`);
  const sharers = context.emailOwners.get(email.toLowerCase());
  if (Array.isArray(sharers)) {
    warnings.push(
      `same email as ${sharers.filter((id) => id !== contact.id).join(", ")}: that mailbox gets several letters`,
    );
  }
  if (!context.states.has(contact.country) && context.loaded.memberStates.length) {
    warnings.push(`${contact.country} is not in the member-state list`);
  }
  return warnings;
}

/**
 * Contact ids by lower-cased email address (contacts without one are left out): the id itself while
 * the address has one owner, a list once it has several (a 100,000-contact plan makes no list per contact).
 */
function ownersByEmail(contacts: readonly Contact[]): Map<string, string | string[]> {
  const owners = new Map<string, string | string[]>();
  for (const c of contacts) {
    const key = c.email.trim().toLowerCase();
    if (!key) continue;
    const known = owners.get(key);
    if (known === undefined) owners.set(key, c.id);
    else if (typeof known === "string") owners.set(key, [known, c.id]);
    else known.push(c.id);
  }
  return owners;
}

interface ResolvedLanguage {
  language: string;
  reason: string;
  warnings: string[];
}

/**
 * Contact's own language → campaign mapping → member-state default → member-state second choice →
 * campaign default, skipping languages without a letter. Going from the member state's language to its
 * second choice is the plan the reference data makes (Arabic, else French, for MA), so only the reason
 * says so; skipping anything else is a warning.
 */
export function resolveLanguage(
  contact: Contact,
  campaign: Campaign,
  mapping: CountryMapping | undefined,
  state: MemberState | undefined,
  available: ReadonlySet<string>,
): ResolvedLanguage {
  const country = contact.country;
  const chain: { language: string | undefined; reason: string }[] = [
    { language: contact.language || undefined, reason: "contact's own language" },
    { language: mapping?.language, reason: `campaign mapping for ${country}` },
    { language: state?.language, reason: `member-state default for ${country}` },
    { language: state?.language2, reason: `member-state second choice for ${country}` },
    { language: campaign.defaultLanguage, reason: "campaign default" },
  ];
  const skipped: string[] = [];
  for (const [i, step] of chain.entries()) {
    if (!step.language) continue;
    if (available.has(step.language)) {
      const reason = skipped.length ? `${step.reason} (fallback: ${skipped.join("; ")})` : step.reason;
      // Reaching the second choice (i = 3) means the member state's own language was skipped.
      const warn = skipped.length > (i === 3 ? 1 : 0);
      const warnings = warn ? [`letter falls back to "${step.language}": ${skipped.join("; ")}`] : [];
      return { language: step.language, reason, warnings };
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

/** Entry counts by delivery and language, and problem counts by severity. */
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

function relativeName(loaded: CampaignFrame): string {
  return `campaigns/${loaded.campaign.id}/campaign.json`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
