/**
 * `outreach status` on a 100,000-event ledger (25,000 contacts: attempt + sent for each, plus bounces,
 * auto-replies, replies and marks). Target: under 2 s for the whole command. Baseline in the same run:
 * reading the same file line by line with JSON.parse only (no validation, no fold), so the ratio shows
 * what the schema check and the fold cost on top of plain I/O.
 */
import { cp, mkdtemp, open, rm } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { runCli } from "../src/cli/run.js";
import { workspacePaths } from "../src/core/workspace.js";
import type { LedgerEvent } from "../src/ledger/ledger-event-schema.js";
import { median, peakRssMb, report, timed } from "./measure.js";

const EVENTS = 100_000;
const root = resolve(import.meta.dirname, "..");
const ws = await mkdtemp(join(tmpdir(), "outreach-bench-status-"));
for (const sub of ["contacts", "campaigns", "templates"]) {
  await cp(join(root, sub), join(ws, sub), {
    recursive: true,
    filter: (src) => !/(outbox|ledger\.jsonl|report\.html|partners)$/.test(src),
  });
}
const ledger = workspacePaths(ws).ledger("wcit-2012");

async function writeLedger(): Promise<number> {
  const handle = await open(ledger, "w");
  let written = 0;
  let contact = 0;
  const start = Date.UTC(2026, 10, 1);
  while (written < EVENTS) {
    const id = `xx-${contact.toString(16).padStart(10, "0")}`;
    const at = new Date(start + written * 1000).toISOString();
    const m = {
      campaign: "wcit-2012",
      contact: id,
      messageId: `<wcit-2012.${id}@outreach.coalition.example>`,
      language: "en",
      revision: "r1",
      attempt: 1,
      email: `${id}@ministry.example`,
    };
    const batch: LedgerEvent[] = [
      { type: "attempt", at, ...m, transport: "smtp" },
      { type: "sent", at, ...m, response: "250 2.0.0 Ok: queued as ABC123" },
    ];
    const k = contact % 10;
    if (k === 1)
      batch.push({
        type: "bounced",
        at,
        campaign: "wcit-2012",
        contact: id,
        kind: "hard",
        status: "5.1.1",
        diagnostic: "550 5.1.1 User unknown",
        sourceMessageId: `<b-${id}@mx.example>`,
      });
    if (k === 2 || k === 3)
      batch.push({
        type: "auto-replied",
        at,
        campaign: "wcit-2012",
        contact: id,
        from: m.email,
        subject: "Out of office",
        sourceMessageId: `<a-${id}@mx.example>`,
      });
    if (k === 4 || k === 5)
      batch.push({
        type: "replied",
        at,
        campaign: "wcit-2012",
        contact: id,
        from: m.email,
        date: at,
        subject: "Re: letter",
        sourceMessageId: `<r-${id}@mx.example>`,
      });
    if (k === 6 || k === 7)
      batch.push({
        type: "marked",
        at,
        campaign: "wcit-2012",
        contact: id,
        outcome: "meeting-held",
        note: "met",
        by: "cli",
      });
    const lines =
      batch
        .slice(0, EVENTS - written)
        .map((e) => JSON.stringify(e))
        .join("\n") + "\n";
    await handle.write(lines);
    written += Math.min(batch.length, EVENTS - written);
    contact += 1;
  }
  await handle.close();
  return contact;
}

async function baseline(): Promise<number> {
  let n = 0;
  const lines = createInterface({
    input: createReadStream(ledger, { encoding: "utf8" }),
    crlfDelay: Infinity,
  });
  for await (const line of lines) if (line) n += (JSON.parse(line) as { at?: string }).at ? 1 : 0;
  return n;
}

async function status(format = "json"): Promise<number> {
  let bytes = 0;
  const code = await runCli(["status", "wcit-2012", "--format", format], {
    workspace: ws,
    env: {},
    stdout: (t) => (bytes += t.length),
    stderr: () => undefined,
    interactive: false,
  });
  if (code !== 0) throw new Error(`status exited ${code}`);
  return bytes;
}

try {
  const contacts = await writeLedger();
  console.log(`ledger: ${EVENTS} events, ${contacts} contacts`);
  // The first run in this process pays for loading the campaign modules and a cold JIT, like a CLI call.
  const first = (await timed(status)).ms;
  const runs: number[] = [];
  const bases: number[] = [];
  for (let i = 0; i < 3; i++) {
    runs.push((await timed(status)).ms);
    bases.push((await timed(baseline)).ms);
  }
  const table = (await timed(() => status("table"))).ms;
  const ms = median(runs);
  const base = median(bases);
  report("status 100k-event ledger (whole command, json, median of 3 warm)", ms, "ms", {
    op: "<=",
    value: 2000,
  });
  report("status, first run in a fresh process (cold)", first, "ms", { op: "<=", value: 2000 });
  report("status, default table format (one warm run)", table, "ms", { op: "<=", value: 2000 });
  report("baseline: read + JSON.parse only", base, "ms");
  report("status / baseline", ms / base, "x");
  report("events folded per second", (EVENTS / ms) * 1000, "events/s");
  report("peak RSS", peakRssMb(), "MB");
} finally {
  await rm(ws, { recursive: true, force: true });
}
