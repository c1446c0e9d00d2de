/**
 * Issue 10 through the real CLI and a real SMTP server on 127.0.0.1: a ledger deleted under a running
 * send stops it and nobody is mailed twice; a disk that fills up mid-send stops it with E_DISK_FULL and
 * nobody was mailed without a durable attempt; `directory import` on a full disk leaves the directory
 * byte for byte; a ledger holding another campaign's line is refused by every command alike.
 */
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import { foldLedger } from "../../src/ledger/fold-ledger.js";
import { copyExampleWorkspace, REPO_ROOT, runInProcess } from "../helpers/cli.js";
import { startScriptedSmtpServer, type ReceivedMessage } from "../helpers/smtp.js";
import { mountSmallTmpfs, type SmallTmpfs } from "../helpers/faulty-files.js";
import { REAL_SEND, writeLoopbackConfig } from "../helpers/send-config.js";

const ID = "wcit-2012";
const SEND = REAL_SEND(ID);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function server(afterData?: (m: ReceivedMessage) => "accept") {
  const s = await startScriptedSmtpServer(afterData ? { afterData } : {});
  cleanups.push(() => s.close());
  return s;
}

const configure = (workspace: string, port: number) => writeLoopbackConfig(workspace, port);

const ledgerOf = (workspace: string) => join(workspace, "campaigns", ID, "ledger.jsonl");

function contactOf(m: ReceivedMessage): string {
  return /^X-Outreach-Contact: (.+)$/m.exec(m.raw.toString())?.[1]?.trim() ?? "?";
}

/** Every contact received at most once, and exactly once unless the ledger lists it uncertain. */
async function expectNobodyTwiceNoGap(workspace: string, received: readonly ReceivedMessage[]) {
  const counts = new Map<string, number>();
  for (const m of received) counts.set(contactOf(m), (counts.get(contactOf(m)) ?? 0) + 1);
  expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
  const fold = foldLedger((await readLedger(ledgerOf(workspace))).events);
  for (const [contact, state] of fold) {
    if (state.state.kind === "sent") expect(counts.get(contact), contact).toBe(1);
    if (state.state.kind === "uncertain") expect(counts.get(contact) ?? 0, contact).toBeLessThanOrEqual(1);
  }
  // Nobody was mailed without an attempt on disk.
  for (const contact of counts.keys()) expect(fold.get(contact), contact).toBeDefined();
  return counts;
}

describe("the ledger deleted under a running send", () => {
  it("stops the run, puts the ledger back, and the next run mails nobody twice", async () => {
    const workspace = await copyExampleWorkspace();
    let seen = 0;
    const smtp = await server(() => {
      seen += 1;
      if (seen === 3) rmSync(ledgerOf(workspace));
      return "accept";
    });
    await configure(workspace, smtp.port);
    const first = await runInProcess(SEND, { workspace });
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).toContain("E_LEDGER_CHANGED");
    expect(first.stderr).toContain("was deleted while sending");
    expect(first.stderr).toMatch(/hint: the ledger was put back/);
    expect(smtp.received).toHaveLength(3);

    const second = await runInProcess(SEND, { workspace });
    expect([0, 1], second.stderr).toContain(second.code);
    const counts = await expectNobodyTwiceNoGap(workspace, smtp.received);
    expect(counts.size).toBeGreaterThan(20);
  });
});

describe("a disk that fills up (a real tmpfs)", () => {
  let fs: SmallTmpfs | undefined;
  beforeAll(async () => {
    const mounted = await mountSmallTmpfs(2048);
    if ("reason" in mounted) console.log(`skipping the real full-disk CLI cases: ${mounted.reason}`);
    else fs = mounted;
  });
  afterAll(async () => {
    await fs?.unmount();
  });

  async function workspaceOnTmpfs(name: string): Promise<string> {
    if (!fs) throw new Error("no tmpfs");
    const source = await copyExampleWorkspace();
    const workspace = join(fs.dir, name);
    await cp(source, workspace, { recursive: true });
    return workspace;
  }

  it("mid-send: E_DISK_FULL, exit 1, nobody mailed without an attempt on disk; after freeing space nobody twice", async (ctx) => {
    if (!fs) return ctx.skip();
    const workspace = await workspaceOnTmpfs("send");
    const smtp = await server();
    await configure(workspace, smtp.port);
    // Room for the lock and a page or two of ledger: a few messages, then the disk is full.
    await fs.fill(12 * 1024);
    const first = await runInProcess(SEND, { workspace });
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).toContain("E_DISK_FULL");
    expect(first.stderr).toContain("ledger.jsonl");
    expect(first.stderr).toMatch(/hint: free some space/);
    const sentBefore = smtp.received.length;
    expect(sentBefore).toBeGreaterThan(0);
    await expectNobodyTwiceNoGap(workspace, smtp.received);

    await fs.drain();
    const second = await runInProcess(SEND, { workspace });
    expect([0, 1], second.stderr).toContain(second.code);
    expect(smtp.received.length).toBeGreaterThan(sentBefore);
    await expectNobodyTwiceNoGap(workspace, smtp.received);
    await rm(workspace, { recursive: true });
  });

  it("`directory import` on a full disk fails and leaves contacts/directory.csv byte for byte", async (ctx) => {
    if (!fs) return ctx.skip();
    const workspace = await workspaceOnTmpfs("import");
    const before = await readFile(join(workspace, "contacts", "directory.csv"));
    const rows = ["country,ministry,email,name"];
    for (let i = 0; i < 2000; i += 1)
      rows.push(`CH,Ministry ${i} of Long Names for Testing,person${i}@ministry${i}.example,Person ${i}`);
    const csv = join(REPO_ROOT, "node_modules", ".outreach-test-import.csv");
    await writeFile(csv, rows.join("\n") + "\n");
    cleanups.push(() => rm(csv, { force: true }));
    await fs.fill(8 * 1024);
    const run = await runInProcess(["directory", "import", csv], { workspace });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("E_DIRECTORY_WRITE");
    expect(run.stderr).toContain("disk is full");
    expect(await readFile(join(workspace, "contacts", "directory.csv"))).toEqual(before);
    await fs.drain();
    await rm(workspace, { recursive: true });
  });
});

describe("one campaign per ledger", () => {
  it("send and status both refuse a ledger holding another campaign's line, naming file:line", async () => {
    const workspace = await copyExampleWorkspace();
    await mkdir(join(workspace, "campaigns", ID), { recursive: true });
    const foreign = {
      type: "sent",
      at: "2026-01-01T00:00:00.000Z",
      campaign: "other-campaign",
      contact: "c-0000000000000000",
      messageId: "<x@outreach.example>",
      language: "en",
      revision: "r",
      email: "a@b.example",
      attempt: 1,
      response: "250 ok",
    };
    await writeFile(ledgerOf(workspace), JSON.stringify(foreign) + "\n");
    const smtp = await server();
    await configure(workspace, smtp.port);
    for (const args of [SEND, ["status", ID], ["report", ID]]) {
      const run = await runInProcess(args, { workspace });
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toContain("E_LEDGER_FOREIGN");
      expect(run.stderr).toContain("ledger.jsonl:1 campaign:");
    }
    expect(smtp.connections).toBe(0);
  });
});
