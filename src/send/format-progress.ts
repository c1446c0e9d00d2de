/** Progress text for a send run. Pure: counts and times in, one line out (a bar for terminals, plain otherwise). */
import type { SendProgress } from "./send-campaign.js";

/** Messages per minute so far, and an ETA from the slower of the observed rate and the limiter's pace. */
export function progressFigures(p: SendProgress): { done: number; perMinute: number; etaMs: number } {
  const done = p.total - p.remaining;
  const elapsed = Math.max(1, p.now - p.startedAt);
  const perMinute = (done / elapsed) * 60_000;
  const observedInterval = done > 0 ? elapsed / done : p.intervalMs;
  const etaMs = p.remaining * Math.max(observedInterval, p.intervalMs);
  return { done, perMinute, etaMs };
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

function counts(p: SendProgress): string {
  const parts = [`sent ${p.sent}`, `deferred ${p.deferred}`, `failed ${p.failed}`];
  if (p.uncertain) parts.push(`uncertain ${p.uncertain}`);
  return parts.join(", ");
}

/** A one-line bar, redrawn in place on a terminal. */
export function formatProgressBar(p: SendProgress, width = 24): string {
  const { done, perMinute, etaMs } = progressFigures(p);
  const filled = p.total > 0 ? Math.round((done / p.total) * width) : width;
  const bar = "#".repeat(filled) + "-".repeat(Math.max(0, width - filled));
  return `[${bar}] ${done}/${p.total}  ${counts(p)}  ${perMinute.toFixed(1)}/min  ETA ${p.remaining ? formatDuration(etaMs) : "0s"}`;
}

/** A plain line for logs and pipes. */
export function formatProgressLine(p: SendProgress): string {
  const { done, perMinute, etaMs } = progressFigures(p);
  return `send: ${done}/${p.total} done (${counts(p)}), ${perMinute.toFixed(1)}/min, ETA ${p.remaining ? formatDuration(etaMs) : "0s"}`;
}
