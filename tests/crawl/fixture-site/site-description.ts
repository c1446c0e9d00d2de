/**
 * A seeded description of an invented membership site shaped like the ITU pages (member-state list →
 * country page → ministry page). Countries are real ISO codes (the key the crawler must find); every
 * ministry, person, address and mailbox is invented, at reserved domains (.example, .test, .invalid).
 * The description is also the expected result: tests compare what the crawler found with it.
 */
import { ISO_ALPHA2_CODES } from "../../../src/contacts/countries.js";
import { seededRandom } from "../../helpers/seeded-random.js";

export type Lang = "en" | "fr" | "es";
export type Layout = "table" | "dl" | "lines";
export type Obfuscation = "mailto" | "plain" | "entity" | "brackets" | "parens" | "words";

export interface PersonDesc {
  honorific: string;
  name: string;
  title: string;
  email: string;
  phone: string;
  obfuscation: Obfuscation;
}

export type MinistryPageKind =
  | {
      kind: "contacts";
      layout: Layout;
      lang: Lang;
      people: PersonDesc[];
      generalEmail?: string;
      address: string;
    }
  | { kind: "login" }
  | { kind: "none" };

/** Faults the server injects on a page. */
export type Fault =
  | { kind: "retry-after"; seconds: number; times: number }
  | { kind: "error-then-ok"; status: number; times: number }
  | { kind: "slow"; ms: number }
  | { kind: "redirect-off-host"; path: string }
  | { kind: "oversized"; bytes: number };

export interface MinistryDesc {
  id: number;
  name: string;
  place: string;
  sectors: ("R" | "T" | "D")[];
  /** The category cell text, or undefined when the cell is missing from the row. */
  categories: string | undefined;
  /** Path of its level-3 page (possibly under a robots-disallowed prefix), or undefined for no link. */
  path: string | undefined;
  page: MinistryPageKind;
  fault?: Fault;
}

export interface CountryDesc {
  id: number;
  code: string;
  ituName: string;
  region: string;
  symbol: string;
  /** The domain cell, or undefined when the cell is missing. */
  domain: string | undefined;
  entryDate: string;
  path: string;
  ministries: MinistryDesc[];
  /** Members that are not ministries (operators, academia): the crawler must leave them out. */
  others: { name: string; categories: string }[];
  malformed: boolean;
  nestedTables: boolean;
  fault?: Fault;
}

export interface SiteDescription {
  countries: CountryDesc[];
  listPath: string;
  robotsTxt: string;
  disallowedPrefix: string;
}

export interface DescribeOptions {
  seed: number;
  countryCount: number;
  ministriesPerCountry: number;
  /** Add the special cases and faults the tests look for (on by default). */
  specialCases?: boolean;
}

/** ITU-style upper-case short names for the first countries of the small fixture. */
const HAND_PICKED: [code: string, ituName: string, symbol: string, domain: string][] = [
  ["AF", "AFGHANISTAN", "AFG", ".AF"],
  ["AR", "ARGENTINE REPUBLIC", "ARG", ".AR"],
  ["BJ", "BENIN", "BEN", ".BJ"],
  ["BO", "BOLIVIA (PLURINATIONAL STATE OF)", "BOL", ".BO"],
  ["CZ", "CZECH REP.", "CZE", ".CZ"],
  ["KP", "DEM. PEOPLE'S REP. OF KOREA", "KRE", ".KP"],
  ["LA", "LAO P.D.R.", "LAO", ".LA"],
  ["GB", "UNITED KINGDOM", "G", ".UK"],
  ["MC", "MONACO", "MCO", ".MC"],
  ["NL", "NETHERLANDS", "HOL", ".NL"],
  ["FR", "FRANCE", "F", ""],
  ["SN", "SENEGAL", "SEN", ".SN"],
  ["PE", "PERU", "PRU", ".PE"],
  ["TH", "THAILAND", "THA", ".TH"],
  ["BD", "BANGLADESH", "BGD", ".BD"],
  ["PK", "PAKISTAN", "PAK", ".PK"],
  ["MX", "MEXICO", "MEX", ".MX"],
  ["CI", "COTE D'IVOIRE", "CTI", ".CI"],
  ["KE", "KENYA", "KEN", ".KE"],
  ["VN", "VIET NAM", "VTN", ".VN"],
  ["CL", "CHILE", "CHL", ".CL"],
  ["TN", "TUNISIA", "TUN", ".TN"],
  ["NP", "NEPAL", "NPL", ".NP"],
  ["UY", "URUGUAY", "URG", ".UY"],
];

