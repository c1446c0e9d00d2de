/**
 * Progress text for a send run. Pure: counts and times in, text out (the plain line for logs, the text
 * beside a terminal's bar); when and how it is shown is the CLI's progress display (src/cli/progress.ts).
 * Times of day are the machine's local time, which is what the organiser reads.
 */
import type { SendProgress, WaitInfo } from "./send-progress.js";

/**
 * Messages per minute so far, and an ETA. Sending: from the slower of the observed rate and the limiter's
 * pace. Waiting: the time left to wait, then the remaining messages at the limiter's pace (the observed
 * rate already holds earlier waits, so it would count them twice).
 */
export function progressFigures(p: SendProgress): { done: number; perMinute: number; etaMs: number } {
  const done = p.total - p.remaining;
  const elapsed = Math.max(1, p.now - p.startedAt);
  const perMinute = (done / elapsed) * 60_000;
  const observedInterval = done > 0 ? elapsed / done : p.intervalMs;
  const etaMs = p.waiting
    ? Math.max(0, p.waiting.until - p.now) + leastTimeMs(p.remaining, p)
    : Math.max(p.remaining * observedInterval, leastTimeMs(p.remaining, p));
  return { done, perMinute, etaMs };
}

/** The least time `n` messages take at the pace and under the hourly and daily caps. */
function leastTimeMs(n: number, p: Pick<SendProgress, "intervalMs" | "perHour" | "perDay">): number {
  if (n <= 0) return 0;
  const whole = (cap: number | undefined, ms: number) => (cap ? Math.floor((n - 1) / cap) * ms : 0);
  return Math.max(n * p.intervalMs, whole(p.perHour, 3_600_000), whole(p.perDay, 86_400_000));
}

/** What a wait is for, in words (the time is shown by the caller, in local time). */
export function describeWait(w: WaitInfo): string {
  switch (w.reason) {
    case "retry":
      return `a deferred message's retry time${w.detail ? ` (server said: ${w.detail})` : ""}`;
    case "domain":
      return `the hourly cap for the domain ${w.detail ?? "?"} (send.perDomainPerHour)`;
    case "minute":
      return "the per-minute cap (send.perMinute)";
    case "hour":
      return "the hourly cap (send.perHour)";
    case "day":
      return "the daily cap (send.perDay)";
    case "paused":
      return `the server to recover${w.detail ? ` (${w.detail})` : ""}`;
    case "window":
      return `office hours in ${w.detail ?? "?"} (the campaign's sendingWindow)`;
  }
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A time of day in local time: `14:05:12`, or `2026-12-03 09:00` when it is not today. */
export function formatLocalTime(ms: number, now: number): string {
  const d = new Date(ms);
  const today = new Date(now);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (d.toDateString() === today.toDateString()) return `${time}:${pad(d.getSeconds())}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

/** What the run is waiting for and until when, and the last connection problem, for the progress line. */
function situation(p: SendProgress): string {
  const parts: string[] = [];
  if (p.waiting)
    parts.push(`waiting until ${formatLocalTime(p.waiting.until, p.now)} for ${describeWait(p.waiting)}`);
  if (p.problem && p.waiting?.detail !== p.problem) parts.push(`last problem: ${p.problem}`);
  return parts.length ? ` - ${parts.join("; ")}` : "";
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "?";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h${String(m % 60).padStart(2, "0")}m` : `${Math.round(h / 24)}d`;
}

function counts(p: SendProgress, rehearsal: boolean): string {
  if (rehearsal) return `written ${p.sent}${p.failed ? `, not written ${p.failed}` : ""}`;
  const parts = [`sent ${p.sent}`, `deferred ${p.deferred}`, `failed ${p.failed}`];
  if (p.uncertain) parts.push(`uncertain ${p.uncertain}`);
  return parts.join(", ");
}

/** The share of the run done, 0 to 1 (all of it when there was nothing to do). */
export function progressFraction(p: SendProgress): number {
  return p.total > 0 ? (p.total - p.remaining) / p.total : 1;
}

/** The text beside the bar on a terminal: `120/400  sent 118, deferred 2, failed 1  20.0/min  ETA 14m`. */
export function formatProgressStatus(p: SendProgress, rehearsal = false): string {
  const { done, perMinute, etaMs } = progressFigures(p);
  return `${done}/${p.total}  ${counts(p, rehearsal)}  ${perMinute.toFixed(1)}/min  ETA ${p.remaining ? formatDuration(etaMs) : "0s"}${situation(p)}`;
}

/** A plain line for logs and pipes. */
export function formatProgressLine(p: SendProgress, rehearsal = false): string {
  const { done, perMinute, etaMs } = progressFigures(p);
  return `${rehearsal ? "rehearsal" : "send"}: ${done}/${p.total} done (${counts(p, rehearsal)}), ${perMinute.toFixed(1)}/min, ETA ${p.remaining ? formatDuration(etaMs) : "0s"}${situation(p)}`;
}

/** One state of the run for the progress display: the plain line, the text beside the bar, the share done. */
export function formatSendProgress(
  p: SendProgress,
  rehearsal: boolean,
): { line: string; terminalLine: string; fraction: number } {
  return {
    line: formatProgressLine(p, rehearsal),
    terminalLine: formatProgressStatus(p, rehearsal),
    fraction: progressFraction(p),
  };
}
