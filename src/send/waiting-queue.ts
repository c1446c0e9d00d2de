/**
 * The sender's queue of jobs: the one held back for the next slot, the ones waiting for a time (retries,
 * deferred messages of an earlier run, jobs held back by their domain's cap), and the source of new jobs,
 * read ahead only as far as needed. Pure: no clock of its own, the caller passes the time.
 */

export interface WaitingEntry<J> {
  job: J;
  at: number;
  /** `window`: the recipient country's office hours are closed (the campaign's `sendingWindow`). */
  reason: "retry" | "domain" | "window";
  detail: string;
}

export interface QueuedJob {
  /** Not before this time (ms), for a deferred message whose retry time has not come. */
  notBefore?: number | undefined;
}

/** Bound on the jobs read ahead, so a domain with a huge backlog cannot pull the whole list into memory. */
const LOOK_AHEAD = 10_000;

export class WaitingQueue<J extends QueuedJob> {
  /** Sorted by time; equal times keep their order of arrival. */
  private readonly waiting: WaitingEntry<J>[] = [];
  private held: J | undefined;
  private readonly source: Iterator<J>;
  private sourceDone = false;

  constructor(
    source: Iterable<J>,
    private readonly lookAhead = LOOK_AHEAD,
  ) {
    this.source = source[Symbol.iterator]();
  }

  /** The next job that may be considered at `now`: the held one, a waiting one whose time came, or a new one. */
  take(now: number): J | undefined {
    if (this.held) {
      const j = this.held;
      this.held = undefined;
      return j;
    }
    const first = this.waiting[0];
    if (first && first.at <= now) return this.waiting.shift()?.job;
    while (!this.sourceDone && this.waiting.length < this.lookAhead) {
      const next = this.source.next();
      if (next.done) {
        this.sourceDone = true;
        break;
      }
      if (next.value.notBefore !== undefined && next.value.notBefore > now) {
        this.wait(next.value, next.value.notBefore, "retry", "deferred in an earlier run");
        continue;
      }
      return next.value;
    }
    return undefined;
  }

  /** Give back a job that must wait for the next slot: it is the next one `take` returns. */
  hold(job: J): void {
    this.held = job;
  }

  /** Keep a job until `at`. Retries are few, so a sorted insert is cheap. */
  wait(job: J, at: number, reason: WaitingEntry<J>["reason"], detail: string): void {
    let i = this.waiting.length;
    while (i > 0 && (this.waiting[i - 1]?.at ?? 0) > at) i -= 1;
    this.waiting.splice(i, 0, { job, at, reason, detail });
  }

  /** The job that waits for the earliest time. */
  firstWaiting(): WaitingEntry<J> | undefined {
    return this.waiting[0];
  }

  /** True when no job is held, none waits and the source is read to its end. */
  get exhausted(): boolean {
    return this.sourceDone && this.waiting.length === 0 && this.held === undefined;
  }

  /** Jobs waiting for a retry time (a job only held back by a cap is not one). */
  retriesWaiting(): number {
    return this.waiting.filter((w) => w.reason === "retry").length;
  }
}
