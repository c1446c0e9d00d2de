/**
 * A long-lived ledger appender with group commit: appends that arrive while a write+fsync is in flight
 * are batched into the next single write+fsync. Every `append` resolves only once its events are on
 * disk, so "attempt is durable before the message is handed over" holds; batching only shares fsyncs
 * between messages that are in flight at the same time.
 */
import { mkdir, open, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import type { LedgerEvent } from "./ledger-event-schema.js";

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
}

export interface LedgerAppender {
  append(events: readonly LedgerEvent[]): Promise<void>;
}

export class LedgerWriter implements LedgerAppender {
  private queue: string[] = [];
  private waiters: Waiter[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;
  /** Number of write+fsync rounds done, for benchmarks and tests of batching. */
  fsyncCount = 0;

  private constructor(private readonly handle: FileHandle) {}

  /** Open (creating) the ledger for appending; a torn last line left by a crash is terminated first. */
  static async open(path: string): Promise<LedgerWriter> {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, "a+");
    const { size } = await handle.stat();
    const writer = new LedgerWriter(handle);
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last.toString() !== "\n") writer.queue.push("");
    }
    return writer;
  }

  append(events: readonly LedgerEvent[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error("ledger writer is closed"));
    if (events.length === 0) return Promise.resolve();
    for (const e of events) this.queue.push(JSON.stringify(e));
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.flushing ??= this.flushLoop();
    return done;
  }

  private async flushLoop(): Promise<void> {
    // Let appends issued in the same tick join this batch.
    await new Promise<void>((r) => setImmediate(r));
    try {
      while (this.queue.length > 0) {
        const lines = this.queue;
        const waiters = this.waiters;
        this.queue = [];
        this.waiters = [];
        try {
          await this.handle.write(lines.join("\n") + "\n");
          await this.handle.sync();
          this.fsyncCount += 1;
          for (const w of waiters) w.resolve();
        } catch (e) {
          for (const w of waiters) w.reject(e);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  /** Wait for everything appended so far to be durable. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.handle.close();
  }
}
