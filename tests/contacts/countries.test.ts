import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COUNTRY_ALIASES } from "../../src/contacts/country-aliases.js";
import { countryNameKey, ISO_ALPHA2_CODES, resolveCountry } from "../../src/contacts/countries.js";
import { readMemberStates } from "../../src/contacts/member-states.fs.js";
import { REPO_ROOT } from "../helpers/cli.js";

const resolveAll = (cases: readonly (readonly [string, string | undefined])[]) =>
  cases.map(([text]) => [text, resolveCountry(text)]);

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
    expect(resolveCountry("Republic of")).toBeUndefined();
  });

  it("reads the ITU's and ISO's forms: a name with its state form before, after or in parentheses", () => {
    const cases = [
      ["ALBANIA (REPUBLIC OF)", "AL"],
      ["Algeria (People's Democratic Republic of)", "DZ"],
      ["Korea (Democratic People's Republic of)", "KP"],
      ["DEM. PEOPLE'S REP. OF KOREA", "KP"],
      ["Korea, Republic of", "KR"],
      ["Congo (Republic of the)", "CG"],
      ["Congo, The Democratic Republic of the", "CD"],
      ["Guinea (Republic of)", "GN"],
      ["Equatorial Guinea (Republic of)", "GQ"],
      ["Sudan (Republic of the)", "SD"],
      ["South Sudan (Republic of)", "SS"],
      ["Samoa (Independent State of)", "WS"],
      ["Switzerland (Confederation of)", "CH"],
      ["Tanzania, United Republic of", "TZ"],
      ["Moldova, Republic of", "MD"],
      ["Kingdom of Saudi Arabia", "SA"],
      ["Republic of Guinea", "GN"],
      ["Guinée (République de)", "GN"],
      ["Gabonese Republic", "GA"],
      ["KYRGYZ REPUBLIC", "KG"],
      ["CZECH REP.", "CZ"],
      ["LAO P.D.R.", "LA"],
      ["Myanmar (Burma)", "MM"],
    ] as const;
    expect(resolveAll(cases)).toEqual(cases);
  });

  it("does not guess between two countries of one name", () => {
    expect(resolveCountry("Congo")).toBe("CG"); // the UN's and ITU's short name; DR Congo is never plain "Congo"
    expect(resolveCountry("Korea (North)")).toBeUndefined();
    expect(resolveCountry("Korea (Democratic Republic of)")).toBeUndefined();
  });

  it("knows names in the other letter languages and the spellings CLDR has since adopted", () => {
    const cases = [
      ["Россия", "RU"],
      ["مصر", "EG"],
      ["中国", "CN"],
      ["ไทย", "TH"],
      ["বাংলাদেশ", "BD"],
      ["Deutschland", "DE"],
      ["Syria", "SY"],
      ["Vatican City", "VA"],
      ["Arabia Saudí", "SA"],
    ] as const;
    expect(resolveAll(cases)).toEqual(cases);
  });

  it("has aliases only for what the package lacks, each resolving to its own code and saying why", () => {
    const require = createRequire(import.meta.url);
    const packageKeys = new Map<string, Set<string>>();
    for (const locale of ["en", "fr", "es"]) {
      const { countries } = require(`i18n-iso-countries/langs/${locale}.json`) as {
        countries: Record<string, string | string[]>;
      };
      for (const [code, names] of Object.entries(countries)) {
        for (const name of [names].flat()) {
          const key = countryNameKey(name);
          packageKeys.set(key, new Set([...(packageKeys.get(key) ?? []), code]));
        }
      }
    }
    for (const { code, names, why } of COUNTRY_ALIASES) {
      expect([code, why.length > 10]).toEqual([code, true]);
      for (const name of names) {
        expect([name, resolveCountry(name)]).toEqual([name, code]);
        const owners = packageKeys.get(countryNameKey(name));
        // Either the package lacks the name for this country, or gives it to another one as well.
        const needed = !owners?.has(code) || owners.size > 1;
        expect([name, needed]).toEqual([name, true]);
      }
    }
  });

  it("knows exactly the 249 assigned ISO codes", () => {
    expect(ISO_ALPHA2_CODES.size).toBe(249);
    expect(countryNameKey("The Bahamas")).toBe("bahamas");
    expect(countryNameKey("Irán (República Islámica del)")).toBe(
      countryNameKey("Irán, República Islámica de"),
    );
  });
});
