import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/campaign/build-plan.js";
import { letterSource, makeCampaign, makeContact, makeLoaded } from "./make-loaded.js";

const letters = { en: letterSource("en"), es: letterSource("es"), ur: letterSource("ur") };
const allLetters = {
  en: { template: "letter", reviewed: true },
  es: { template: "letter", reviewed: false },
  ur: { template: "letter", reviewed: true },
};

describe("buildPlan: language resolution", () => {
  const campaign = makeCampaign({
    letters: allLetters,
    countries: { PK: { language: "ur" }, GB: { language: "es" } },
  });

  it("follows contact language → campaign mapping → member-state default → campaign default, and says why", () => {
    const plan = buildPlan(
      makeLoaded({
        campaign,
        letters,
        contacts: [
          makeContact({ id: "own", country: "PK", language: "en" }),
          makeContact({ id: "mapped", country: "GB" }),
          makeContact({ id: "state", country: "AR" }),
          makeContact({ id: "unknown-country", country: "ZZ" }),
        ],
      }),
    );
    const byId = new Map(plan.entries.map((e) => [e.contact.id, e]));
    expect(byId.get("own")).toMatchObject({ language: "en", languageReason: "contact's own language" });
    expect(byId.get("mapped")).toMatchObject({ language: "es", languageReason: "campaign mapping for GB" });
    expect(byId.get("state")).toMatchObject({
      language: "es",
      languageReason: "member-state default for AR",
    });
    expect(byId.get("unknown-country")).toMatchObject({ language: "en", languageReason: "campaign default" });
    expect(byId.get("unknown-country")?.warnings.join(" ")).toContain("not in the member-state list");
  });

  it("falls back along the chain when the resolved language has no letter, and warns", () => {
    const plan = buildPlan(
      makeLoaded({
        campaign,
        letters,
        contacts: [
          makeContact({ id: "fr", country: "FR" }),
          makeContact({ id: "cn", country: "CN", language: "zh" }),
        ],
      }),
    );
    const fr = plan.entries.find((e) => e.contact.id === "fr");
    expect(fr?.language).toBe("en");
    expect(fr?.languageReason).toMatch(/^campaign default \(fallback: no "fr" letter/);
    expect(fr?.warnings.some((w) => w.includes('falls back to "en"'))).toBe(true);
    const cn = plan.entries.find((e) => e.contact.id === "cn");
    expect(cn?.language).toBe("en");
    expect(cn?.languageReason).toContain(`no "zh" letter for contact's own language`);
  });

  it("warns about unreviewed translations that are actually used", () => {
    const plan = buildPlan(
      makeLoaded({ campaign, letters, contacts: [makeContact({ id: "ar", country: "AR" })] }),
    );
    const warning = plan.problems.find((p) => p.field === "letters.es.reviewed");
    expect(warning?.severity).toBe("warning");
    expect(plan.problems.some((p) => p.field === "letters.ur.reviewed")).toBe(false);
  });
});

describe("buildPlan: audience and delivery", () => {
  it("filters by country, tag and organisation", () => {
    const campaign = makeCampaign({
      audience: {
        includeCountries: ["AR", "GB", "FR"],
        excludeTags: ["press"],
        includeTags: ["ministry", "regulator"],
        excludeOrganisations: ["office of noise (example)"],
        excludeContacts: ["excluded"],
      },
    });
    const plan = buildPlan(
      makeLoaded({
        campaign,
        contacts: [
          makeContact({ id: "in", country: "AR", tags: "ministry" }),
          makeContact({ id: "other-country", country: "PK", tags: "ministry" }),
          makeContact({ id: "press", country: "AR", tags: "ministry;press" }),
          makeContact({ id: "untagged", country: "GB" }),
          makeContact({
            id: "noise",
            country: "FR",
            tags: "regulator",
            organisation: "Office of Noise (Example)",
          }),
          makeContact({ id: "excluded", country: "FR", tags: "regulator" }),
          makeContact({ id: "regulator", country: "FR", tags: "regulator" }),
        ],
      }),
    );
    expect(plan.entries.map((e) => e.contact.id).sort()).toEqual(["in", "regulator"]);
    // GB is included but nobody there is targeted: a warning, not an error, without requireEmailPerCountry.
    expect(plan.problems.find((p) => p.message.includes("GB"))?.severity).toBe("warning");
  });

  it("hands a country to its partner, copies a partner, and marks contacts without email as not deliverable", () => {
    const campaign = makeCampaign({
      countries: { CN: { partner: "hric", delivery: "partner" }, AR: { partner: "cele", ccPartner: true } },
    });
    const plan = buildPlan(
      makeLoaded({
        campaign,
        contacts: [
          makeContact({ id: "cn", country: "CN", email: "" }),
          makeContact({ id: "ar", country: "AR" }),
          makeContact({ id: "gb-no-email", country: "GB", email: "" }),
          makeContact({ id: "gb-bounced", country: "GB", status: "bounced" }),
          makeContact({ id: "gb-bad", country: "GB", email: "not an address" }),
        ],
      }),
    );
    const byId = new Map(plan.entries.map((e) => [e.contact.id, e]));
    expect(byId.get("cn")).toMatchObject({ delivery: "partner", ccPartner: false, partner: { id: "hric" } });
    expect(byId.get("ar")).toMatchObject({ delivery: "email", ccPartner: true, partner: { id: "cele" } });
    expect(byId.get("gb-no-email")?.delivery).toBe("none");
    expect(byId.get("gb-no-email")?.warnings.join()).toContain("no email address");
    expect(byId.get("gb-bad")?.delivery).toBe("none");
    // Bounced contacts stay in the plan (the sender records them as skipped) with a warning.
    expect(byId.get("gb-bounced")?.delivery).toBe("email");
    expect(byId.get("gb-bounced")?.warnings.join()).toContain("bounced");
    expect(plan.totals.byDelivery).toEqual({ email: 2, partner: 1, none: 2 });
    expect(plan.totals.contacts).toBe(5);
  });

  it("reports unknown partners and missing partners as blocking problems with their JSON path", () => {
    const campaign = makeCampaign({
      countries: { FR: { partner: "nobody" }, GB: { delivery: "partner" }, PK: { ccPartner: true } },
    });
    const plan = buildPlan(makeLoaded({ campaign, contacts: [makeContact({ id: "fr", country: "FR" })] }));
    const errors = plan.problems.filter((p) => (p.severity ?? "error") === "error");
    expect(errors.map((p) => p.field).sort()).toEqual([
      "countries.FR.partner",
      "countries.GB",
      "countries.PK",
    ]);
    expect(errors.every((p) => p.file === "campaigns/test-campaign/campaign.json")).toBe(true);
    expect(plan.totals.errors).toBe(3);
  });

  it("blocks a targeted country without any email address when the campaign requires one", () => {
    const campaign = makeCampaign({
      requireEmailPerCountry: true,
      audience: { includeCountries: ["GB", "FR"] },
    });
    const plan = buildPlan(
      makeLoaded({
        campaign,
        contacts: [
          makeContact({ id: "gb", country: "GB", email: "" }),
          makeContact({ id: "fr", country: "FR" }),
        ],
      }),
    );
    const errors = plan.problems.filter((p) => (p.severity ?? "error") === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain("GB");
  });

  it("keeps only the requested countries and sorts entries by country then id", () => {
    const plan = buildPlan(
      makeLoaded({
        contacts: [
          makeContact({ id: "b", country: "GB" }),
          makeContact({ id: "a", country: "GB" }),
          makeContact({ id: "ar", country: "AR" }),
        ],
      }),
      { countries: ["GB"] },
    );
    expect(plan.entries.map((e) => e.contact.id)).toEqual(["a", "b"]);
  });

  it("warns when two targeted contacts share a mailbox", () => {
    const plan = buildPlan(
      makeLoaded({
        contacts: [
          makeContact({ id: "one", country: "GB", email: "shared@ministry.example" }),
          makeContact({ id: "two", country: "GB", email: "Shared@Ministry.example" }),
        ],
      }),
    );
    expect(plan.entries.every((e) => e.warnings.some((w) => w.includes("same email")))).toBe(true);
  });

  it("a contact listing several people is one entry marked as a shared mailbox, with the campaign's salutation setting", () => {
    const shared = makeContact({
      id: "shared",
      country: "GB",
      honorific: "Ms; Mr",
      name: "Grace Example; Henry Example",
      title: "Head of ITU Policy;",
    });
    const single = makeContact({ id: "single", country: "GB" });
    const byDefault = buildPlan(makeLoaded({ contacts: [shared, single] }));
    expect(byDefault.entries).toHaveLength(2);
    expect(byDefault.entries.find((e) => e.contact.id === "shared")?.sharedMailbox).toEqual({
      people: [
        { honorific: "Ms", name: "Grace Example", title: "Head of ITU Policy" },
        { honorific: "Mr", name: "Henry Example", title: "" },
      ],
      salutation: "generic",
    });
    expect(byDefault.entries.find((e) => e.contact.id === "single")?.sharedMailbox).toBeUndefined();
    const names = buildPlan(
      makeLoaded({ campaign: makeCampaign({ sharedMailboxSalutation: "names" }), contacts: [shared] }),
    );
    expect(names.entries[0]?.sharedMailbox?.salutation).toBe("names");
  });
});
