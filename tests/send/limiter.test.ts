import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { SendLimiter, SlidingWindow, perSecondCap, domainOf } from "../../src/send/limiter.js";

const limits = { perMinute: 600, perHour: 100_000, perDay: 1_000_000, perDomainPerHour: 100_000, burst: 1 };

/** Drive the limiter on a manual clock: each send happens at its slot; returns send times. */
function drive(
  l: SendLimiter,
  clock: ManualClock,
  n: number,
  domainFor: (i: number) => string = () => "a.example",
  lateMs = 0,
): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const slot = l.nextSlot(clock.now(), domainFor(i));
    if (slot.at > clock.now()) clock.advance(slot.at - clock.now() + lateMs);
    expect(l.nextSlot(clock.now(), domainFor(i)).at).toBe(clock.now());
    l.record(clock.now(), domainFor(i));
    times.push(clock.now());
  }
  return times;
}

function maxInWindow(times: number[], windowMs: number): number {
  let max = 0;
  let j = 0;
  for (let i = 0; i < times.length; i++) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= windowMs) j += 1;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe("SendLimiter", () => {
  it("spaces messages at the per-minute rate with no burst above the per-second cap", () => {
    const clock = new ManualClock();
    const times = drive(new SendLimiter(limits), clock, 200);
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBe(199 * 100);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(perSecondCap(limits));
  });

  it("keeps the rate when timers fire a little late (no drift)", () => {
    const clock = new ManualClock();
    const times = drive(new SendLimiter(limits), clock, 200, undefined, 3);
    // 3 ms late on every wait, yet 200 messages still fit in 20 s.
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeLessThan(20_000);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(10);
  });

  it("lets `burst` messages go back to back, then paces", () => {
    const clock = new ManualClock();
    const l = new SendLimiter({ ...limits, perMinute: 60, burst: 3 });
    const times = drive(l, clock, 6);
    expect(times.slice(0, 3)).toEqual([times[0], times[0], times[0]]);
    expect((times[3] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it("enforces the hourly and daily caps exactly", () => {
    const clock = new ManualClock();
    const l = new SendLimiter({ ...limits, perMinute: 60, perHour: 10, perDay: 15 });
    const times = drive(l, clock, 16);
    expect(maxInWindow(times, 3_600_000)).toBe(10);
    expect(maxInWindow(times, 86_400_000)).toBe(15);
    expect((times[10] ?? 0) - (times[0] ?? 0)).toBe(3_600_000);
    expect((times[15] ?? 0) - (times[0] ?? 0)).toBe(86_400_000);
  });

  it("holds a domain at its hourly cap while other domains go on", () => {
    const clock = new ManualClock();
    const l = new SendLimiter({ ...limits, perDomainPerHour: 2 });
    drive(l, clock, 2, () => "gov.example");
    const blocked = l.nextSlot(clock.now(), "GOV.example");
    expect(blocked.reason).toBe("domain");
    expect(blocked.at - clock.now()).toBeGreaterThan(3_000_000);
    clock.advance(100);
    expect(l.nextSlot(clock.now(), "other.example")).toEqual({ at: clock.now(), reason: "ready" });
  });

  it("pauses everything after a connection-wide back-off", () => {
    const clock = new ManualClock();
    const l = new SendLimiter(limits);
    l.pauseUntil(clock.now() + 60_000);
    expect(l.nextSlot(clock.now(), "x.example")).toEqual({ at: clock.now() + 60_000, reason: "paused" });
  });

  it("never lets a (cap + 1)th hand-over into one second, however late the granted slots are handed over", () => {
    const l = new SendLimiter(limits);
    const clock = new ManualClock(0);
    const cap = perSecondCap(limits);
    const handOvers: number[] = [];
    // Slots on the schedule, hand-overs delayed by a varying amount (like an fsync): they would bunch.
    const delays = [90, 5, 60, 0, 95, 10, 80];
    for (let i = 0; i < 60; i++) {
      const slot = l.nextSlot(clock.now(), "a.example");
      if (slot.at > clock.now()) clock.advance(slot.at - clock.now());
      l.record(clock.now(), "a.example");
      let at = clock.now() + (delays[i % delays.length] ?? 0);
      at = Math.max(at, handOvers[handOvers.length - 1] ?? 0);
      const allowed = l.handOverAt(at);
      expect(allowed).toBeGreaterThanOrEqual(at);
      l.recordHandOver(allowed);
      handOvers.push(allowed);
    }
    expect(maxInWindow(handOvers, 1000)).toBeLessThanOrEqual(cap);
    // The gate only trims bunching: the long-run rate stays that of the schedule.
    expect((handOvers[handOvers.length - 1] ?? 0) - (handOvers[0] ?? 0)).toBeLessThan(6_200);
  });

  it("remembers only the last `capacity` times of a window, and still holds it full exactly", () => {
    const w = new SlidingWindow(3, 60_000);
    for (let t = 0; t < 1000; t++) w.record(t);
    expect(w.size).toBe(3);
    // Full with 997, 998, 999: the fourth fits once 997 has left the window.
    expect(w.earliest(1000)).toBe(997 + 60_000);
    expect(w.earliest(61_000)).toBe(61_000);
  });

  it("paces nothing and remembers nothing for a transport that is not paced (the outbox)", () => {
    const tight = { perMinute: 1, perHour: 1, perDay: 1, perDomainPerHour: 1, burst: 1 };
    const l = new SendLimiter(tight, false);
    for (let t = 0; t < 100; t++) {
      expect(l.nextSlot(t, "a.example")).toEqual({ at: t, reason: "ready" });
      expect(l.handOverAt(t)).toBe(t);
      l.record(t, "a.example");
      l.recordHandOver(t);
    }
    // The same limits paced hold the second message for a day.
    const paced = new SendLimiter(tight);
    paced.record(0, "a.example");
    expect(paced.nextSlot(1, "a.example").at).toBe(86_400_000);
  });

  it("extracts the recipient domain", () => {
    expect(domainOf("Someone@Ministry.Example")).toBe("ministry.example");
    expect(domainOf("nobody")).toBe("");
  });
});
