/**
 * Reading and appending `ledger.jsonl`. Appends are durable (fsync) before they return. Reading tolerates
 * a torn last line (a crash mid-write) and reports it; any other bad line is reported with its line number.
 */
import { open } from "node:fs/promises";
import { isAscii } from "node:buffer";
import { basename } from "node:path";
import { InputError, type Problem } from "../core/errors.js";
import type { LedgerEvent } from "./ledger-event-schema.js";
import { parseLedgerLine } from "./ledger-event-shape.js";
import { LedgerWriter, type LedgerWriterOptions } from "./ledger-writer.fs.js";

export interface LedgerRead {
  events: LedgerEvent[];
  /** Torn last line (warning) and invalid lines (errors), with line numbers. */
  problems: Problem[];
}

/** Bytes read per system call: large enough that a 100k-event ledger takes a few dozen reads. */
const CHUNK_BYTES = 1 << 20;

/**
 * The ledger's events one chunk of the file at a time, in order. The file is read in large chunks and split
 * by hand: no readline and no async step per event, which is what made a 100k-event fold slow. Lines are
 * numbered as readline numbers them (`\n`, `\r\n` and a lone `\r` end a line). A missing ledger is empty.
 */
export async function* streamLedgerBatches(
  path: string,
  problems: Problem[] = [],
  options: LedgerReadOptions = {},
): AsyncGenerator<LedgerEvent[]> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  const campaign = options.campaign === undefined ? campaignOfLedgerPath(path) : options.campaign;
  const state: SplitState = { path, problems, lineNo: 0, pendingLine: 0, campaign, foreign: [] };
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    // Bytes at the start of `buffer` that belong to a line not finished yet. Lines are cut at `\n` bytes,
    // which never occur inside a UTF-8 sequence, so each decoded piece is whole text: no decoder state
    // and no string concatenation across chunks.
    let carried = 0;
    for (;;) {
      if (carried === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, carried);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, carried, buffer.length - carried, null);
      if (bytesRead === 0) break;
      const end = carried + bytesRead;
      const lastNewline = buffer.lastIndexOf(10, end - 1);
      if (lastNewline < carried) {
        carried = end;
        continue;
      }
      const batch: LedgerEvent[] = [];
      splitLines(decode(buffer, lastNewline), state, batch);
      buffer.copyWithin(0, lastNewline + 1, end);
      carried = end - lastNewline - 1;
      if (batch.length > 0) yield batch;
    }
    if (carried > 0) {
      // The last line has no newline: a torn write, or a file written by hand.
      const batch: LedgerEvent[] = [];
      let rest = decode(buffer, carried);
      if (rest.endsWith("\r")) rest = rest.slice(0, -1);
      handleCrSeparated(rest, state, batch);
      if (batch.length > 0) yield batch;
    }
  } finally {
    await handle.close();
  }
  if (state.foreign.length > 0) throw foreignEventsError(path, campaign ?? "", state.foreign);
  if (state.pendingLine > 0) {
    problems.push({
      file: path,
      line: state.pendingLine,
      message: "torn last line (a crash while writing); ignored, the event before it stands",
      severity: "warning",
    });
  }
}

export interface LedgerReadOptions {
  /**
   * The campaign every event must belong to; by default the `<id>` of a `campaigns/<id>/ledger.jsonl`
   * (or `campaigns/<id>/outbox/rehearsal.jsonl`) path, none for any other path. `null`: no check.
   */
  campaign?: string | null;
}

/**
 * One campaign per ledger, one rule everywhere: every command reads ledgers through this module, and a
 * line of another campaign makes each of them stop with `E_LEDGER_FOREIGN` naming `file:line`, rather
 * than the sender counting it one way and the report another.
 */
export function campaignOfLedgerPath(path: string): string | null {
  const parts = path.split(/[\\/]+/);
  const n = parts.length;
  if (parts[n - 1] === "ledger.jsonl" && parts[n - 3] === "campaigns") return parts[n - 2] ?? null;
  if (parts[n - 1] === "rehearsal.jsonl" && parts[n - 2] === "outbox" && parts[n - 4] === "campaigns")
    return parts[n - 3] ?? null;
  return null;
}

const FOREIGN_SHOWN = 20;

