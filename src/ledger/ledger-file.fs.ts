/**
 * Reading and appending `ledger.jsonl`. Appends are durable (fsync) before they return. Reading tolerates
 * a torn last line (a crash mid-write) and reports it; any other bad line is reported with its line number.
 */
import { open, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import type { Problem } from "../core/errors.js";
import { ledgerEventSchema, type LedgerEvent } from "./ledger-event-schema.js";

export interface LedgerRead {
  events: LedgerEvent[];
  /** Torn last line (warning) and invalid lines (errors), with line numbers. */
  problems: Problem[];
}

/** Stream the ledger's events in order. A missing ledger is empty. */
export async function* streamLedger(path: string, problems: Problem[] = []): AsyncGenerator<LedgerEvent> {
  let input;
  try {
    const handle = await open(path, "r");
    input = handle.createReadStream({ encoding: "utf8" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let pending: { line: number; text: string } | undefined;
  for await (const text of lines) {
    lineNo += 1;
    if (pending) {
      // A bad line followed by more lines is not a torn tail: it is corruption, reported as an error.
      problems.push({
        file: path,
        line: pending.line,
        message: "not a valid ledger event; line ignored",
        severity: "error",
      });
      pending = undefined;
    }
    if (text.trim() === "") continue;
    const event = parseLine(text);
    if (event) yield event;
    else pending = { line: lineNo, text };
  }
  if (pending) {
    problems.push({
      file: path,
      line: pending.line,
      message: "torn last line (a crash while writing); ignored, the event before it stands",
      severity: "warning",
    });
  }
}

export async function readLedger(path: string): Promise<LedgerRead> {
  const problems: Problem[] = [];
  const events: LedgerEvent[] = [];
  for await (const e of streamLedger(path, problems)) events.push(e);
  return { events, problems };
}

function parseLine(text: string): LedgerEvent | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = ledgerEventSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Append events and fsync before returning. A torn last line left by a crash is first terminated with a
 * newline so the new events start on a line of their own.
 */
export async function appendLedgerEvents(path: string, events: readonly LedgerEvent[]): Promise<void> {
  if (events.length === 0) return;
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, "a+");
  try {
    const { size } = await handle.stat();
    let prefix = "";
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last.toString() !== "\n") prefix = "\n";
    }
    await handle.write(prefix + events.map((e) => JSON.stringify(e)).join("\n") + "\n");
    await handle.sync();
  } finally {
    await handle.close();
  }
}