/** Indexes of the countries that carry one special case each (small fixture). */
export const SPECIAL = {
  quotedComma: 0,
  retryAfter: 1,
  errorThenOk: 2,
  slow: 3,
  offHostRedirect: 4,
  oversized: 5,
  robotsDisallowed: 6,
  login: 7,
  noMinistries: 8,
  malformed: 9,
  noPersonData: 10,
  missingDomain: 10,
  missingCategories: 12,
  nestedTables: 13,
} as const;

const FIRST = [
  "Amina",
  "Bruno",
  "Chen",
  "Dara",
  "Elif",
  "Farid",
  "Greta",
  "Hugo",
  "Ines",
  "Jonas",
  "Kemal",
  "Lina",
  "Mateo",
  "Nadia",
  "Omar",
  "Priya",
  "Quentin",
  "Rosa",
  "Sami",
  "Tove",
];
const LAST = [
  "Avelar",
  "Brenko",
  "Castiro",
  "Dunmore",
  "Eskander",
  "Faulkes",
  "Garrow",
  "Hallen",
  "Ibarrez",
  "Jessop",
  "Kovar",
  "Lunde",
  "Morrow",
  "Nyquist",
  "Orsini",
  "Pelletan",
  "Quarles",
  "Rinaldo",
  "Sandove",
  "Tarrant",
];
const HONORIFIC: Record<Lang, string[]> = {
  en: ["Mr.", "Ms.", "Dr."],
  fr: ["M.", "Mme", "Dr"],
  es: ["Sr.", "Sra.", "Dr."],
};
const TITLES: Record<Lang, string[]> = {
  en: ["Director of Telecommunications", "Head of International Relations", "ITU Focal Point"],
  fr: ["Directeur des télécommunications", "Chef de la coopération internationale", "Point focal UIT"],
  es: ["Directora de Telecomunicaciones", "Jefe de Relaciones Internacionales", "Punto focal UIT"],
};
const MINISTRY_NAMES: Record<Lang, string[]> = {
  en: [
    "Ministry of Communications",
    "Ministry of Digital Affairs",
    "Telecommunications Administration",
    "Ministry of Information Technology",
  ],
  fr: [
    "Ministère des Postes et Télécommunications",
    "Ministère de l'Économie numérique",
    "Administration des télécommunications",
    "Ministère de la Communication",
  ],
  es: [
    "Ministerio de Transportes y Comunicaciones",
    "Ministerio de Tecnologías de la Información",
    "Administración de Telecomunicaciones",
    "Ministerio de Ciencia",
  ],
};
const CATEGORIES = [
  "Administration",
  "Ministry",
  "Administration / Ministry",
  "Regulator, Administration",
  "Government",
];
const OBFUSCATIONS: Obfuscation[] = ["mailto", "plain", "entity", "brackets", "parens", "words"];
const LANGS: Lang[] = ["en", "fr", "es"];
const LAYOUTS: Layout[] = ["table", "dl", "lines"];
const TLDS = ["example", "test", "invalid"];

