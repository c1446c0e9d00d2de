/**
 * Office hours: when a letter to a country may go. Pure: the time is passed in. Input: the campaign's
 * `sendingWindow` and a country; output: the time zone, working days, and the next opening of the window.
 *
 * - The time zone: `capital-time-zones.ts` (countries-and-timezones; the capital's zone where there are several).
 * - Working days (`days: "workdays"`): the weekend the campaign sets for the country (`sendingWindow.weekends`),
 *   else the government's weekend where it differs from the locale's (`GOVERNMENT_WEEKENDS`: ministries in
 *   India work Monday–Friday, in Bangladesh Sunday–Thursday), else CLDR's through ICU's week data
 *   (`Intl.Locale#weekInfo`): Saturday–Sunday in most countries, Friday–Saturday in Saudi Arabia, Egypt
 *   or Israel, Friday alone in Iran.
 * - Local times are turned into instants with the zone's offset at that instant (`localInstant`), so a
 *   window opens at 09:00 local on both sides of a daylight-saving change.
 */
import { countryTimeZone, countryZones, GOVERNMENT_WEEKENDS } from "./capital-time-zones.js";
import type { Problem } from "../core/errors.js";
import { WEEKDAYS, type SendingWindow } from "./sending-window-schema.js";

/** ISO weekday: 1 = Monday … 7 = Sunday (as CLDR's week data numbers them). */
type Weekday = number;

export interface CountryHours {
  country: string;
  zone: string;
  /** The days the window opens, ISO numbered. */
  days: readonly Weekday[];
  /** Minutes after local midnight. */
  from: number;
  to: number;
}

export interface WindowTimes {
  opensAt: number;
  closesAt: number;
}

const DAY_MS = 86_400_000;

/**
 * The country's weekend (ISO weekdays): the campaign's choice (`sendingWindow.weekends`), the government's
 * (`GOVERNMENT_WEEKENDS`), or CLDR's; Saturday–Sunday when ICU has no week data.
 */
export function weekendDays(
  country: string,
  overrides: Readonly<Record<string, readonly string[]>> = {},
): Weekday[] {
  const code = country.toUpperCase();
  const chosen = overrides[code];
  if (chosen) return chosen.map(weekdayNumber).sort((a, b) => a - b);
  const government = GOVERNMENT_WEEKENDS[code];
  if (government) return [...government];
  const locale = new Intl.Locale(`und-${code}`) as Intl.Locale & {
    weekInfo?: { weekend: number[] };
    getWeekInfo?: () => { weekend: number[] };
  };
  const info = locale.getWeekInfo?.() ?? locale.weekInfo;
  return info?.weekend ?? [6, 7];
}

const weekdayNumber = (name: string): Weekday =>
  WEEKDAYS.indexOf(name.toLowerCase() as (typeof WEEKDAYS)[number]) + 1;

