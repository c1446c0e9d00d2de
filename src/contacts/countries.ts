/**
 * Country names to ISO 3166-1 alpha-2 codes. Spreadsheets name countries every which way ("Argentina",
 * "ARGENTINE REPUBLIC", "Pays-Bas", "Estados Unidos", "UK", "Korea (Rep. of)"); this resolves them all to
 * one code. Names come from the ICU data built into Node (`Intl.DisplayNames` in English, Spanish and
 * French) plus a small table of official and everyday variants that ICU does not list.
 */
import isoCountries from "i18n-iso-countries";
import { foldAccentsAndCase } from "../core/fold-text.js";

/** The 249 officially assigned ISO 3166-1 alpha-2 codes. */
export const ISO_ALPHA2_CODES: ReadonlySet<string> = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
    "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
    "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
    "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
  ).split(" "),
);

/** Variants that ICU's display names miss: official UN/ITU long forms, old names, abbreviations. */
const ALIASES: Record<string, readonly string[]> = {
  AE: ["UAE", "EAU", "Emiratos Árabes", "Émirats arabes unis"],
  AG: ["Antigua"],
  AR: ["Argentine Republic", "República Argentina", "Republica Argentina", "Argentine"],
  BA: ["Bosnia"],
  BN: ["Brunei Darussalam"],
  BO: [
    "Bolivia (Plurinational State of)",
    "Plurinational State of Bolivia",
    "Estado Plurinacional de Bolivia",
  ],
  BS: ["The Bahamas", "Commonwealth of the Bahamas"],
  CD: [
    "Democratic Republic of the Congo",
    "DR Congo",
    "DRC",
    "RDC",
    "Congo (Democratic Republic of the)",
    "Congo (Dem. Rep. of the)",
    "Congo-Kinshasa",
    "Zaire",
  ],
  CG: [
    "Republic of the Congo",
    "Congo (Republic of the)",
    "Congo (Rep. of the)",
    "Congo-Brazzaville",
    "Congo",
  ],
  CI: ["Ivory Coast", "Cote d'Ivoire", "Republic of Côte d'Ivoire"],
  CN: [
    "People's Republic of China",
    "PRC",
    "China (People's Republic of)",
    "República Popular China",
    "République populaire de Chine",
  ],
  CV: ["Cape Verde", "Cabo Verde"],
  CZ: ["Czech Republic", "República Checa", "République tchèque"],
  DE: ["Federal Republic of Germany"],
  FM: ["Micronesia (Federated States of)", "Federated States of Micronesia"],
  GB: [
    "UK",
    "U.K.",
    "Great Britain",
    "United Kingdom of Great Britain and Northern Ireland",
    "Britain",
    "England",
    "Gran Bretaña",
    "Grande-Bretagne",
  ],
  GM: ["The Gambia", "Gambia (Republic of the)"],
  IR: ["Iran (Islamic Republic of)", "Islamic Republic of Iran"],
  KN: ["Saint Kitts and Nevis", "St Kitts and Nevis"],
  KP: [
    "Democratic People's Republic of Korea",
    "DPRK",
    "Korea (Democratic People's Republic of)",
    "Korea (D.P.R. of)",
    "Corea del Norte",
    "Corée du Nord",
  ],
  KR: [
    "Republic of Korea",
    "Korea (Republic of)",
    "Korea (Rep. of)",
    "Korea",
    "Corea del Sur",
    "Corée du Sud",
  ],
  LA: ["Lao People's Democratic Republic", "Lao P.D.R.", "Lao PDR", "Lao"],
  LC: ["Saint Lucia", "St Lucia"],
  MD: ["Republic of Moldova", "Moldova (Republic of)"],
  MK: ["Macedonia", "The former Yugoslav Republic of Macedonia", "FYROM"],
  MM: ["Myanmar", "Burma"],
  NL: ["Netherlands (Kingdom of the)", "The Netherlands", "Holland", "Holanda"],
  PS: [
    "Palestine",
    "State of Palestine",
    "Palestinian Authority",
    "Estado de Palestina",
    "État de Palestine",
  ],
  RU: ["Russian Federation", "Federación de Rusia", "Fédération de Russie"],
  ST: ["Sao Tome and Principe", "São Tomé and Príncipe"],
  SY: ["Syrian Arab Republic", "República Árabe Siria", "République arabe syrienne"],
  SZ: ["Swaziland", "Kingdom of Eswatini"],
  TL: ["East Timor"],
  TR: ["Turkey", "Türkiye", "Turquía", "Turquie"],
  TT: ["Trinidad and Tobago"],
  TZ: ["United Republic of Tanzania", "Tanzania (United Republic of)"],
  US: [
    "USA",
    "U.S.A.",
    "U.S.",
    "United States of America",
    "America",
    "EE.UU.",
    "EEUU",
    "EE. UU.",
    "Estados Unidos de América",
    "États-Unis d'Amérique",
  ],
  VA: ["Holy See", "Vatican", "Vatican City State", "Santa Sede", "Saint-Siège", "Vaticano"],
  VC: ["Saint Vincent and the Grenadines", "St Vincent and the Grenadines"],
  VE: [
    "Venezuela (Bolivarian Republic of)",
    "Bolivarian Republic of Venezuela",
    "República Bolivariana de Venezuela",
  ],
  VN: ["Viet Nam", "Vietnam"],
};

