/** Time and randomness are passed in so that pacing, retries and timestamps are testable on a manual clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export type Random = () => number;

/** A manual clock for tests: time moves only when `advance` or `sleep` is called. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** Sleeping on a manual clock advances it, so code under test runs in real milliseconds. */
  sleep(ms: number): Promise<void> {
    this.advance(ms);
    return Promise.resolve();
  }

  advance(ms: number): void {
    this.current += Math.max(0, ms);
  }
}
