import { describe, expect, it } from "vitest";
import { countryNameKey, ISO_ALPHA2_CODES, resolveCountry } from "../../src/contacts/countries.js";
import { readMemberStates } from "../../src/contacts/member-states.fs.js";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/cli.js";

describe("resolveCountry", () => {
  it("accepts ISO codes in any case", () => {
    expect(["ar", "AR", " Th ", "uk"].map(resolveCountry)).toEqual(["AR", "AR", "TH", "GB"]);
    expect(resolveCountry("ZZ")).toBeUndefined();
    expect(resolveCountry("EU")).toBeUndefined();
  });

  it("resolves English, Spanish and French names, ignoring accents, case and punctuation", () => {
    const cases: [string, string][] = [
      ["Argentina", "AR"],
      ["ARGENTINE REPUBLIC", "AR"],
      ["Tailandia", "TH"],
      ["Thaïlande", "TH"],
      ["Pakistán", "PK"],
      ["Chine", "CN"],
      ["Canadá", "CA"],
      ["Francia", "FR"],
      ["Allemagne", "DE"],
      ["Estados Unidos", "US"],
      ["États-Unis", "US"],
      ["Royaume-Uni", "GB"],
      ["Pays-Bas", "NL"],
      ["cote d'ivoire", "CI"],
      ["Côte d’Ivoire", "CI"],
      ["Korea (Rep. of)", "KR"],
      ["Iran (Islamic Republic of)", "IR"],
      ["Viet Nam", "VN"],
      ["Holy See", "VA"],
      ["Turkey", "TR"],
      ["Saint Kitts and Nevis", "KN"],
      ["St. Kitts & Nevis", "KN"],
      ["Bosnia y Herzegovina", "BA"],
      ["Trinité-et-Tobago", "TT"],
      ["State of Palestine", "PS"],
    ];
    for (const [text, code] of cases) expect([text, resolveCountry(text)]).toEqual([text, code]);
  });

  it("resolves every member-state name in the reference list to its own code", async () => {
    const states = await readMemberStates(join(REPO_ROOT, "contacts", "itu-member-states.csv"));
    for (const s of states) expect([s.name, resolveCountry(s.name)]).toEqual([s.name, s.code]);
  });

  it("returns undefined for unknown names", () => {
    expect(resolveCountry("Narnia")).toBeUndefined();
    expect(resolveCountry("")).toBeUndefined();
  });

  it("knows exactly the 249 assigned ISO codes", () => {
    expect(ISO_ALPHA2_CODES.size).toBe(249);
    expect(countryNameKey("The Bahamas")).toBe("bahamas");
  });
});
