import { setTimeout as delay } from "node:timers/promises";
import type { Clock } from "./clock.js";

/** The real clock, built only by the composition root and by benchmarks. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    if (ms <= 0) return;
    try {
      await delay(ms, undefined, signal ? { signal } : undefined);
    } catch (e) {
      if ((e as { name?: string }).name !== "AbortError") throw e;
    }
  },
};
