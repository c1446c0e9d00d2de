/**
 * Approval and sign-on dates are the machine's calendar day (its time zone, from the injected clock), not
 * UTC's: an approval at 07:30 in Manila on 7 December is dated 2026-12-07 though it is still the 6th in
 * UTC. One check says what a date is, for `--date`, a form's column and a message's Date.
 */
import { describe, expect, it } from "vitest";
import { calendarDateIn, calendarDatePrefix, isCalendarDate } from "../../src/core/calendar-date.js";
import { ManualClock } from "../../src/core/clock.js";
import { EXAMPLE_CAMPAIGN as ID } from "../campaign/edit-workspace.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

const LATE_UTC = Date.UTC(2026, 11, 6, 23, 30); // 2026-12-07 07:30 in Manila

describe("calendar dates", () => {
  it("falls on the day of the time zone", () => {
    expect(calendarDateIn(LATE_UTC, "Asia/Manila")).toBe("2026-12-07");
    expect(calendarDateIn(LATE_UTC, "America/Los_Angeles")).toBe("2026-12-06");
    expect(calendarDateIn(LATE_UTC, "UTC")).toBe("2026-12-06");
  });

  it("is a real date as YYYY-MM-DD, and nothing else", () => {
    expect(["2024-02-29", "2012-11-14"].map(isCalendarDate)).toEqual([true, true]);
    expect(
      ["2026-02-29", "2026-13-01", "2026-00-10", "+020000-01", "2026-1-1", ""].map(isCalendarDate),
    ).toEqual([false, false, false, false, false, false]);
    expect(
      ["2012-11-14T10:00:00Z", "2012-11-14 10:00", "2012-02-30", "+020000-01-01T00:00"].map(
        calendarDatePrefix,
      ),
    ).toEqual(["2012-11-14", "2012-11-14", undefined, undefined]);
  });
});

describe("outreach signatories", () => {
  it("dates an approval on the machine's calendar day", async () => {
    const ws = await copyExampleWorkspace();
    const r = await runInProcess(
      ["signatories", "add", ID, "--name", "Example Manila Group", "--format", "json"],
      {
        workspace: ws,
        env: { TZ: "Asia/Manila" },
        clock: new ManualClock(LATE_UTC),
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const approve = await runInProcess(
      ["signatories", "approve", ID, "example-manila-group", "--format", "json"],
      { workspace: ws, env: { TZ: "Asia/Manila" }, clock: new ManualClock(LATE_UTC) },
    );
    expect(approve.code, approve.stderr).toBe(0);
    expect((JSON.parse(approve.stdout) as { date: string }).date).toBe("2026-12-07");
    const list = await runInProcess(["signatories", "list", ID, "--status", "approved", "--format", "json"], {
      workspace: ws,
    });
    const rows = (JSON.parse(list.stdout) as { signatories: { id: string; signed: string }[] }).signatories;
    expect(rows.find((s) => s.id === "example-manila-group")?.signed).toBe("2026-12-07");
  });

  it("refuses a --date that is no date", async () => {
    const ws = await copyExampleWorkspace();
    const r = await runInProcess(
      ["signatories", "add", ID, "--name", "Example Group", "--date", "2026-02-30"],
      {
        workspace: ws,
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--date "2026-02-30": expected a date as YYYY-MM-DD');
  });
});
