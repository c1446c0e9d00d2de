/**
 * How long to wait before the next attempt. Pure: exponential backoff from `backoffBaseMs`, doubled per
 * attempt, capped at `backoffMaxMs`, with "equal jitter" (half fixed, half random) so that many
 * deferred messages do not come back at the same instant. A connection-wide deferral (421) waits at
 * least twice as long as a per-message one: the server asked everyone to go away.
 */
import type { Random } from "../core/clock.js";

export interface BackoffSettings {
  backoffBaseMs: number;
  backoffMaxMs: number;
}

/** `attempt` is the number of the attempt that was just deferred (1 for the first). */
export function retryDelay(
  attempt: number,
  outcome: { scope: "message" | "connection" },
  random: Random,
  settings: BackoffSettings,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0) + (outcome.scope === "connection" ? 1 : 0), 30);
  const full = Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(full / 2 + (full / 2) * r);
}