function foreignEventsError(
  path: string,
  campaign: string,
  foreign: { line: number; campaign: string }[],
): InputError {
  const problems: Problem[] = foreign.slice(0, FOREIGN_SHOWN).map((f) => ({
    file: path,
    line: f.line,
    field: "campaign",
    message: `event of campaign "${f.campaign}" in the ledger of "${campaign}"`,
  }));
  if (foreign.length > FOREIGN_SHOWN)
    problems.push({
      file: path,
      message: `and ${foreign.length - FOREIGN_SHOWN} more lines of other campaigns`,
    });
  return new InputError(
    "E_LEDGER_FOREIGN",
    `${basename(path)} of campaign ${campaign} holds ${foreign.length} event(s) of other campaigns; nothing was read from it`,
    {
      problems,
      hint: `move those lines to the ledger of their own campaign (campaigns/<id>/ledger.jsonl) or delete them, then run the command again`,
    },
  );
}

/** Call `onEvent` for each valid event, in ledger order: the cheapest way to fold a whole ledger. */
export async function forEachLedgerEvent(
  path: string,
  problems: Problem[],
  onEvent: (event: LedgerEvent) => void,
  options: LedgerReadOptions = {},
): Promise<void> {
  for await (const batch of streamLedgerBatches(path, problems, options)) for (const e of batch) onEvent(e);
}

/** Stream the ledger's events in order. A missing ledger is empty. */
export async function* streamLedger(
  path: string,
  problems: Problem[] = [],
  options: LedgerReadOptions = {},
): AsyncGenerator<LedgerEvent> {
  for await (const batch of streamLedgerBatches(path, problems, options)) yield* batch;
}

export async function readLedger(path: string, options: LedgerReadOptions = {}): Promise<LedgerRead> {
  const problems: Problem[] = [];
  const events: LedgerEvent[] = [];
  await forEachLedgerEvent(path, problems, (e) => events.push(e), options);
  return { events, problems };
}

interface SplitState {
  path: string;
  problems: Problem[];
  lineNo: number;
  /** Line number of a bad line not yet reported: a torn tail if nothing follows it, else an error. */
  pendingLine: number;
  /** The campaign every event must belong to, when known. */
  campaign: string | null;
  /** Lines holding another campaign's events. */
  foreign: { line: number; campaign: string }[];
}

/** The first `length` bytes as text; ASCII (nearly every ledger) decodes as latin1, a straight copy. */
function decode(buffer: Buffer, length: number): string {
  const bytes = buffer.subarray(0, length);
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}

/** Handle every line of `text`, a run of whole lines without the final newline. */
function splitLines(text: string, state: SplitState, out: LedgerEvent[]): void {
  const hasCr = text.indexOf("\r") !== -1;
  let start = 0;
  for (;;) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl;
    if (hasCr) {
      const cut = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      handleCrSeparated(text.slice(start, cut), state, out);
    } else handleLine(text.slice(start, end), state, out);
    if (nl === -1) return;
    start = nl + 1;
  }
}

/** A lone `\r` also ends a line, as in readline. */
function handleCrSeparated(text: string, state: SplitState, out: LedgerEvent[]): void {
  if (text.indexOf("\r") === -1) {
    handleLine(text, state, out);
    return;
  }
  for (const part of text.split("\r")) handleLine(part, state, out);
}

function handleLine(text: string, state: SplitState, out: LedgerEvent[]): void {
  state.lineNo += 1;
  if (state.pendingLine > 0) {
    // A bad line followed by more lines is not a torn tail: it is corruption, reported as an error.
    state.problems.push({
      file: state.path,
      line: state.pendingLine,
      message: "not a valid ledger event; line ignored",
      severity: "error",
    });
    state.pendingLine = 0;
  }
  if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === "")) return;
  const event = parseLedgerLine(text);
  if (!event) state.pendingLine = state.lineNo;
  else if (state.campaign !== null && event.campaign !== state.campaign)
    state.foreign.push({ line: state.lineNo, campaign: event.campaign });
  else out.push(event);
}

/**
 * Append events and fsync before returning, through the same durable writer the sender uses (every byte
 * checked, a full disk raises `E_DISK_FULL` and leaves no half event behind). A torn last line left by a
 * crash is first terminated with a newline so the new events start on a line of their own.
 */
export async function appendLedgerEvents(
  path: string,
  events: readonly LedgerEvent[],
  options: LedgerWriterOptions = {},
): Promise<void> {
  if (events.length === 0) return;
  const writer = await LedgerWriter.open(path, options);
  try {
    await writer.append(events);
  } finally {
    await writer.close().catch(() => undefined);
  }
}
