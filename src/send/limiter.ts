/**
 * Pacing. Pure: time is always passed in (`now`), never read, so tests drive it with a manual clock.
 *
 * Two mechanisms together:
 * - a schedule (GCRA) spacing messages at the per-minute rate, letting `burst` messages go back to back;
 *   it keeps its grid when a timer fires a little late, so lateness does not accumulate into a slower rate;
 * - hard sliding-window caps: per second (max(burst, ceil(perMinute / 60))), per minute, per hour, per
 *   day, and per recipient domain per hour. "At most N in any window" holds exactly.
 * A connection-wide back-off (421) pauses everything until a given time.
 *
 * Slots are granted on the schedule, but a message is handed over a little later (render, ledger fsync),
 * and that delay varies: two hand-overs can bunch up and put cap + 1 of them in one wall-clock second.
 * So the per-second cap is enforced a second time on the actual hand-over times (`handOverAt`,
 * `recordHandOver`), which the sender checks right before it hands a message to the transport.
 */

export interface PacingLimits {
  perMinute: number;
  perHour: number;
  perDay: number;
  perDomainPerHour: number;
  burst: number;
}

export type SlotReason = "ready" | "pace" | "second" | "minute" | "hour" | "day" | "domain" | "paused";

export interface Slot {
  /** Earliest time (ms) a message to this domain may go; equals `now` when it may go now. */
  at: number;
  /** What holds it back; "domain" means other domains may go sooner. */
  reason: SlotReason;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "At most `capacity` events in any window of `windowMs`", remembering only the last `capacity` times. */
export class SlidingWindow {
  private times: number[] = [];
  private head = 0;

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
  ) {}

  private prune(now: number): void {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - this.windowMs)
      this.head += 1;
    // Only the last `capacity` times can hold the window full.
    if (this.times.length - this.head > this.capacity) this.head = this.times.length - this.capacity;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  /** Earliest time ≥ now at which one more event fits. */
  earliest(now: number): number {
    this.prune(now);
    const count = this.times.length - this.head;
    if (count < this.capacity) return now;
    // The window is full: wait until the oldest event that keeps it full falls out.
    const oldest = this.times[this.times.length - this.capacity] ?? now;
    return Math.max(now, oldest + this.windowMs);
  }

  record(now: number): void {
    this.times.push(now);
    this.prune(now);
  }

  get size(): number {
    return this.times.length - this.head;
  }
}

export class SendLimiter {
  private readonly interval: number;
  private readonly tolerance: number;
  /** Theoretical arrival time of the next message on the schedule. */
  private tat = Number.NEGATIVE_INFINITY;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private readonly windows: { reason: SlotReason; window: SlidingWindow }[];
  private readonly domains = new Map<string, SlidingWindow>();
  /** Actual hand-over times of the last second. */
  private readonly handOvers: SlidingWindow;
  private recorded = 0;

  /**
   * `paced: false` (the outbox): nothing to protect, so no message waits and no hand-over is remembered;
   * only a pause (which such a transport never asks for) would hold messages back.
   */
  constructor(
    readonly limits: PacingLimits,
    private readonly paced = true,
  ) {
    this.interval = MINUTE / limits.perMinute;
    this.tolerance = (Math.max(1, limits.burst) - 1) * this.interval;
    this.windows = [
      { reason: "second", window: new SlidingWindow(perSecondCap(limits), SECOND) },
      { reason: "minute", window: new SlidingWindow(limits.perMinute, MINUTE) },
      { reason: "hour", window: new SlidingWindow(limits.perHour, HOUR) },
      { reason: "day", window: new SlidingWindow(limits.perDay, DAY) },
    ];
    this.handOvers = new SlidingWindow(perSecondCap(limits), SECOND);
  }

  /**
   * Earliest time ≥ now at which a message that already has its slot may be handed over: never the
   * (cap + 1)th within one second of the cap-th previous hand-over.
   */
  handOverAt(now: number): number {
    return this.paced ? this.handOvers.earliest(now) : now;
  }

  /** Record that a message was handed over at `now` (call only when `handOverAt(now) <= now`). */
  recordHandOver(now: number): void {
    if (this.paced) this.handOvers.record(now);
  }

  /** When the next message to `domain` may go, and what holds it back. */
  nextSlot(now: number, domain: string): Slot {
    let slot: Slot = { at: now, reason: "ready" };
    const later = (at: number, reason: SlotReason) => {
      if (at > slot.at) slot = { at, reason };
    };
    later(this.pausedUntil, "paused");
    if (!this.paced) return slot;
    later(this.tat - this.tolerance, "pace");
    for (const { reason, window } of this.windows) later(window.earliest(now), reason);
    const global = slot.at;
    const d = this.domains.get(domain.toLowerCase());
    if (d) later(d.earliest(Math.max(now, global)), "domain");
    return slot;
  }

  /** Record that a message to `domain` went at `now` (call only when `nextSlot(now).at <= now`). */
  record(now: number, domain: string): void {
    if (!this.paced) return;
    // Keep the grid when on time, early (burst) or late by less than one interval; restart it after idling.
    this.tat = now >= this.tat + this.interval ? now + this.interval : this.tat + this.interval;
    for (const { window } of this.windows) window.record(now);
    const key = domain.toLowerCase();
    let d = this.domains.get(key);
    if (!d) {
      d = new SlidingWindow(this.limits.perDomainPerHour, HOUR);
      this.domains.set(key, d);
    }
    d.record(now);
    this.recorded += 1;
    if (this.recorded % 10_000 === 0) this.forgetIdleDomains(now);
  }

  /** Hold every message until `until` (a 421 or a dropped connection: back off the whole server). */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** Milliseconds between two messages at the per-minute pace (for ETAs). */
  get paceIntervalMs(): number {
    return this.interval;
  }

  private forgetIdleDomains(now: number): void {
    for (const [key, w] of this.domains)
      if (w.earliest(now) === now && w.size === 0) this.domains.delete(key);
  }
}

/** The per-second cap: the burst, or the per-minute rate spread over a minute, whichever is larger. */
export function perSecondCap(limits: Pick<PacingLimits, "perMinute" | "burst">): number {
  return Math.max(limits.burst, Math.ceil(limits.perMinute / 60));
}

/** Recipient domain of an address, lower-cased ("" when there is none). */
export function domainOf(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : email.slice(at + 1).toLowerCase();
}
