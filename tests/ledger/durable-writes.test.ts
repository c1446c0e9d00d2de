/**
 * Issue 10, items 1, 2, 6: a short write is a failure, never "durable"; the ledger under the sender's
 * feet (deleted, replaced, truncated) stops the writer; one campaign per ledger. Faults come from
 * injected file handles that write short or fill up (always), and from a real full tmpfs (when root).
 */
import { mkdir, readdir, readFile, rename, rm, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/core/atomic-write.fs.js";
import { LedgerWriter } from "../../src/ledger/ledger-writer.fs.js";
import { appendLedgerEvents, readLedger } from "../../src/ledger/ledger-file.fs.js";
import type { LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import { makeTempDir } from "../helpers/cli.js";
import { fillingDisk, mountSmallTmpfs, shortWriting, type SmallTmpfs } from "../helpers/faulty-files.js";

const attempt = (contact: string, campaign = "c"): LedgerEvent => ({
  campaign,
  contact,
  type: "attempt",
  at: "2026-01-01T00:00:00.000Z",
  messageId: `<${campaign}.${contact}@outreach.example>`,
  language: "en",
  revision: "r1",
  email: `${contact}@ministry.example`,
  attempt: 1,
  transport: "smtp",
});

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => "resolved",
    (e: unknown) => (e as { code?: string }).code,
  );

describe("short writes", () => {
  it("the ledger writer continues a short write until every byte is on disk", async () => {
    const path = join(await makeTempDir(), "ledger.jsonl");
    const openFile = shortWriting(7);
    const writer = await LedgerWriter.open(path, { openFile });
    await writer.append([attempt("a"), attempt("b")]);
    await writer.append([attempt("c")]);
    await writer.close();
    expect(openFile.calls).toBeGreaterThan(20);
    const { events, problems } = await readLedger(path);
    expect(problems).toEqual([]);
    expect(events.map((e) => e.contact)).toEqual(["a", "b", "c"]);
  });

  it("appendLedgerEvents and writeFileAtomic do the same", async () => {
    const dir = await makeTempDir();
    await appendLedgerEvents(join(dir, "ledger.jsonl"), [attempt("a"), attempt("b")], {
      openFile: shortWriting(5),
    });
    expect((await readLedger(join(dir, "ledger.jsonl"))).events).toHaveLength(2);
    const text = "x".repeat(10_000);
    await writeFileAtomic(join(dir, "f.txt"), text, { openFile: shortWriting(333) });
    expect(await readFile(join(dir, "f.txt"), "utf8")).toBe(text);
    async function* chunks() {
      yield await Promise.resolve("a".repeat(1000));
      yield Buffer.from("b".repeat(1000));
    }
    await writeFileAtomic(join(dir, "g.txt"), chunks(), { openFile: shortWriting(99) });
    expect(await readFile(join(dir, "g.txt"), "utf8")).toBe("a".repeat(1000) + "b".repeat(1000));
  });

  it("a full disk fails the append, leaves no half event, and refuses every later append", async () => {
    const path = join(await makeTempDir(), "ledger.jsonl");
    const disk = fillingDisk(Number.MAX_SAFE_INTEGER);
    const writer = await LedgerWriter.open(path, { openFile: disk });
    await writer.append([attempt("a")]);
    disk.free = 40; // the next batch gets 40 bytes in, then ENOSPC
    expect(await codeOf(writer.append([attempt("b"), attempt("c")]))).toBe("E_DISK_FULL");
    disk.free = Number.MAX_SAFE_INTEGER; // space again: the writer still refuses, the run must stop
    expect(await codeOf(writer.append([attempt("d")]))).toBe("E_DISK_FULL");
    await writer.close();
    const { events, problems } = await readLedger(path);
    expect(problems).toEqual([]);
    expect(events.map((e) => e.contact)).toEqual(["a"]);
  });

  it("a write that takes no bytes at all is a failure, not a success", async () => {
    const path = join(await makeTempDir(), "ledger.jsonl");
    const disk = fillingDisk(0);
    expect(await codeOf(appendLedgerEvents(path, [attempt("a")], { openFile: disk }))).toBe("E_DISK_FULL");
    expect((await readLedger(path)).events).toEqual([]);
  });

  it("the atomic write never renames a short temp file over the good one", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "directory.csv");
    await writeFile(path, "the good directory\n");
    const error = await writeFileAtomic(path, "y".repeat(5000), { openFile: fillingDisk(1000) }).catch(
      (e: unknown) => e as { code: string; message: string },
    );
    expect(error).toMatchObject({ code: "E_DISK_FULL" });
    expect((error as { message: string }).message).toContain(path);
    expect(await readFile(path, "utf8")).toBe("the good directory\n");
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("an unwritable ledger is a located error with a stable code", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "ledger.jsonl");
    await mkdir(path); // a folder where the ledger should be: even root cannot append to it
    const error = await LedgerWriter.open(path).catch((e: unknown) => e as { code: string; message: string });
    expect(error).toMatchObject({ code: "E_FILE_WRITE" });
    expect((error as { message: string }).message).toContain(path);
  });
});

