import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readMemberStates } from "../../src/contacts/member-states.fs.js";
import { isOutreachError } from "../../src/core/errors.js";
import { makeTempDir, REPO_ROOT } from "../helpers/cli.js";

// An independent list of the 249 ISO 3166-1 alpha-2 codes (not the one in src/contacts/countries.ts).
const ISO_3166_ALPHA2 = new Set(
  `AF AX AL DZ AS AD AO AI AQ AG AR AM AW AU AT AZ BS BH BD BB BY BE BZ BJ BM BT BO BQ BA BW BV BR IO BN BG BF BI CV KH CM CA
  KY CF TD CL CN CX CC CO KM CG CD CK CR CI HR CU CW CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FK FO FJ FI FR GF PF TF GA GM
  GE DE GH GI GR GL GD GP GU GT GG GN GW GY HT HM VA HN HK HU IS IN ID IR IQ IE IM IL IT JM JP JE JO KZ KE KI KP KR KW KG LA
  LV LB LS LR LY LI LT LU MO MG MW MY MV ML MT MH MQ MR MU YT MX FM MD MC MN ME MS MA MZ MM NA NR NP NL NC NZ NI NE NG NU NF
  MK MP NO OM PK PW PS PA PG PY PE PH PN PL PT PR QA RE RO RU RW BL SH KN LC MF PM VC WS SM ST SA SN RS SC SL SG SX SK SI SB
  SO ZA GS SS ES LK SD SR SJ SE CH SY TW TJ TZ TH TL TG TK TO TT TN TR TM TC TV UG UA AE GB US UM UY UZ VU VE VN VG VI WF EH
  YE ZM ZW`.split(/\s+/),
);

const PATH = join(REPO_ROOT, "contacts", "itu-member-states.csv");

describe("contacts/itu-member-states.csv", () => {
  it("lists 194 members (193 UN members + Holy See) and Palestine as observer", async () => {
    const states = await readMemberStates(PATH);
    expect(ISO_3166_ALPHA2.size).toBe(249);
    const members = states.filter((s) => s.status === "member");
    expect(members).toHaveLength(194);
    expect(states.filter((s) => s.status === "observer").map((s) => s.code)).toEqual(["PS"]);
    expect(members.map((s) => s.code)).toEqual(expect.arrayContaining(["VA", "PW", "SS", "TL", "ME"]));
  });

  it("has unique codes, each a valid ISO 3166-1 alpha-2 code with a name in ICU", async () => {
    const states = await readMemberStates(PATH);
    const codes = states.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
    for (const code of codes) {
      expect(ISO_3166_ALPHA2.has(code), code).toBe(true);
      expect(names.of(code), code).toBeTruthy();
    }
  });

  it("uses the five ITU regions with the expected sizes and known placements", async () => {
    const states = await readMemberStates(PATH);
    const region = new Map(states.map((s) => [s.code, s.region]));
    const count = (r: string) => states.filter((s) => s.status === "member" && s.region === r).length;
    expect([count("A"), count("D")]).toEqual([35, 54]);
    expect(count("A") + count("B") + count("C") + count("D") + count("E")).toBe(194);
    for (const [code, r] of [
      ["AR", "A"],
      ["CA", "A"],
      ["US", "A"],
      ["FR", "B"],
      ["VA", "B"],
      ["TR", "B"],
      ["RU", "C"],
      ["UA", "C"],
      ["KZ", "C"],
      ["EG", "D"],
      ["ZA", "D"],
      ["CN", "E"],
      ["TH", "E"],
      ["PK", "E"],
      ["BD", "E"],
      ["AU", "E"],
      ["PW", "E"],
    ] as const) {
      expect([code, region.get(code)]).toEqual([code, r]);
    }
  });

  it("gives the letter languages of the campaign's translations", async () => {
    const states = await readMemberStates(PATH);
    const lang = new Map(states.map((s) => [s.code, s.language]));
    expect(
      ["AR", "MX", "ES", "TH", "PK", "BD", "CN", "FR", "CA", "SN", "US", "IN"].map((c) => lang.get(c)),
    ).toEqual(["es", "es", "es", "th", "ur", "bn", "zh", "fr", "fr", "fr", "en", "en"]);
  });

  it("gives Arabic to the Arab League, Russian to the RCC administrations, each with a second choice", async () => {
    const states = await readMemberStates(PATH);
    const byLanguage = (lang: string) =>
      states
        .filter((s) => s.language === lang)
        .map((s) => `${s.code}>${s.language2 ?? ""}`)
        .sort();
    expect(byLanguage("ar")).toEqual(
      "AE>en BH>en DZ>fr EG>en IQ>en JO>en KW>en LB>fr LY>en MA>fr MR>fr OM>en PS>en QA>en SA>en SD>en SO>en SY>en TN>fr YE>en".split(
        " ",
      ),
    );
    expect(byLanguage("ru")).toEqual("AM>en AZ>en BY>en KG>en KZ>en RU>en TJ>en TM>en UZ>en".split(" "));
    // Arab League members whose ministries work in French: French first, Arabic second (itu-member-states.md).
    const second = new Map(states.map((s) => [s.code, s.language2]));
    expect(["DJ", "KM"].map((c) => [c, states.find((s) => s.code === c)?.language, second.get(c)])).toEqual([
      ["DJ", "fr", "ar"],
      ["KM", "fr", "ar"],
    ]);
    // A second choice is always another language, and English or French unless it is Arabic.
    for (const s of states.filter((x) => x.language2)) {
      expect([s.code, s.language2 !== s.language, ["en", "fr", "ar"].includes(s.language2 ?? "")]).toEqual([
        s.code,
        true,
        true,
      ]);
    }
  });

  it("reads a file made before the second choice existed, and checks the column when it is there", async () => {
    const dir = await makeTempDir();
    const old = join(dir, "old.csv");
    await writeFile(old, "code,name,region,language,status\nSA,Saudi Arabia,E,en,member\n");
    expect(await readMemberStates(old)).toEqual([
      { code: "SA", name: "Saudi Arabia", region: "E", language: "en", status: "member" },
    ]);
    const bad = join(dir, "bad.csv");
    await writeFile(
      bad,
      "code,name,region,language,language2,status\nSA,Saudi Arabia,E,ar,ar,member\nRU,Russian Federation,C,ru,de,member\nFR,France,B,fr,,member\n",
    );
    const error = await readMemberStates(bad).catch((e: unknown) => e);
    expect(isOutreachError(error) && error.code).toBe("E_MEMBER_STATES_INVALID");
    const problems = isOutreachError(error) ? error.problems.map((p) => [p.line, p.field]) : [];
    expect(problems).toEqual([
      [2, "language2"],
      [3, "language2"],
    ]);
  });

  it("reports every bad row at once as file:line field", async () => {
    const dir = await makeTempDir();
    const file = join(dir, "states.csv");
    await writeFile(
      file,
      "code,name,region,language,status\nAR,Argentina,A,es,member\nzz,Nowhere,Q,xx,member\nAR,Again,A,es,member\n",
    );
    const error = await readMemberStates(file).catch((e: unknown) => e);
    expect(isOutreachError(error) && error.code).toBe("E_MEMBER_STATES_INVALID");
    const problems = isOutreachError(error) ? error.problems.map((p) => [p.line, p.field]) : [];
    expect(problems).toEqual([
      [3, "code"],
      [3, "region"],
      [3, "language"],
      [4, "code"],
    ]);
  });
});
