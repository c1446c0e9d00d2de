import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { HostPacer } from "../../src/directory/crawl/host-pacer.js";

describe("HostPacer", () => {
  it("spaces requests to one host by the delay, even when callers arrive together", async () => {
    // A clock that stands still and records each sleep: caller n must wait (n - 1) × delay from now.
    const sleeps: number[] = [];
    const still = { now: () => 0, sleep: (ms: number) => (sleeps.push(ms), Promise.resolve()) };
    const pacer = new HostPacer(still, 1000);
    await Promise.all([1, 2, 3].map(() => pacer.waitTurn("a.example")));
    expect(sleeps.sort((a, b) => a - b)).toEqual([1000, 2000]);
  });

  it("does not hold back other hosts, and honours a push-back and a crawl-delay", async () => {
    const clock = new ManualClock(0);
    const pacer = new HostPacer(clock, 1000);
    await pacer.waitTurn("a.example");
    await pacer.waitTurn("b.example");
    expect(clock.now()).toBe(0);
    pacer.pushBack("a.example", 5000);
    await pacer.waitTurn("a.example");
    expect(clock.now()).toBe(5000);
    pacer.slowDownHost("b.example", 3000);
    await pacer.waitTurn("b.example"); // slot reserved before the crawl-delay: next one is 1000 after 0
    await pacer.waitTurn("b.example");
    expect(clock.now()).toBe(5000 + 3000);
  });
});
