/**
 * `outreach status` on a 100,000-event ledger (attempt + sent for each contact, plus bounces, auto-replies,
 * replies and marks). Target: under 2 s for the whole command, json and table output alike (measured in
 * process, plus one figure per format for a whole fresh CLI process, start-up included). Baseline in the same run: reading the same
 * file line by line with readline + JSON.parse only (no validation, no fold), so the ratios show what the
 * schema check, the fold, the join with the plan and the output cost on top of plain I/O.
 */
import { cp, mkdtemp, open, rm } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { createReadStream, existsSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
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

/** What a user waits for: a fresh `node dist/cli/main.js status` process, start-up included (needs `npm run build`). */
async function wholeProcess(): Promise<void> {
  const cli = join(root, "dist", "cli", "main.js");
  if (!existsSync(cli)) {
    console.log("status, whole CLI process: skipped (run npm run build first)");
    return;
  }
  for (const format of ["json", "table"]) {
    const { ms, value } = await timed(() =>
      spawnSync(process.execPath, [cli, "-w", ws, "status", "wcit-2012", "--format", format], {
        stdio: "ignore",
      }),
    );
    if (value.status !== 0) throw new Error(`status process exited ${value.status}`);
    report(`status, whole CLI process incl. start-up (built dist, ${format})`, ms, "ms", {
      op: "<=",
      value: 2000,
    });
  }
}

try {
  const contacts = await writeLedger();
  console.log(`ledger: ${EVENTS} events, ${contacts} contacts; load average ${loadavg()[0]?.toFixed(2)}`);
  // The first run in this process pays for loading the campaign modules and a cold JIT, like a CLI call.
  const first = (await timed(status)).ms;
  const json: number[] = [];
  const table: number[] = [];
  const bases: number[] = [];
  // Interleaved, so a burst of load from elsewhere hits all three alike.
  for (let i = 0; i < 3; i++) {
    json.push((await timed(() => status("json"))).ms);
    table.push((await timed(() => status("table"))).ms);
    bases.push((await timed(baseline)).ms);
  }
  const jsonMs = median(json);
  const tableMs = median(table);
  const base = median(bases);
  const target = { op: "<=" as const, value: 2000 };
  report("status 100k-event ledger, --format json (whole command, median of 3 warm)", jsonMs, "ms", target);
  report("status 100k-event ledger, default table format (median of 3 warm)", tableMs, "ms", target);
  report("status, first run in a fresh process (cold, json)", first, "ms", target);
  report("baseline: read + JSON.parse only (readline, median of 3)", base, "ms");
  report("status json / baseline", jsonMs / base, "x");
  report("status table / baseline", tableMs / base, "x");
  report("events folded per second (json)", (EVENTS / jsonMs) * 1000, "events/s");
  report("peak RSS", peakRssMb(), "MB");
  await wholeProcess();
  console.log(`load average at end: ${loadavg()[0]?.toFixed(2)}`);
} finally {
  await rm(ws, { recursive: true, force: true });
}
