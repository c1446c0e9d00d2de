/**
 * Office hours end to end: a real send (smtp-server on loopback) of the example campaign to 10 countries
 * in 10 time zones, on a manual clock that starts on a Friday evening (UTC) before the weekend Europe
 * moves to summer time (29 March 2026). Every message must arrive inside its country's window in local
 * time, read here with Intl.DateTimeFormat in the recipient's zone (not with the code under test):
 * Monday 09:00 BST in London is 08:00 UTC, one hour earlier than the Friday before; Egypt's week starts
 * on Sunday; India's ministries work Monday–Friday (CLDR's Indian week would include Saturday).
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";
import { REAL_SEND, writeLoopbackConfig } from "../helpers/send-config.js";
import { startScriptedSmtpServer, type ScriptedSmtpServer } from "../helpers/smtp.js";

const COUNTRIES = ["AR", "US", "GB", "FR", "EG", "IN", "TH", "PH", "JP", "AU"];
const WINDOW = { days: "workdays", from: "09:00", to: "17:00" };
/** Written out here, independently of the code under test: each country's zone and working days. */
const MON_FRI = ["Mon", "Tue", "Wed", "Thu", "Fri"];
const EXPECTED: Record<string, { zone: string; days: string[] }> = {
  AR: { zone: "America/Argentina/Buenos_Aires", days: MON_FRI },
  US: { zone: "America/New_York", days: MON_FRI },
  GB: { zone: "Europe/London", days: MON_FRI },
  FR: { zone: "Europe/Paris", days: MON_FRI },
  EG: { zone: "Africa/Cairo", days: ["Sun", "Mon", "Tue", "Wed", "Thu"] },
  IN: { zone: "Asia/Kolkata", days: MON_FRI },
  TH: { zone: "Asia/Bangkok", days: MON_FRI },
  PH: { zone: "Asia/Manila", days: MON_FRI },
  JP: { zone: "Asia/Tokyo", days: MON_FRI },
  AU: { zone: "Australia/Sydney", days: MON_FRI },
};

/** Weekday and HH:MM of an instant on the clocks of a zone. */
function localClock(at: number, zone: string): { weekday: string; time: string } {
  const p: Record<string, string> = {};
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  for (const part of format.formatToParts(at)) p[part.type] = part.value;
  return { weekday: p.weekday ?? "?", time: `${p.hour ?? "?"}:${p.minute ?? "?"}` };
}
// Friday 27 March 2026, 20:00 UTC: 16:00 in New York (open), 21:00 in London (closed).
const START = Date.UTC(2026, 2, 27, 20, 0);

let server: ScriptedSmtpServer;
let workspace: string;
const clock = new ManualClock(START);
const arrivals: { to: string; at: number }[] = [];

beforeAll(async () => {
  server = await startScriptedSmtpServer({
    afterData: (m) => {
      for (const to of m.to) arrivals.push({ to, at: clock.now() });
      return "accept";
    },
  });
  workspace = await copyExampleWorkspace();
  // One message at a time, 30 a minute: the run itself takes simulated minutes, the waits days.
  await writeLoopbackConfig(workspace, server.port, {}, { perMinute: 30, burst: 1, perDomainPerHour: 30 });
  const file = join(workspace, "campaigns/wcit-2012/campaign.json");
  const campaign = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  await writeFile(file, JSON.stringify({ ...campaign, sendingWindow: WINDOW }, null, 2));
});
afterAll(async () => {
  await server.close();
});

/** Recipient address → country, from the directory (a partner's cc is not in it). */
async function countriesByEmail(): Promise<Map<string, string>> {
  const text = await readFile(join(workspace, "contacts/directory.csv"), "utf8");
  const rows = parse<Record<string, string>>(text, { columns: true });
  return new Map(rows.filter((r) => r.email).map((r) => [r.email ?? "", r.country ?? ""]));
}

