import { setTimeout as delay } from "node:timers/promises";
import type { Clock } from "./clock.js";

/** The longest single timer Node can hold; a longer one fires after 1 ms (TimeoutOverflowWarning). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The real clock, built only by the composition root and by benchmarks. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    if (!(ms > 0)) return;
    // A wait longer than a timer can hold (a site's huge Crawl-delay) is slept in pieces, never collapsed
    // to 1 ms: that would turn pacing off.
    const until = Date.now() + ms;
    try {
      for (let left = ms; left > 0 && !signal?.aborted; left = until - Date.now())
        await delay(Math.min(left, MAX_TIMER_MS), undefined, signal ? { signal } : undefined);
    } catch (e) {
      if ((e as { name?: string }).name !== "AbortError") throw e;
    }
  },
};
