/**
 * The partner of each country a campaign maps: the one it names, or else the one partner that lists
 * the country. Mappings that name an unknown partner, need a partner and have none, or name a country
 * missing from the member-state list are reported as problems. Pure.
 */
import type { MemberState } from "../contacts/member-state-schema.js";
import type { Partner } from "../contacts/partner-schema.js";
import type { Problem } from "../core/errors.js";
import type { CountryMapping } from "./campaign-schema.js";
import type { CampaignFrame } from "./loaded-campaign.js";

/** Checks every country mapping of the campaign and returns the partner found for each country. */
export function resolveCountryPartners(
  loaded: CampaignFrame,
  states: ReadonlyMap<string, MemberState>,
  file: string,
  problems: Problem[],
): Map<string, Partner> {
  const partnersById = new Map(loaded.partners.map((p) => [p.id, p]));
  const partnerByCountry = new Map<string, Partner>();
  for (const [cc, mapping] of Object.entries(loaded.campaign.countries)) {
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
  return partnerByCountry;
}

/** The one partner that lists the country, if exactly one does. */
export function defaultPartner(cc: string, partners: readonly Partner[]): Partner | undefined {
  const matches = partners.filter((p) => p.countries.includes(cc));
  return matches.length === 1 ? matches[0] : undefined;
}

/** The partner a country mapping names (checked against partners.csv), or the country's default partner. */
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