/** Accent-, case- and punctuation-insensitive form of a name: "Côte d’Ivoire" → "cote divoire". */
export function countryNameKey(text: string): string {
  return foldAccentsAndCase(text)
    .replace(/&/g, " and ")
    .replace(/['’`´.]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/^(the|la|le|les|el|l) /, "")
    .replace(/ (and|y|et) /g, " and ");
}

let nameIndex: Map<string, string> | undefined;

function buildNameIndex(): Map<string, string> {
  const index = new Map<string, string>();
  const add = (name: string | undefined, code: string) => {
    if (!name) return;
    const key = countryNameKey(name);
    if (key && !index.has(key)) index.set(key, code);
  };
  // Aliases first so an explicit choice (e.g. "Congo" → CG) wins over any ICU short form.
  for (const [code, names] of Object.entries(ALIASES)) for (const n of names) add(n, code);
  for (const locale of ["en", "es", "fr"]) {
    for (const style of ["long", "short", "narrow"] as const) {
      const names = new Intl.DisplayNames([locale], { type: "region", style, fallback: "none" });
      for (const code of ISO_ALPHA2_CODES) {
        const name = names.of(code);
        add(name, code);
        // ICU writes "Congo - Kinshasa", "Myanmar (Burma)": also accept the part before the qualifier.
        if (name) add(name.replace(/\s*[-(].*$/, ""), code);
      }
    }
  }
  // "St. Lucia" / "Saint Lucia" / "San Vicente": accept the spelled-out and short saint forms alike.
  for (const [key, code] of [...index]) {
    if (key.startsWith("st ")) add(`saint ${key.slice(3)}`, code);
  }
  return index;
}

/**
 * The alpha-2 code for an ISO code (any case) or a country name in English, Spanish or French,
 * or undefined when the text names no country we know.
 */
export function resolveCountry(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const code = trimmed.toUpperCase();
    if (ISO_ALPHA2_CODES.has(code)) return code;
    return code === "UK" ? "GB" : undefined;
  }
  nameIndex ??= buildNameIndex();
  return nameIndex.get(countryNameKey(trimmed));
}

/**
 * ISO 3166-1 numeric code (three digits, as world-atlas names countries) of an alpha-2 code, from the
 * i18n-iso-countries tables: a maintained copy of the standard rather than a hand-kept list.
 */
export function isoNumericCode(alpha2: string): string | undefined {
  return isoCountries.alpha2ToNumeric(alpha2);
}
