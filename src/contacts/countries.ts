/**
 * Country names to ISO 3166-1 alpha-2 codes. Spreadsheets name countries every which way ("Argentina",
 * "ARGENTINE REPUBLIC", "Pays-Bas", "Estados Unidos", "UK", "Korea (Rep. of)"); this resolves them all to
 * one code. Names come from the i18n-iso-countries tables (CLDR and ISO 3166 based), with the UN's
 * inverted forms derived from them and the few variants they lack (`country-name-index.ts`).
 */
import { createRequire } from "node:module";
import { buildCountryNameIndex, resolveWithoutStateForm } from "./country-name-index.js";
import { countryNameKey } from "./country-name-key.js";

export { countryNameKey } from "./country-name-key.js";

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

let nameIndex: Map<string, string> | undefined;
let nameEntries: (readonly [words: readonly string[], code: string])[] | undefined;

/** The name index, built on the first lookup (a few milliseconds) and kept for the process. */
function countryNameIndex(): Map<string, string> {
  if (!nameIndex) {
    nameIndex = buildCountryNameIndex();
    // Only officially assigned codes: the package also names Kosovo's user-assigned XK.
    for (const [key, code] of nameIndex) if (!ISO_ALPHA2_CODES.has(code)) nameIndex.delete(key);
  }
  return nameIndex;
}

/** Known name, else a known name with a state form around it, else "X (Y)" where X and Y agree. */
function resolveCountryName(text: string): string | undefined {
  const index = countryNameIndex();
  const key = countryNameKey(text);
  if (!key) return undefined;
  const known = index.get(key);
  if (known) return known;
  nameEntries ??= [...index].map(([k, code]) => [k.split(" "), code] as const);
  const withoutForm = resolveWithoutStateForm(key, nameEntries);
  if (withoutForm) return withoutForm;
  // "Myanmar (Burma)": two names of one country.
  const parts = /^(.+?)\s*\(([^()]+)\)\s*$/.exec(text);
  if (!parts) return undefined;
  const outer = index.get(countryNameKey(parts[1] ?? ""));
  return outer && outer === index.get(countryNameKey(parts[2] ?? "")) ? outer : undefined;
}

/**
 * The alpha-2 code for an ISO code (any case) or a country name: English, French and Spanish names,
 * official and everyday (and those of the other letter languages), the UN's and the ITU's forms
 * ("Bolivia (Plurinational State of)", "République-Unie de Tanzanie", "ARGENTINE REPUBLIC"); undefined
 * when the text names no country we know. Callers that resolve many rows memoise it
 * (`makeCountryResolver` in src/directory/validate-row.ts).
 */
export function resolveCountry(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const code = trimmed.toUpperCase();
    if (ISO_ALPHA2_CODES.has(code)) return code;
    return code === "UK" ? "GB" : undefined;
  }
  return resolveCountryName(trimmed);
}

/**
 * ISO 3166-1 numeric code (three digits, as world-atlas names countries) of an alpha-2 code, from the
 * i18n-iso-countries tables: a maintained copy of the standard rather than a hand-kept list.
 */
export function isoNumericCode(alpha2: string): string | undefined {
  numericCodes ??= new Map(
    // [alpha-2, alpha-3, numeric] per country; read on first use so start-up does not pay for it.
    (createRequire(import.meta.url)("i18n-iso-countries/codes.json") as [string, string, string][]).map(
      ([a2, , numeric]) => [a2, numeric],
    ),
  );
  return numericCodes.get(alpha2.toUpperCase());
}

let numericCodes: Map<string, string> | undefined;