describe("a real full file system (tmpfs)", () => {
  let fs: SmallTmpfs | undefined;
  beforeAll(async () => {
    const mounted = await mountSmallTmpfs(256);
    if ("reason" in mounted) console.log(`skipping the real full-disk cases: ${mounted.reason}`);
    else fs = mounted;
  });
  afterAll(async () => {
    await fs?.unmount();
  });

  it("ledger appends on a filling disk: every append that resolved is on disk whole, none after", async (ctx) => {
    if (!fs) return ctx.skip();
    const path = join(fs.dir, "ledger.jsonl");
    await fs.fill(16 * 1024);
    const writer = await LedgerWriter.open(path);
    let resolved = 0;
    let code: string | undefined;
    for (let i = 0; i < 10_000 && code === undefined; i += 1) {
      code = await writer.append([attempt(`k${i}`)]).then(
        () => void (resolved += 1),
        (e: unknown) => (e as { code: string }).code,
      );
    }
    expect(code).toBe("E_DISK_FULL");
    expect(resolved).toBeGreaterThan(10);
    await writer.close();
    const { events, problems } = await readLedger(path);
    expect(problems).toEqual([]);
    expect(events).toHaveLength(resolved);
    await fs.drain();
    await rm(path);
  });

  it("an atomic write that fills the disk leaves the old file byte for byte", async (ctx) => {
    if (!fs) return ctx.skip();
    const path = join(fs.dir, "directory.csv");
    await writeFile(path, "the good directory\n");
    await fs.fill(8 * 1024);
    await expect(writeFileAtomic(path, "z".repeat(64 * 1024))).rejects.toMatchObject({ code: "E_DISK_FULL" });
    expect(await readFile(path, "utf8")).toBe("the good directory\n");
    expect((await readdir(fs.dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    await fs.drain();
  });
});

describe("the ledger under the writer's feet", () => {
  async function openWithOne() {
    const dir = await makeTempDir();
    const path = join(dir, "ledger.jsonl");
    const writer = await LedgerWriter.open(path);
    await writer.append([attempt("a")]);
    return { dir, path, writer };
  }

  it("deleted: the next append fails, and the ledger is put back with what the writer knew", async () => {
    const { dir, path, writer } = await openWithOne();
    await rm(path);
    const error = await writer
      .append([attempt("b")])
      .catch((e: unknown) => e as { code: string; hint: string });
    expect(error).toMatchObject({ code: "E_LEDGER_CHANGED" });
    expect(await codeOf(writer.append([attempt("c")]))).toBe("E_LEDGER_CHANGED");
    await writer.close();
    expect((error as { hint: string }).hint).toContain("put back");
    expect((await readLedger(path)).events.map((e) => e.contact)).toEqual(["a"]);
    expect((await readdir(dir)).filter((f) => f.includes("recovered"))).toEqual([]);
  });

  it("replaced by another file: the append fails", async () => {
    const { dir, path, writer } = await openWithOne();
    await writeFile(join(dir, "other"), "");
    await rename(join(dir, "other"), path);
    const error = await writer
      .append([attempt("b")])
      .catch((e: unknown) => e as { code: string; hint: string });
    expect(error).toMatchObject({ code: "E_LEDGER_CHANGED" });
    await writer.close();
    // The file now at the path is left alone; what the writer knew is kept beside it.
    expect(await readFile(path, "utf8")).toBe("");
    const saved = (await readdir(dir)).filter((f) => f.startsWith("ledger.jsonl.recovered-"));
    expect(saved).toHaveLength(1);
    expect((error as { hint: string }).hint).toContain(saved[0]);
    expect((await readLedger(join(dir, saved[0] ?? ""))).events.map((e) => e.contact)).toEqual(["a"]);
  });

  it("truncated: the append fails", async () => {
    const { path, writer } = await openWithOne();
    await truncate(path, 0);
    expect(await codeOf(writer.append([attempt("b")]))).toBe("E_LEDGER_CHANGED");
    await writer.close();
  });

  it("another command appending meanwhile (inbox import, mark) is fine", async () => {
    const { path, writer } = await openWithOne();
    await appendLedgerEvents(path, [attempt("x")]);
    await writer.append([attempt("b")]);
    await writer.close();
    expect((await readLedger(path)).events.map((e) => e.contact)).toEqual(["a", "x", "b"]);
  });
});

describe("one campaign per ledger", () => {
  it("a line of another campaign is a loud error naming file:line, whoever reads", async () => {
    const dir = join(await makeTempDir(), "campaigns", "wcit-2012");
    await mkdir(dir, { recursive: true });
    const path = join(dir, "ledger.jsonl");
    await appendLedgerEvents(path, [
      attempt("a", "wcit-2012"),
      attempt("b", "other"),
      attempt("c", "wcit-2012"),
    ]);
    const error = await readLedger(path).catch((e: unknown) => e as { code: string; problems: unknown[] });
    expect(error).toMatchObject({
      code: "E_LEDGER_FOREIGN",
      problems: [{ file: path, line: 2, field: "campaign" }],
    });
    // Outside a campaign folder there is nothing to check against; an explicit campaign still checks.
    const loose = join(await makeTempDir(), "ledger.jsonl");
    await appendLedgerEvents(loose, [attempt("a", "x"), attempt("b", "y")]);
    expect((await readLedger(loose)).events).toHaveLength(2);
    expect(await codeOf(readLedger(loose, { campaign: "x" }))).toBe("E_LEDGER_FOREIGN");
  });
});
