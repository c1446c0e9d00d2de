import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateCampaign } from "../../src/campaign/campaign-schema.js";
import { REPO_ROOT } from "../helpers/cli.js";

describe("campaign schema", () => {
  it("accepts the example campaign and applies defaults", async () => {
    const raw: unknown = JSON.parse(
      await readFile(join(REPO_ROOT, "campaigns/wcit-2012/campaign.json"), "utf8"),
    );
    const result = validateCampaign(raw, "campaign.json");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.campaign.letters).sort()).toEqual(["bn", "en", "es", "fr", "th", "ur", "zh"]);
    expect(result.campaign.letters.ur?.reviewed).toBe(false);
    expect(result.campaign.letters.en?.reviewed).toBe(true);
    expect(result.campaign.countries.CN?.delivery).toBe("partner");
    expect(result.campaign.countries.AR?.ccPartner).toBe(true);
    expect(result.campaign.countries.TH?.delivery).toBe("email");
    expect(result.campaign.sender.email).toMatch(/\.example$/);
  });

  it("reports every problem at once with its JSON path", () => {
    const result = validateCampaign(
      {
        id: "Bad Id",
        name: "",
        sender: { name: "x", email: "not-an-email" },
        defaultLanguage: "en",
        messageIdDomain: "x",
        letters: { en: { template: "ok" }, xx: { template: "ok" } },
        countries: { ar: { language: "es" }, PK: { delivery: "pigeon" } },
        limits: { perMinute: -5 },
        extra: true,
      },
      "campaigns/bad/campaign.json",
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = result.problems.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        "id",
        "name",
        "sender.email",
        "messageIdDomain",
        "countries.PK.delivery",
        "limits.perMinute",
        "(root)",
      ]),
    );
    expect(fields.some((f) => f?.startsWith("letters"))).toBe(true);
    expect(fields.some((f) => f?.startsWith("countries"))).toBe(true);
    expect(result.problems.every((p) => p.file === "campaigns/bad/campaign.json")).toBe(true);
  });

  it("requires a letter in the default language", () => {
    const result = validateCampaign(
      {
        id: "c",
        name: "C",
        sender: { name: "x", email: "x@coalition.example" },
        defaultLanguage: "fr",
        messageIdDomain: "outreach.coalition.example",
        letters: { en: { template: "letter" } },
      },
      "campaign.json",
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.field).toBe("defaultLanguage");
  });
});
