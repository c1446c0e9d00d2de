/**
 * Per-host pacing: at least `delayMs` between the starts of two requests to the same host. Each caller
 * reserves the next free slot before sleeping, so concurrent callers queue up instead of bunching.
 */
import type { Clock } from "../../core/clock.js";

export class HostPacer {
  private readonly nextSlot = new Map<string, number>();
  private readonly hostDelay = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly delayMs: number,
  ) {}

  /** Resolve when a request to `host` may start. */
  async waitTurn(host: string, signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlot.get(host) ?? now);
    this.nextSlot.set(host, slot + (this.hostDelay.get(host) ?? this.delayMs));
    if (slot > now) await this.clock.sleep(slot - now, signal);
  }

  /** A site's robots.txt Crawl-delay, when longer than ours, applies to that host. */
  slowDownHost(host: string, delayMs: number): void {
    if (delayMs > this.delayMs) this.hostDelay.set(host, delayMs);
  }

  /** A server asked us to wait (Retry-After): nobody talks to that host before then. */
  pushBack(host: string, untilMs: number): void {
    const current = this.nextSlot.get(host) ?? 0;
    if (untilMs > current) this.nextSlot.set(host, untilMs);
  }
}