describe("office hours on a manual clock", () => {
  it("sends each message inside its country's window, across a weekend and a DST change", async () => {
    const run = await runInProcess([...REAL_SEND("wcit-2012"), "--country", COUNTRIES.join(",")], {
      workspace,
      clock,
    });
    expect(run.stderr).toMatch(/waiting until .* for office hours in/);
    expect(run.code, run.stderr).toBe(0);
    const byEmail = await countriesByEmail();
    const letters = arrivals.filter((a) => byEmail.has(a.to));
    const countries = new Set(letters.map((a) => byEmail.get(a.to)));
    expect([...countries].sort()).toEqual([...COUNTRIES].sort());
    for (const a of letters) {
      const country = byEmail.get(a.to) ?? "?";
      const expected = EXPECTED[country];
      if (!expected) throw new Error(`no expectation for ${country}`);
      const local = localClock(a.at, expected.zone);
      const where = `${a.to} (${country}) at ${new Date(a.at).toISOString()}, ${local.weekday} ${local.time} local`;
      expect(expected.days, where).toContain(local.weekday);
      expect(local.time >= "09:00" && local.time < "17:00", where).toBe(true);
    }
    const first = (c: string) => Math.min(...letters.filter((a) => byEmail.get(a.to) === c).map((a) => a.at));
    // New York was open on Friday at 16:00 local.
    expect(first("US")).toBeLessThan(Date.UTC(2026, 2, 27, 21));
    // Cairo's week starts on Sunday; India's ministries do not work on Saturday: Monday 09:00 IST.
    expect(first("EG")).toBeGreaterThanOrEqual(Date.UTC(2026, 2, 29, 7));
    expect(first("EG")).toBeLessThan(Date.UTC(2026, 2, 30));
    expect(first("IN")).toBeGreaterThanOrEqual(Date.UTC(2026, 2, 30, 3, 30));
    expect(first("IN")).toBeLessThan(Date.UTC(2026, 2, 30, 11, 30));
    // London after the change: 09:00 BST is 08:00 UTC on Monday (it was 09:00 UTC on Friday).
    expect(first("GB")).toBeGreaterThanOrEqual(Date.UTC(2026, 2, 30, 8));
    expect(first("GB")).toBeLessThan(Date.UTC(2026, 2, 30, 9));
  });

  it("plan shows each country's zone and next window in its local time", async () => {
    const planClock = new ManualClock(START);
    const json = await runInProcess(["plan", "wcit-2012", "--format", "json", "--country", "GB,US,EG"], {
      workspace,
      clock: planClock,
    });
    expect(json.code, json.stderr).toBe(0);
    const hours = (JSON.parse(json.stdout) as { officeHours: { countries: unknown[] } }).officeHours
      .countries;
    expect(hours).toEqual([
      expect.objectContaining({
        country: "EG",
        zone: "Africa/Cairo",
        days: "Mon Tue Wed Thu Sun",
        openNow: false,
        opensAt: "2026-03-29T07:00:00.000Z",
      }),
      expect.objectContaining({
        country: "GB",
        zone: "Europe/London",
        openNow: false,
        opensAt: "2026-03-30T08:00:00.000Z",
      }),
      expect.objectContaining({ country: "US", zone: "America/New_York", openNow: true }),
    ]);
    const table = await runInProcess(["plan", "wcit-2012", "--country", "GB,US"], {
      workspace,
      clock: planClock,
    });
    expect(table.stdout).toMatch(
      /GB\s+Europe\/London\s+Mon Tue Wed Thu Fri\s+Mon 30 Mar 09:00 – 17:00\s+closed/,
    );
    expect(table.stdout).toMatch(/US\s+America\/New_York\s+.*open now/);
  });

  it("blocks plan and send when a country's time zone is unknown, naming it and sendingWindow.zones", async () => {
    const ws = await copyExampleWorkspace();
    await writeLoopbackConfig(ws, server.port);
    const file = join(ws, "campaigns/wcit-2012/campaign.json");
    const campaign = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...campaign, sendingWindow: WINDOW }, null, 2));
    // The US Minor Outlying Islands: two zones, no capital in the table.
    const directory = join(ws, "contacts/directory.csv");
    await writeFile(
      directory,
      (await readFile(directory, "utf8")) +
        "um-0000000001,UM,Island Office (invented),,,Ada Example,,office@islands.um.example,,,,en,,manual,,2026-11-02T09:00:00Z,active,\n",
    );
    const plan = await runInProcess(["plan", "wcit-2012", "--country", "UM,FR"], { workspace: ws });
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stderr).toMatch(/sendingWindow\.zones\.UM: \[E_WINDOW_NO_ZONE\] no time zone known for UM/);
    const before = arrivals.length;
    const send = await runInProcess([...REAL_SEND("wcit-2012"), "--country", "UM,FR"], {
      workspace: ws,
      clock: new ManualClock(START),
    });
    expect(send.code).toBe(2);
    expect(send.stderr).toContain("E_WINDOW_NO_ZONE");
    expect(arrivals.length).toBe(before);
    // Named in sendingWindow.zones, it plans.
    await writeFile(
      file,
      JSON.stringify({ ...campaign, sendingWindow: { ...WINDOW, zones: { UM: "Pacific/Tarawa" } } }, null, 2),
    );
    const fixed = await runInProcess(["plan", "wcit-2012", "--country", "UM,FR"], { workspace: ws });
    expect(fixed.code, fixed.stderr).toBe(0);
  });

  it("with --no-wait, ends instead of waiting for the window and says until when", async () => {
    const fresh = await copyExampleWorkspace();
    await writeLoopbackConfig(fresh, server.port);
    const file = join(fresh, "campaigns/wcit-2012/campaign.json");
    const campaign = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...campaign, sendingWindow: WINDOW }, null, 2));
    const run = await runInProcess([...REAL_SEND("wcit-2012"), "--country", "GB", "--no-wait"], {
      workspace: fresh,
      clock: new ManualClock(START),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/stopped \(--no-wait\).*office hours in GB/);
  });
});
