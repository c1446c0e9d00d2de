import { describe, expect, it } from "vitest";
import { formatDuration, formatProgressBar, formatProgressLine } from "../../src/send/format-progress.js";
import { resumeCommand } from "../../src/send/format-summary.js";

const p = {
  sent: 118,
  deferred: 2,
  failed: 1,
  uncertain: 0,
  remaining: 280,
  total: 400,
  startedAt: 0,
  now: 360_000,
  intervalMs: 3000,
};

describe("progress text", () => {
  it("shows counts, rate and an ETA from the slower of observed and configured pace", () => {
    // 120 done in 6 minutes = 20/min; 280 left at 3 s each = 14 min.
    expect(formatProgressLine(p)).toBe(
      "send: 120/400 done (sent 118, deferred 2, failed 1), 20.0/min, ETA 14m",
    );
    expect(formatProgressBar(p, 10)).toBe(
      "[###-------] 120/400  sent 118, deferred 2, failed 1  20.0/min  ETA 14m",
    );
  });

  it("formats durations", () => {
    expect(formatDuration(42_000)).toBe("42s");
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000)).toBe("3h05m");
  });

  it("builds the exact resume command, quoting what needs it", () => {
    expect(
      resumeCommand({
        campaign: "wcit-2012",
        transport: "smtp",
        countries: ["TH", "BD"],
        yes: true,
        workspace: "/home/me/my letters",
      }),
    ).toBe("outreach -w '/home/me/my letters' send wcit-2012 --transport smtp --country TH,BD --yes");
  });
});
