import { describe, expect, it } from "vitest";
import { drawBar } from "../../src/cli/progress.js";
import { formatDuration, formatProgressLine, formatSendProgress } from "../../src/send/format-progress.js";
import type { SendProgress } from "../../src/send/send-progress.js";

/** The line a terminal shows: the progress display's bar beside the send stage's text. */
function formatProgressBar(p: SendProgress, width: number): string {
  const { terminalLine, fraction } = formatSendProgress(p, false);
  return `[${drawBar(fraction, width)}] ${terminalLine}`;
}
import { describeResume, resumeCommand } from "../../src/send/format-summary.js";

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

  it("builds the resume command from what was typed, quoting what needs it, adding nothing", () => {
    expect(
      resumeCommand({
        globalArgs: ["-w", "/home/me/my letters"],
        campaign: "wcit-2012",
        transport: "smtp",
        country: "TH,BD",
        limit: "20",
        yes: true,
      }),
    ).toBe(
      "outreach -w '/home/me/my letters' send wcit-2012 --transport smtp --country TH,BD --limit 20 --yes",
    );
    expect(resumeCommand({ globalArgs: [], campaign: "wcit-2012", country: "CH" })).toBe(
      "outreach send wcit-2012 --country CH",
    );
  });

  it("says what the run waits for and until when (local time), and the ETA counts the wait", () => {
    const now = new Date(2026, 11, 2, 14, 0, 0).getTime();
    const waiting = {
      ...p,
      now,
      startedAt: now - 360_000,
      waiting: { reason: "hour" as const, until: new Date(2026, 11, 2, 14, 30, 5).getTime() },
    };
    // 30 minutes of waiting, then 280 messages at 3 s each.
    expect(formatProgressLine(waiting)).toBe(
      "send: 120/400 done (sent 118, deferred 2, failed 1), 20.0/min, ETA 44m - waiting until 14:30:05 for the hourly cap (send.perHour)",
    );
    const tomorrow = {
      ...waiting,
      waiting: { reason: "day" as const, until: new Date(2026, 11, 3, 9, 0).getTime() },
    };
    expect(formatProgressLine(tomorrow)).toContain("waiting until 2026-12-03 09:00 for the daily cap");
    const refused = { ...p, problem: "connect ECONNREFUSED 127.0.0.1:25" };
    expect(formatProgressBar(refused, 10)).toContain("last problem: connect ECONNREFUSED 127.0.0.1:25");
  });

  it("an ETA respects the hourly cap for long runs", () => {
    // 1,000 left at 20/min would be 50 minutes, but 600/h means at least one more hour.
    const long = {
      ...p,
      remaining: 1000,
      total: 1120,
      perHour: 600,
      now: 1000,
      startedAt: 0,
      sent: 120,
      deferred: 0,
      failed: 0,
    };
    expect(formatProgressLine(long)).toMatch(/ETA 1h00m$/);
  });

  it("says in words what resuming will do", () => {
    expect(describeResume({ remaining: 27, rehearsal: false })).toBe("sends the 27 remaining messages");
    expect(describeResume({ remaining: 27, limit: 3, rehearsal: false })).toBe(
      "sends the next 3 of the 27 remaining messages (--limit 3)",
    );
    expect(describeResume({ remaining: 1, limit: 3, rehearsal: false })).toBe(
      "sends the 1 remaining message",
    );
    expect(describeResume({ remaining: 4, rehearsal: true })).toBe(
      "writes the 4 remaining messages to the outbox (a rehearsal: nothing is delivered)",
    );
  });
});