/** The days a window spec names, for a country (`workdays` depends on the country). */
export function windowDays(
  spec: string,
  country: string,
  weekends: Readonly<Record<string, readonly string[]>> = {},
): Weekday[] {
  if (spec === "workdays") {
    const weekend = new Set(weekendDays(country, weekends));
    return [1, 2, 3, 4, 5, 6, 7].filter((d) => !weekend.has(d));
  }
  const index = weekdayNumber;
  const days = new Set<Weekday>();
  for (const part of spec.split(",")) {
    const [first = "", last = first] = part.split("-");
    // A range may wrap around the week: sun-thu is Sunday, Monday … Thursday.
    for (let d = index(first), n = 0; n < 7; d = (d % 7) + 1, n++) {
      days.add(d);
      if (d === index(last)) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A country's office hours, or undefined when no time zone is known for it (the window then does not apply). */
export function countryHours(window: SendingWindow, country: string): CountryHours | undefined {
  const zone = countryTimeZone(country, window.zones);
  if (!zone) return undefined;
  return {
    country,
    zone,
    days: windowDays(window.days, country, window.weekends),
    from: minutesOf(window.from),
    to: minutesOf(window.to),
  };
}

/**
 * Blocking problems of a window: each country letters go to by e-mail with no known time zone (not one
 * zone, no capital's in the table, none chosen in `sendingWindow.zones`). Its letters could not be held to
 * office hours, and going out at any hour is what the window was set to prevent.
 */
export function windowProblems(
  window: SendingWindow | undefined,
  countries: Iterable<string>,
  file: string,
): Problem[] {
  if (!window) return [];
  const problems: Problem[] = [];
  for (const country of [...new Set(countries)].sort()) {
    if (countryTimeZone(country, window.zones)) continue;
    const zones = countryZones(country);
    const example = zones[0] ?? "Region/City";
    problems.push({
      file,
      field: `sendingWindow.zones.${country}`,
      code: "E_WINDOW_NO_ZONE",
      message:
        `no time zone known for ${country}, so its letters cannot be held to office hours` +
        (zones.length ? ` (it has ${zones.length}: ${zones.join(", ")})` : "") +
        `; set the one to use in campaign.json, e.g. "sendingWindow": { "zones": { "${country}": "${example}" } }`,
    });
  }
  return problems;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date, weekday and offset (ms) of an instant in a zone. */
function localParts(zone: string, at: number) {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(at)) p[part.type] = part.value;
  const [y, m, d] = [Number(p.year), Number(p.month), Number(p.day)];
  const wall = Date.UTC(y, m - 1, d, Number(p.hour), Number(p.minute), Number(p.second));
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(p.weekday ?? "") + 1;
  return { y, m, d, weekday, offset: wall - Math.floor(at / 1000) * 1000 };
}

const HOUR_MS = 3_600_000;
const offsetAt = (zone: string, at: number) => localParts(zone, at).offset;

/**
 * The instant a local wall-clock time (a day given as UTC midnight of its date, plus minutes) happens in a
 * zone. The true instant lies within 14 hours of the wall time read as UTC, so the offsets 14 hours either
 * side are the only ones it can have; a candidate counts only if the zone's offset at that very instant
 * gives back the wall time. At a daylight-saving change:
 * - a time the clock shows twice (autumn) is its first occurrence, for an opening and a closing alike: a
 *   window is never later than the clock on the wall says on the first pass;
 * - a time the clock skips (spring) is the end of the gap, the instant the clock jumps past it: a window
 *   that would open at 02:30 opens at 03:00, the first minute that exists.
 */
export function localInstant(zone: string, dayUtc: number, minutes: number): number {
  const wall = dayUtc + minutes * 60_000;
  const offsets = [...new Set([offsetAt(zone, wall - 14 * HOUR_MS), offsetAt(zone, wall + 14 * HOUR_MS)])];
  const fitting = offsets.map((o) => wall - o).filter((c) => c + offsetAt(zone, c) === wall);
  if (fitting.length) return Math.min(...fitting);
  // Skipped: before the jump the clock reads earlier than `wall`, after it later. Find the jump (whole seconds).
  let before = wall - Math.max(...offsets);
  let after = wall - Math.min(...offsets);
  while (after - before > 1000) {
    const mid = before + Math.floor((after - before) / 2000) * 1000;
    if (mid + offsetAt(zone, mid) >= wall) after = mid;
    else before = mid;
  }
  return after;
}

/** The window that is open at `now`, or the next one to open. */
export function nextWindow(hours: CountryHours, now: number): WindowTimes {
  const today = localParts(hours.zone, now);
  const midnight = Date.UTC(today.y, today.m - 1, today.d);
  for (let i = 0; i < 8; i++) {
    const weekday = ((today.weekday - 1 + i) % 7) + 1;
    if (!hours.days.includes(weekday)) continue;
    const day = midnight + i * DAY_MS;
    const closesAt = localInstant(hours.zone, day, hours.to);
    if (closesAt > now) return { opensAt: localInstant(hours.zone, day, hours.from), closesAt };
  }
  // Unreachable with at least one day in the window; a week on is the honest answer otherwise.
  return { opensAt: now + 7 * DAY_MS, closesAt: now + 7 * DAY_MS };
}

/** The earliest time ≥ now a letter to this country may go. */
export function windowOpensAt(hours: CountryHours, now: number): number {
  return Math.max(now, nextWindow(hours, now).opensAt);
}

/**
 * For the sender: country → earliest time ≥ now a letter may go, each country's hours worked out once.
 * A country with no known zone never gets here: `windowProblems` blocks the plan (now is the answer for
 * one all the same, as a rehearsal ignores the window).
 */
export function createWindowSchedule(window: SendingWindow): (country: string, now: number) => number {
  const cache = new Map<string, CountryHours | undefined>();
  return (country, now) => {
    if (!cache.has(country)) cache.set(country, countryHours(window, country));
    const hours = cache.get(country);
    return hours ? windowOpensAt(hours, now) : now;
  };
}
