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
