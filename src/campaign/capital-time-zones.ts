/**
 * Each member state's time zone for office hours: the zones come from countries-and-timezones (the IANA
 * tz database's zones per country); a country with one zone uses it, and for the 28 member states (and
 * Palestine) with several, the zone of the capital, where the ministries sit. The package lists zones
 * alphabetically and has no notion of a capital, hence this table; `tests/campaign/sending-window.test.ts`
 * checks that every entry is one of the package's zones for its country and that every member state
 * with several zones is here. A campaign can choose another zone per country (`sendingWindow.zones`).
 */
import { createRequire } from "node:module";
import type { getCountry as GetCountry } from "countries-and-timezones";

/** The package's lookup, required on first use: the tz tables stay out of `status` and `--help`. */
let lookup: typeof GetCountry | undefined;
function getCountry(code: string): ReturnType<typeof GetCountry> {
  lookup ??= (createRequire(import.meta.url)("countries-and-timezones") as { getCountry: typeof GetCountry })
    .getCountry;
  return lookup(code);
}

export const CAPITAL_ZONES: Readonly<Record<string, string>> = {
  AR: "America/Argentina/Buenos_Aires",
  AU: "Australia/Sydney", // Canberra
  BR: "America/Sao_Paulo", // Brasília
  CA: "America/Toronto", // Ottawa
  CD: "Africa/Lagos", // Kinshasa (West Africa Time)
  CL: "America/Santiago",
  CN: "Asia/Shanghai", // Beijing
  CY: "Asia/Nicosia",
  DE: "Europe/Berlin",
  EC: "America/Guayaquil", // Quito
  ES: "Europe/Madrid",
  FM: "Pacific/Guadalcanal", // Palikir, Pohnpei (Pacific/Pohnpei links here)
  ID: "Asia/Jakarta",
  KI: "Pacific/Tarawa",
  KZ: "Asia/Almaty", // Astana
  MH: "Pacific/Tarawa", // Majuro (Pacific/Majuro links here)
  MN: "Asia/Ulaanbaatar",
  MX: "America/Mexico_City",
  MY: "Asia/Singapore", // Kuala Lumpur (Asia/Kuala_Lumpur links here)
  NZ: "Pacific/Auckland", // Wellington
  PG: "Pacific/Port_Moresby",
  PS: "Asia/Hebron", // Ramallah
  PT: "Europe/Lisbon",
  RU: "Europe/Moscow",
  UA: "Europe/Kyiv",
  US: "America/New_York", // Washington
  UZ: "Asia/Tashkent",
  VN: "Asia/Bangkok", // Hanoi (Asia/Hanoi is not a zone of its own; it links here)
};

/**
 * Weekends of government offices (ISO weekdays, 1 = Monday … 7 = Sunday) where they differ from CLDR's,
 * which describes the locale's common week, not the ministries'. Used before CLDR; a campaign can set its
 * own per country (`sendingWindow.weekends`). Each entry names its source; where we are not sure, it says so.
 */
export const GOVERNMENT_WEEKENDS: Readonly<Record<string, readonly number[]>> = {
  // Central government offices work Monday–Friday (the five-day week since June 1985, Department of
  // Personnel and Training). Some state governments work on Saturdays; ministries in New Delhi do not.
  IN: [6, 7],
  // Uganda Public Service Standing Orders: official hours Monday–Friday. (CLDR: Sunday only.)
  UG: [6, 7],
  // Bangladesh government offices: Friday–Saturday weekend since 2009 (Cabinet Division). (CLDR: Sat–Sun.)
  BD: [5, 6],
  // Maldives government offices work Sunday–Thursday (Civil Service Commission working hours). (CLDR: Sat–Sun.)
  MV: [5, 6],
  // Brunei government offices work Monday–Thursday and Saturday, closed on Friday and Sunday (the
  // government's office hours, as travel guides such as bruneidesi.com quote them). (CLDR: Sat–Sun.)
  BN: [5, 7],
  // Palestinian Authority ministries: Friday–Saturday weekend per Council of Ministers working-hours
  // decisions as we understand them; NOT confirmed against an official text. (CLDR: Sat–Sun.)
  PS: [5, 6],
  // Djibouti: Friday is the weekend (publicholidays.africa and bank-holidays.com, "Weekend: Friday"; schools
  // close Friday and Saturday); NOT confirmed against an official text. (CLDR: Sat–Sun.)
  DJ: [5],
};

/** The zone office hours use for a country: the campaign's choice, the capital's, or its only zone. */
export function countryTimeZone(
  country: string,
  overrides: Readonly<Record<string, string>> = {},
): string | undefined {
  const code = country.toUpperCase();
  const chosen = overrides[code] ?? CAPITAL_ZONES[code];
  if (chosen) return chosen;
  const zones = getCountry(code)?.timezones ?? [];
  return zones.length === 1 ? zones[0] : undefined;
}

/** Every zone the tz database lists for a country (for a message that helps choose one). */
export function countryZones(country: string): readonly string[] {
  return getCountry(country.toUpperCase())?.timezones ?? [];
}
