/**
 * The member state's second choice (issue 12 item 5): Arabic or Russian first, English or French when the
 * campaign has no letter in it, then the campaign default.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/campaign/build-plan.js";
import type { Language } from "../../src/contacts/contact-schema.js";
import type { MemberState } from "../../src/contacts/member-state-schema.js";
import { readMemberStates } from "../../src/contacts/member-states.fs.js";
import { REPO_ROOT } from "../helpers/cli.js";
import { letterSource, makeCampaign, makeContact, makeLoaded } from "./make-loaded.js";

const STATES: MemberState[] = [
  { code: "SA", name: "Saudi Arabia", region: "E", language: "ar", language2: "en", status: "member" },
  { code: "MA", name: "Morocco", region: "D", language: "ar", language2: "fr", status: "member" },
  { code: "KZ", name: "Kazakhstan", region: "C", language: "ru", language2: "en", status: "member" },
  { code: "TH", name: "Thailand", region: "E", language: "th", status: "member" },
];

function planWith(languages: Language[], contacts = ["SA", "MA", "KZ", "TH"], states = STATES) {
  const letters = Object.fromEntries(languages.map((l) => [l, letterSource(l)]));
  const campaign = makeCampaign({
    letters: Object.fromEntries(languages.map((l) => [l, { template: "letter", reviewed: true }])),
  });
  const plan = buildPlan(
    makeLoaded({
      campaign,
      letters,
      memberStates: states,
      contacts: contacts.map((country) => makeContact({ id: country.toLowerCase(), country })),
    }),
  );
  return new Map(plan.entries.map((e) => [e.country, e]));
}

describe("language chain: the member state's second choice", () => {
  it("uses the member state's Arabic or Russian when the campaign has that letter", () => {
    const plan = planWith(["en", "fr", "ar", "ru"]);
    expect(plan.get("SA")).toMatchObject({ language: "ar", languageReason: "member-state default for SA" });
    expect(plan.get("KZ")).toMatchObject({ language: "ru", languageReason: "member-state default for KZ" });
    expect(plan.get("SA")?.warnings).toEqual([]);
  });

  it("falls back to the second choice without a warning, and says why", () => {
    const plan = planWith(["en", "fr"]);
    expect(plan.get("SA")).toMatchObject({
      language: "en",
      languageReason:
        'member-state second choice for SA (fallback: no "ar" letter for member-state default for SA)',
      warnings: [],
    });
    expect(plan.get("MA")).toMatchObject({ language: "fr", warnings: [] });
    expect(plan.get("MA")?.languageReason).toMatch(/^member-state second choice for MA .*no "ar" letter/);
    expect(plan.get("KZ")).toMatchObject({ language: "en", warnings: [] });
  });

  it("goes on to the campaign default, with a warning, when the second choice has no letter either", () => {
    const plan = planWith(["en"]);
    const ma = plan.get("MA");
    expect(ma?.language).toBe("en");
    expect(ma?.languageReason).toBe(
      'campaign default (fallback: no "ar" letter for member-state default for MA; no "fr" letter for member-state second choice for MA)',
    );
    expect(ma?.warnings).toEqual([
      'letter falls back to "en": no "ar" letter for member-state default for MA; no "fr" letter for member-state second choice for MA',
    ]);
    // Without a second choice the chain is as before: member-state default, then the campaign default.
    expect(plan.get("TH")).toMatchObject({ language: "en" });
    expect(plan.get("TH")?.languageReason).toBe(
      'campaign default (fallback: no "th" letter for member-state default for TH)',
    );
  });

  it("still warns when a language asked for more specifically was skipped on the way", () => {
    const letters = { en: letterSource("en"), fr: letterSource("fr") };
    const campaign = makeCampaign({
      letters: { en: { template: "letter", reviewed: true }, fr: { template: "letter", reviewed: true } },
    });
    const plan = buildPlan(
      makeLoaded({
        campaign,
        letters,
        memberStates: STATES,
        contacts: [makeContact({ id: "ru-speaker", country: "MA", language: "ru" })],
      }),
    );
    const [entry] = plan.entries;
    expect(entry?.language).toBe("fr");
    expect(entry?.warnings).toHaveLength(1);
    expect(entry?.warnings[0]).toContain(`no "ru" letter for contact's own language`);
  });

  it("the example campaign (en es fr zh th ur bn) writes to Arab and Russian-speaking states in their second choice", async () => {
    const states = await readMemberStates(join(REPO_ROOT, "contacts", "itu-member-states.csv"));
    const plan = planWith(["en", "es", "fr", "zh", "th", "ur", "bn"], ["EG", "DZ", "RU", "DJ"], states);
    expect([...plan.values()].map((e) => [e.country, e.language, e.warnings.length])).toEqual([
      ["DJ", "fr", 0],
      ["DZ", "fr", 0],
      ["EG", "en", 0],
      ["RU", "en", 0],
    ]);
  });
});
