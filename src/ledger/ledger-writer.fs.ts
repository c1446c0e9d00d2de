/**
 * A long-lived ledger appender with group commit: appends that arrive while a write+fsync is in flight
 * are batched into the next single write+fsync. Every `append` resolves only once its events are on
 * disk, so "attempt is durable before the message is handed over" holds; batching only shares fsyncs
 * between messages that are in flight at the same time.
 *
 * Durable means every byte written (short writes are continued, a full disk raises `E_DISK_FULL`), fsynced,
 * and still reachable at the ledger's path: before and after each commit the open file is compared with
 * the path (device, inode, size), so a ledger deleted, replaced or truncated under a running send stops
 * the run (`E_LEDGER_CHANGED`) instead of recording into a file nobody will read again. After any failure
 * the writer refuses every later append with the same error: nothing more is sent without a record.
 */
import { mkdir, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { OperationError } from "../core/errors.js";
import {
  openFile as defaultOpenFile,
  syncFile,
  writeError,
  writeFully,
  type OpenFile,
  type WritableFile,
} from "../core/file-write.fs.js";
import type { LedgerEvent } from "./ledger-event-schema.js";
import { recoverLedger } from "./ledger-recovery.fs.js";

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
}

export interface LedgerAppender {
  append(events: readonly LedgerEvent[]): Promise<void>;
}

export interface LedgerWriterOptions {
  /** How the ledger is opened; tests inject a handle that writes short or fills up. */
  openFile?: OpenFile;
}

export class LedgerWriter implements LedgerAppender {
  private queue: string[] = [];
  private waiters: Waiter[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;
  private failure: Error | undefined;
  /** Number of write+fsync rounds done, for benchmarks and tests of batching. */
  fsyncCount = 0;

  private constructor(
    private readonly path: string,
    private readonly handle: WritableFile,
    private readonly identity: { dev: number; ino: number },
    /** Bytes known to be in the file: what it held when opened plus everything this writer committed. */
    private size: number,
  ) {}

  /** Open (creating) the ledger for appending; a torn last line left by a crash is terminated first. */
  static async open(path: string, options: LedgerWriterOptions = {}): Promise<LedgerWriter> {
    const openFile = options.openFile ?? defaultOpenFile;
    let handle: WritableFile;
    try {
      await mkdir(dirname(path), { recursive: true });
      handle = await openFile(path, "a+");
    } catch (e) {
      throw writeError(path, e);
    }
    const { size, dev, ino } = await handle.stat();
    const writer = new LedgerWriter(path, handle, { dev, ino }, size);
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last.toString() !== "\n") writer.queue.push("");
    }
    return writer;
  }

  append(events: readonly LedgerEvent[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
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
          if (this.failure) throw this.failure;
          await this.commit(Buffer.from(lines.join("\n") + "\n", "utf8"));
          this.fsyncCount += 1;
          for (const w of waiters) w.resolve();
        } catch (e) {
          this.failure ??= e instanceof Error ? e : new Error(String(e));
          for (const w of waiters) w.reject(this.failure);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async commit(bytes: Buffer): Promise<void> {
    const before = await this.checkStillTheLedger();
    try {
      await writeFully(this.handle, bytes, null, this.path);
      await syncFile(this.handle, this.path);
    } catch (e) {
      // Cut off what part of the batch reached the file, so no half-written event is taken as recorded.
      await this.handle
        .truncate(before)
        .then(() => this.handle.sync())
        .catch(() => undefined);
      throw e;
    }
    this.size = before + bytes.length;
    // Deleted or replaced while we wrote: the events are in a file the next run will not read.
    await this.checkStillTheLedger();
  }

  /** The size of the file now; throws `E_LEDGER_CHANGED` when the path no longer leads to our file. */
  private async checkStillTheLedger(): Promise<number> {
    let onDisk;
    try {
      onDisk = await stat(this.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw writeError(this.path, e);
      throw await this.changed("was deleted");
    }
    if (onDisk.dev !== this.identity.dev || onDisk.ino !== this.identity.ino)
      throw await this.changed("was replaced by another file");
    const { size } = await this.handle.stat();
    // Other commands (inbox import, mark) may append while a send runs; nobody may take lines away.
    if (size < this.size) throw await this.changed(`was truncated (from ${this.size} to ${size} bytes)`);
    return size;
  }

  private async changed(what: string): Promise<OperationError> {
    const recovery = await recoverLedger(this.handle, this.path).catch(() => undefined);
    const hint =
      recovery === undefined
        ? "restore the ledger from a backup before sending again, or the next run will send again to everyone it forgot"
        : recovery.restored
          ? `the ledger was put back with everything this run knew; run the same command again to go on`
          : `what this run knew of the ledger is saved in ${recovery.savedAs}; move it back to ${this.path} (unless you meant to forget it) before sending again`;
    return new OperationError(
      "E_LEDGER_CHANGED",
      `${this.path} ${what} while sending; the run stopped so that nothing is sent without a record`,
      { hint },
    );
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
