import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LedgerWriter } from "../../src/ledger/ledger-writer.fs.js";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import type { LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import { makeTempDir } from "../helpers/cli.js";

const skip = (contact: string): LedgerEvent => ({
  campaign: "c",
  contact,
  type: "skipped",
  at: "2026-01-01T00:00:00.000Z",
  reason: "bounced",
});

describe("LedgerWriter", () => {
  it("batches concurrent appends into fewer fsyncs and keeps every event", async () => {
    const path = join(await makeTempDir(), "ledger.jsonl");
    const writer = await LedgerWriter.open(path);
    await Promise.all(Array.from({ length: 50 }, (_, i) => writer.append([skip(`k${i}`)])));
    expect(writer.fsyncCount).toBeLessThan(50);
    await writer.close();
    const { events, problems } = await readLedger(path);
    expect(problems).toEqual([]);
    expect(events.map((e) => e.contact).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `k${i}`).sort());
  });

  it("terminates a torn last line so later events stay readable, and the torn line is reported", async () => {
    const path = join(await makeTempDir(), "ledger.jsonl");
    await writeFile(path, JSON.stringify(skip("a")) + "\n" + '{"campaign":"c","contact":"b","ty');
    const writer = await LedgerWriter.open(path);
    await writer.append([skip("c")]);
    await writer.close();
    const text = await readFile(path, "utf8");
    expect(text.split("\n").filter(Boolean)).toHaveLength(3);
    const { events, problems } = await readLedger(path);
    expect(events.map((e) => e.contact)).toEqual(["a", "c"]);
    // Once more lines follow it, the torn line is reported as a bad line (with its line number).
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(2);
  });

  it("reports a torn last line as a warning without failing", async () => {
    const path = join(await makeTempDir(), "ledger.jsonl");
    await writeFile(path, JSON.stringify(skip("a")) + "\n" + '{"campaign":"c","con');
    const { events, problems } = await readLedger(path);
    expect(events).toHaveLength(1);
    expect(problems[0]?.severity).toBe("warning");
  });
});