export function describeSite(options: DescribeOptions): SiteDescription {
  const rnd = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const special = options.specialCases ?? true;
  const codes = countryList(options.countryCount);
  let ministryId = 0;
  const countries: CountryDesc[] = codes.map(([code, ituName, symbol, domain], i) => {
    const tld = TLDS[i % 3] as string;
    const ministries: MinistryDesc[] = [];
    const count = special && i === SPECIAL.noMinistries ? 0 : options.ministriesPerCountry;
    for (let m = 0; m < count; m++) {
      const id = ++ministryId;
      const mlang = LANGS[(i + m) % 3] as Lang;
      const layout = LAYOUTS[m % 3] as Layout;
      const baseName = MINISTRY_NAMES[mlang][m % 4] as string;
      const name = m < 4 ? baseName : `${baseName} ${m}`;
      const host = `min${id}.${code.toLowerCase()}.${tld}`;
      const people: PersonDesc[] = [];
      const personCount = 1 + (id % 2);
      for (let p = 0; p < personCount; p++) {
        const first = pick(FIRST);
        const last = pick(LAST);
        people.push({
          honorific: pick(HONORIFIC[mlang]),
          name: `${first} ${last}`,
          title: pick(TITLES[mlang]),
          email: `${first.toLowerCase()}.${last.toLowerCase()}@${host}`,
          phone: `+000 ${100 + id} ${1000 + p}`,
          obfuscation: OBFUSCATIONS[(id + p) % OBFUSCATIONS.length] as Obfuscation,
        });
      }
      ministries.push({
        id,
        name,
        place: `Capital ${code}`,
        sectors: (["R", "T", "D"] as const).filter((_, k) => (id + k) % 2 === 0),
        categories: pick(CATEGORIES),
        path: `/online/mm/scripts/mm.world?_memid=${id}`,
        page: {
          kind: "contacts",
          layout,
          lang: mlang,
          people,
          generalEmail: `info@${host}`,
          address: `${id} Avenue of the Republic, Capital ${code}`,
        },
      });
    }
    const country: CountryDesc = {
      id: i + 1,
      code,
      ituName,
      region: "ABCDE"[i % 5] as string,
      symbol,
      domain,
      entryDate: `${1900 + ((i * 7) % 120)}/${1 + (i % 12)}/${1 + (i % 28)}${i % 4 === 1 ? " *" : ""}`,
      path: `/online/mm/scripts/gensel9?_ctryid=${i + 1}`,
      ministries,
      others: [
        {
          name: `${ituName.charAt(0)}${ituName.slice(1).toLowerCase()} Telecom S.A.`,
          categories: "Operator / ROA",
        },
        { name: `National University of ${code}`, categories: "Academia" },
      ],
      malformed: false,
      nestedTables: false,
    };
    return country;
  });
  if (special) applySpecialCases(countries);
  return {
    countries,
    listPath: "/online/mm/scripts/gensel8",
    disallowedPrefix: "/online/private/",
    robotsTxt: "User-agent: *\nDisallow: /online/private/\n\nUser-agent: some-other-bot\nDisallow: /\n",
  };
}

function countryList(n: number): [string, string, string, string | undefined][] {
  const list: [string, string, string, string | undefined][] = HAND_PICKED.slice(0, n).map(
    ([c, name, sym, dom]) => [c, name, sym, dom === "" ? undefined : dom],
  );
  if (list.length >= n) return list;
  const used = new Set(list.map((c) => c[0]));
  const names = new Intl.DisplayNames(["en"], { type: "region" });
  for (const code of [...ISO_ALPHA2_CODES].sort()) {
    if (list.length >= n) break;
    if (used.has(code)) continue;
    list.push([code, (names.of(code) ?? code).toUpperCase(), code + "X", code === "GB" ? ".UK" : `.${code}`]);
  }
  if (list.length < n) throw new Error(`only ${list.length} country codes available`);
  return list;
}

function applySpecialCases(countries: CountryDesc[]): void {
  const at = (i: number) => countries[i] as CountryDesc;
  const first = (i: number) => at(i).ministries[0] as MinistryDesc;
  first(SPECIAL.quotedComma).name = "Ministry of Posts, Telecommunications and Digital Economy";
  at(SPECIAL.retryAfter).fault = { kind: "retry-after", seconds: 1, times: 1 };
  first(SPECIAL.errorThenOk).fault = { kind: "error-then-ok", status: 500, times: 1 };
  first(SPECIAL.slow).fault = { kind: "slow", ms: 3000 };
  first(SPECIAL.offHostRedirect).fault = { kind: "redirect-off-host", path: "/elsewhere/ministry.html" };
  first(SPECIAL.oversized).fault = { kind: "oversized", bytes: 400_000 };
  const hidden = first(SPECIAL.robotsDisallowed);
  hidden.path = `/online/private/mm.world?_memid=${hidden.id}`;
  first(SPECIAL.login).page = { kind: "login" };
  at(SPECIAL.malformed).malformed = true;
  for (const m of at(SPECIAL.noPersonData).ministries) {
    m.path = undefined;
    m.page = { kind: "none" };
  }
  at(SPECIAL.missingDomain).domain = undefined;
  at(SPECIAL.missingCategories).ministries.forEach((m, k) => {
    // A missing category cell: kept only because the name says "Ministry"/"Ministère"/"Ministerio".
    if (k === 0) {
      m.categories = undefined;
      m.name = "Ministry of Information and Broadcasting";
    }
  });
  at(SPECIAL.nestedTables).nestedTables = true;
}

/** Ministries the crawler should report, with the fields it should find (for test assertions). */
export function expectedPeople(
  site: SiteDescription,
): { country: string; ministry: MinistryDesc; person: PersonDesc }[] {
  return site.countries.flatMap((c) =>
    c.ministries.flatMap((m) =>
      m.page.kind === "contacts" && m.path !== undefined
        ? m.page.people.map((person) => ({ country: c.code, ministry: m, person }))
        : [],
    ),
  );
}
