/**
 * The plan's checks across entries: targeted countries nobody can be emailed in, and planned languages
 * whose translation is marked as not reviewed. Pure; problems join the list given.
 */
import type { Language } from "../contacts/contact-schema.js";
import type { Problem } from "../core/errors.js";
import type { PlanEntry } from "./build-plan.js";
import type { Campaign } from "./campaign-schema.js";
import type { CampaignFrame } from "./loaded-campaign.js";

/** Targeted countries nobody can be emailed in: an error when the campaign requires email in each, else a warning. */
export function checkCountries(
  loaded: CampaignFrame,
  entries: readonly PlanEntry[],
  includeCountries: ReadonlySet<string> | undefined,
  onlyCountries: ReadonlySet<string> | undefined,
  file: string,
  problems: Problem[],
): void {
  const { campaign } = loaded;
  const byCountry = new Map<string, PlanEntry[]>();
  for (const e of entries) {
    const list = byCountry.get(e.country);
    if (list) list.push(e);
    else byCountry.set(e.country, [e]);
  }
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

/** A warning for every planned language whose translation is marked as not reviewed. */
export function checkReviewed(
  campaign: Campaign,
  entries: readonly PlanEntry[],
  file: string,
  problems: Problem[],
): void {
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
}
