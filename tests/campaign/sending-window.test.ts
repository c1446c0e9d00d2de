/**
 * Office hours, pure: each member state's zone (countries-and-timezones, the capital's where there are
 * several), weekends (the campaign's, the government's, CLDR's), windows on both sides of a daylight-saving
 * change checked against a brute-force reading of the clock, and the schema.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { getCountry } from "countries-and-timezones";
import { describe, expect, it } from "vitest";
import {
  CAPITAL_ZONES,
  GOVERNMENT_WEEKENDS,
  countryTimeZone,
} from "../../src/campaign/capital-time-zones.js";
import {
  countryHours,
  createWindowSchedule,
  localInstant,
  nextWindow,
  weekendDays,
  windowDays,
} from "../../src/campaign/sending-window.js";
import { sendingWindowSchema } from "../../src/campaign/sending-window-schema.js";
import { REPO_ROOT } from "../helpers/cli.js";

const WINDOW = sendingWindowSchema.parse({ from: "09:00", to: "17:00" });
const iso = (ms: number) => new Date(ms).toISOString();

async function memberStates(): Promise<string[]> {
  const text = await readFile(join(REPO_ROOT, "contacts/itu-member-states.csv"), "utf8");
  return text
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.slice(0, 2));
}

describe("time zones of member states", () => {
  it("gives every member state a zone: its only one, or its capital's from the table", async () => {
    const states = await memberStates();
    expect(states.length).toBeGreaterThan(190);
    for (const code of states) {
      const zones = getCountry(code)?.timezones ?? [];
      const zone = countryTimeZone(code);
      expect(zone, code).toBeDefined();
      expect(zones, `${code}: ${zone ?? ""} is one of the package's zones`).toContain(zone);
      if (zones.length > 1) expect(CAPITAL_ZONES[code], `${code} has several zones`).toBeDefined();
    }
    // No stale entries: each is a member state with several zones.
    for (const code of Object.keys(CAPITAL_ZONES))
      expect(getCountry(code)?.timezones.length).toBeGreaterThan(1);
  });

  it("lets the campaign choose another zone for a country", () => {
    expect(countryTimeZone("US")).toBe("America/New_York");
    expect(countryTimeZone("US", { US: "America/Chicago" })).toBe("America/Chicago");
  });
});

describe("working days: the campaign's, the government's, then CLDR's", () => {
  it("knows Friday–Saturday and Friday-only weekends from CLDR", () => {
    expect(weekendDays("FR")).toEqual([6, 7]);
    expect(weekendDays("SA")).toEqual([5, 6]);
    expect(weekendDays("EG")).toEqual([5, 6]);
    expect(weekendDays("IR")).toEqual([5]);
    expect(windowDays("workdays", "SA")).toEqual([1, 2, 3, 4, 7]);
  });

  it("uses government weekends where CLDR's locale week differs: India and Uganda Mon–Fri, Bangladesh Sun–Thu", () => {
    // CLDR gives India and Uganda a Sunday-only weekend and Bangladesh Saturday–Sunday.
    expect(windowDays("workdays", "IN")).toEqual([1, 2, 3, 4, 5]);
    expect(windowDays("workdays", "UG")).toEqual([1, 2, 3, 4, 5]);
    expect(windowDays("workdays", "BD")).toEqual([1, 2, 3, 4, 7]);
    expect(weekendDays("BN")).toEqual([5, 7]);
    for (const [code, days] of Object.entries(GOVERNMENT_WEEKENDS)) {
      expect(days.length, code).toBeGreaterThan(0);
      expect(
        days.every((d) => d >= 1 && d <= 7),
        code,
      ).toBe(true);
    }
  });

  it("lets the campaign set a country's weekend (sendingWindow.weekends)", () => {
    const window = sendingWindowSchema.parse({ weekends: { IN: ["sun"], FR: ["fri", "sat"] } });
    expect(countryHours(window, "IN")?.days).toEqual([1, 2, 3, 4, 5, 6]);
    expect(countryHours(window, "FR")?.days).toEqual([1, 2, 3, 4, 7]);
    expect(countryHours(window, "BD")?.days).toEqual([1, 2, 3, 4, 7]);
    expect(sendingWindowSchema.safeParse({ weekends: { IN: ["saturday"] } }).success).toBe(false);
    expect(sendingWindowSchema.safeParse({ weekends: { in: ["sat"] } }).success).toBe(false);
  });

  it("reads ranges (wrapping round the week) and lists", () => {
    expect(windowDays("mon-fri", "SA")).toEqual([1, 2, 3, 4, 5]);
    expect(windowDays("sun-thu", "FR")).toEqual([1, 2, 3, 4, 7]);
    expect(windowDays("mon,wed-thu,sat", "FR")).toEqual([1, 3, 4, 6]);
  });
});

describe("the next window", () => {
  it("is open now inside the hours, and on the next working day after them", () => {
    const paris = countryHours(WINDOW, "FR");
    if (!paris) throw new Error("no zone");
    // Wednesday 14 January 2026 10:00 UTC is 11:00 in Paris: open.
    const wed = Date.UTC(2026, 0, 14, 10);
    expect(nextWindow(paris, wed).opensAt).toBeLessThanOrEqual(wed);
    // Friday 16 January 17:30 Paris → Monday 19 January 09:00 Paris (08:00 UTC).
    expect(iso(nextWindow(paris, Date.UTC(2026, 0, 16, 16, 30)).opensAt)).toBe("2026-01-19T08:00:00.000Z");
  });

  it("opens at 09:00 local on both sides of a daylight-saving change", () => {
    const london = countryHours(WINDOW, "GB");
    const newYork = countryHours(WINDOW, "US");
    if (!london || !newYork) throw new Error("no zone");
    // Europe moves its clocks on Sunday 29 March 2026; the US did on 8 March.
    expect(iso(nextWindow(london, Date.UTC(2026, 2, 26, 20)).opensAt)).toBe("2026-03-27T09:00:00.000Z");
    expect(iso(nextWindow(london, Date.UTC(2026, 2, 27, 20)).opensAt)).toBe("2026-03-30T08:00:00.000Z");
    expect(iso(nextWindow(newYork, Date.UTC(2026, 2, 6, 23)).opensAt)).toBe("2026-03-09T13:00:00.000Z");
    expect(iso(nextWindow(newYork, Date.UTC(2026, 2, 5, 23)).opensAt)).toBe("2026-03-06T14:00:00.000Z");
  });

  it("turns local times into instants at DST changes: first occurrence of a repeated time, end of a skipped one", () => {
    const HOUR = 3_600_000;
    // Independent reading of the clock: the first instant (15-minute steps, where these zones change)
    // at which the zone's clock shows `wall` or later.
    const formats = new Map<string, Intl.DateTimeFormat>();
    const reading = (zone: string, at: number) => {
      const p: Record<string, string> = {};
      const f =
        formats.get(zone) ??
        new Intl.DateTimeFormat("en-US", {
          timeZone: zone,
          hourCycle: "h23",
          year: "numeric",
          month: "numeric",
          day: "numeric",
          hour: "numeric",
          minute: "numeric",
        });
      formats.set(zone, f);
      for (const part of f.formatToParts(at)) p[part.type] = part.value;
      return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
    };
    const firstAtOrAfter = (zone: string, wall: number) => {
      for (let t = wall - 15 * HOUR; t < wall + 15 * HOUR; t += 15 * 60_000)
        if (reading(zone, t) >= wall) return t;
      throw new Error("not found");
    };
    const days: [string, number][] = [
      ["Asia/Hebron", Date.UTC(2026, 2, 28)], // Sat 28 Mar: 02:00 → 03:00
      ["Asia/Hebron", Date.UTC(2026, 9, 23)], // Fri 23 Oct, evening before the change
      ["Asia/Hebron", Date.UTC(2026, 9, 24)], // Sat 24 Oct: 02:00 → 01:00
      ["Asia/Jerusalem", Date.UTC(2026, 2, 27)], // Fri 27 Mar: 02:00 → 03:00
      ["Asia/Jerusalem", Date.UTC(2026, 9, 25)], // Sun 25 Oct: 02:00 → 01:00
      ["Europe/London", Date.UTC(2026, 2, 29)],
      ["Europe/London", Date.UTC(2026, 9, 25)],
      ["America/New_York", Date.UTC(2026, 2, 8)],
      ["America/New_York", Date.UTC(2026, 10, 1)],
    ];
    for (const [zone, day] of days)
      for (let minutes = 0; minutes < 24 * 60; minutes += 30)
        expect(iso(localInstant(zone, day, minutes)), `${zone} ${iso(day)} +${minutes} min`).toBe(
          iso(firstAtOrAfter(zone, day + minutes * 60_000)),
        );
    // The reviewed cases: Hebron's window to 23:30 on Friday 23 Oct closes at 23:30 local (+03:00), not an
    // hour later; a Jerusalem window from 02:30 on the day the clock skips 02:00–03:00 opens at 03:00.
    const hebron = {
      country: "PS",
      zone: "Asia/Hebron",
      days: [1, 2, 3, 4, 5, 6, 7],
      from: 22 * 60,
      to: 23 * 60 + 30,
    };
    expect(iso(nextWindow(hebron, Date.UTC(2026, 9, 23, 19)).closesAt)).toBe("2026-10-23T20:30:00.000Z");
    const jerusalem = { country: "IL", zone: "Asia/Jerusalem", days: [5], from: 150, to: 17 * 60 };
    expect(iso(nextWindow(jerusalem, Date.UTC(2026, 2, 26, 12)).opensAt)).toBe("2026-03-27T00:00:00.000Z");
  });

  it("skips a Friday–Saturday weekend, and sends at once where no zone is known", () => {
    const riyadh = countryHours(WINDOW, "SA");
    if (!riyadh) throw new Error("no zone");
    // Thursday 26 March 2026 16:00 Riyadh (13:00 UTC) is open; Friday is not: Sunday 09:00 (06:00 UTC).
    expect(nextWindow(riyadh, Date.UTC(2026, 2, 26, 13)).opensAt).toBeLessThanOrEqual(
      Date.UTC(2026, 2, 26, 13),
    );
    expect(iso(nextWindow(riyadh, Date.UTC(2026, 2, 27, 8)).opensAt)).toBe("2026-03-29T06:00:00.000Z");
    const schedule = createWindowSchedule(WINDOW);
    expect(schedule("XX", 1000)).toBe(1000);
  });
});

describe("the sendingWindow schema", () => {
  it("is off unless set, defaults to workdays 09:00–17:00, and refuses bad days, times and zones", () => {
    expect(WINDOW).toEqual({ days: "workdays", from: "09:00", to: "17:00", zones: {}, weekends: {} });
    for (const bad of [
      { days: "weekdays" },
      { from: "9:00" },
      { from: "18:00" },
      { zones: { US: "Mars/Olympus" } },
    ])
      expect(sendingWindowSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});
