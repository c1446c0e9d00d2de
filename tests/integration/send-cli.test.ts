/**
 * `outreach send` end to end, in process, against the example workspace: outbox default, safety refusals
 * (confirmation, unreviewed letters, locks), uncertain messages, failures, interruption, etiquette.
 */
import { hostname } from "node:os";
import { appendFile, mkdir, readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import { foldLedger, sendStateOf, countStates } from "../../src/ledger/fold-ledger.js";
import { prepareCampaign } from "../../src/render/prepare-campaign.fs.js";
import { runCli } from "../../src/cli/run.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";
import {
  startScriptedSmtpServer,
  type ScriptedSmtpOptions,
  type ScriptedSmtpServer,
} from "../helpers/smtp.js";
import { FAST_LIMITS, REAL_SEND } from "../helpers/send-config.js";

const ID = "wcit-2012";
const GENEROUS = { ...FAST_LIMITS, concurrency: 2 };
const SEND = REAL_SEND(ID);

let server: ScriptedSmtpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function smtpWorkspace(options: ScriptedSmtpOptions = {}, smtp: object = {}, send: object = {}) {
  server = await startScriptedSmtpServer(options);
  const workspace = await copyExampleWorkspace();
  await writeFile(
    join(workspace, "config.json"),
    JSON.stringify({
      smtp: { host: "127.0.0.1", port: server.port, security: "none", ...smtp },
      send: { ...GENEROUS, ...send },
    }),
  );
  return { workspace, server };
}

async function ledgerOf(workspace: string) {
  return readLedger(join(workspace, "campaigns", ID, "ledger.jsonl"));
}

async function emailEntries(workspace: string) {
  const { plan } = await prepareCampaign(workspace, ID);
  return plan.entries.filter((e) => e.delivery === "email" && e.contact.status === "active");
}

const contactOf = (raw: Buffer) => /^X-Outreach-Contact: (.+)$/m.exec(raw.toString())?.[1]?.trim() ?? "";

describe("outreach send", () => {
  it("rehearses by default: every message to outbox/rehearsal/, nothing in the ledger, again on a second run", async () => {
    const workspace = await copyExampleWorkspace();
    const run = await runInProcess(["send", ID], { workspace });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("nothing is delivered");
    expect(run.stderr).toContain(`send ${ID} --transport smtp`);
    const expected = await emailEntries(workspace);
    const files = await readdir(join(workspace, "campaigns", ID, "outbox", "rehearsal"));
    expect(files.sort()).toEqual(expected.map((e) => `${e.contact.id}.eml`).sort());
    await expect(stat(join(workspace, "campaigns", ID, "ledger.jsonl"))).rejects.toMatchObject({
      code: "ENOENT",
    });
    const rehearsalLog = join(workspace, "campaigns", ID, "outbox", "rehearsal.jsonl");
    const first = (await readLedger(rehearsalLog)).events;
    expect(countStates(foldLedger(first)).sent).toBe(expected.length);
    expect(first.filter((e) => e.type === "attempt").every((e) => e.transport === "outbox")).toBe(true);
    // A rehearsal shows what a real send would do now, so a second one writes every message again.
    const again = await runInProcess(["send", ID, "--transport", "outbox"], { workspace });
    expect(again.code, again.stderr).toBe(0);
    const second = (await readLedger(rehearsalLog)).events;
    expect(second.filter((e) => e.type === "sent")).toHaveLength(2 * expected.length);
    await expect(stat(join(workspace, "campaigns", ID, "ledger.jsonl"))).rejects.toMatchObject({
      code: "ENOENT",
    });
    await expect(stat(join(workspace, "campaigns", ID, "outbox", ".lock"))).rejects.toMatchObject({
      code: "ENOENT",
    });
  });

  it("after two rehearsals a real send reaches every planned contact exactly once; status never counts a rehearsal", async () => {
    const { workspace, server } = await smtpWorkspace();
    for (let i = 0; i < 2; i++) {
      const rehearsal = await runInProcess(["send", ID], { workspace });
      expect(rehearsal.code, rehearsal.stderr).toBe(0);
    }
    expect(server.connections).toBe(0);
    const rehearsed = await runInProcess(["status", ID, "--format", "json"], { workspace });
    const before = JSON.parse(rehearsed.stdout) as {
      totals: Record<string, number>;
      contacts: { state: string; detail: string }[];
    };
    expect(before.totals.sent).toBe(0);
    expect(before.contacts.filter((c) => c.detail.startsWith("rehearsed")).length).toBeGreaterThan(0);
    const real = await runInProcess(SEND, { workspace });
    expect(real.code, real.stderr).toBe(0);
    const expected = await emailEntries(workspace);
    const perContact = new Map<string, number>();
    for (const m of server.accepted)
      perContact.set(contactOf(m.raw), (perContact.get(contactOf(m.raw)) ?? 0) + 1);
    expect([...perContact.keys()].sort()).toEqual(expected.map((e) => e.contact.id).sort());
    expect([...perContact.values()].every((n) => n === 1)).toBe(true);
    const after = JSON.parse(
      (await runInProcess(["status", ID, "--format", "json"], { workspace })).stdout,
    ) as {
      totals: Record<string, number>;
    };
    expect(after.totals.sent).toBe(expected.length);
  });

  it("refuses a real send without --yes when it cannot ask (exit 3), before writing anything", async () => {
    const { workspace, server } = await smtpWorkspace();
    const run = await runInProcess(["send", ID, "--transport", "smtp", "--allow-unreviewed"], { workspace });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("E_CONFIRM_REQUIRED");
    expect((await ledgerOf(workspace)).events.filter((e) => e.type === "attempt")).toHaveLength(0);
    expect(server.received).toHaveLength(0);
  });

  it("refuses while a targeted translation is unreviewed, unless --allow-unreviewed; reviewed ones go", async () => {
    const { workspace, server } = await smtpWorkspace();
    const refused = await runInProcess(["send", ID, "--transport", "smtp", "--yes"], { workspace });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("E_UNREVIEWED");
    expect(server.received).toHaveLength(0);
    // Great Britain gets the English letter, which is reviewed.
    const gb = await runInProcess(["send", ID, "--transport", "smtp", "--yes", "--country", "GB"], {
      workspace,
    });
    expect(gb.code, gb.stderr).toBe(0);
    expect(server.accepted.map((m) => contactOf(m.raw))).toEqual(["gb-a72267a471"]);
  });

  it("refuses while another live sender holds the lock; takes over a stale one and says so", async () => {
    const { workspace } = await smtpWorkspace();
    const lock = join(workspace, "campaigns", ID, ".lock");
    await writeFile(
      lock,
      JSON.stringify({ pid: process.pid, host: hostname(), started: "2026-01-01T00:00:00.000Z" }),
    );
    const held = await runInProcess(SEND, { workspace });
    expect(held.code).toBe(3);
    expect(held.stderr).toContain("E_LOCK_HELD");
    // A rehearsal has its own lock: it can run beside a long real send.
    const rehearsal = await runInProcess(["send", ID], { workspace });
    expect(rehearsal.code, rehearsal.stderr).toBe(0);
    await writeFile(
      lock,
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), started: "2026-01-01T00:00:00.000Z" }),
    );
    const taken = await runInProcess(SEND, { workspace });
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stderr).toMatch(/stale lock/);
  });

  it("leaves a message dropped after DATA uncertain, never re-sends it unless --retry-uncertain", async () => {
    let dropped = false;
    const { workspace, server } = await smtpWorkspace({
      afterData: (m) => {
        if (!dropped && contactOf(m.raw) === "gb-a72267a471") {
          dropped = true;
          return "drop";
        }
        return "accept";
      },
    });
    const first = await runInProcess([...SEND, "--format", "json"], { workspace });
    // A run that leaves a message uncertain is not a clean success.
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).toContain(`outreach mark ${ID} <contact> sent|not-sent`);
    expect((JSON.parse(first.stdout) as { uncertainContacts: string[] }).uncertainContacts).toEqual([
      "gb-a72267a471",
    ]);
    expect(sendStateOf(foldLedger((await ledgerOf(workspace)).events), "gb-a72267a471").kind).toBe(
      "uncertain",
    );
    const count = () => server.received.filter((m) => contactOf(m.raw) === "gb-a72267a471").length;
    expect(count()).toBe(1);

    const second = await runInProcess(SEND, { workspace });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/1 uncertain message/);
    expect(second.stderr).toContain("gb-a72267a471");
    expect(count()).toBe(1);

    const third = await runInProcess([...SEND, "--retry-uncertain"], { workspace });
    expect(third.code, third.stderr).toBe(0);
    expect(count()).toBe(2);
    const { events } = await ledgerOf(workspace);
    expect(sendStateOf(foldLedger(events), "gb-a72267a471").kind).toBe("sent");
    expect(
      events
        .filter((e) => e.contact === "gb-a72267a471" && e.type === "sent")
        .map((e) => ("attempt" in e ? e.attempt : 0)),
    ).toEqual([2]);
  });

  it("fails a 550 recipient only, sends the rest, and exits 1", async () => {
    const { workspace, server } = await smtpWorkspace({
      onRcpt: (a) =>
        a === "itu.team@dsit.gb.example" ? { code: 550, message: "5.1.1 mailbox unavailable" } : undefined,
    });
    const run = await runInProcess(SEND, { workspace });
    expect(run.code).toBe(1);
    const expected = await emailEntries(workspace);
    const { events } = await ledgerOf(workspace);
    const fold = foldLedger(events);
    expect(sendStateOf(fold, "gb-a72267a471").kind).toBe("failed");
    expect(countStates(fold).sent).toBe(expected.length - 1);
    expect(server.accepted).toHaveLength(expected.length - 1);
  });

  it("stops at once on 535 with exit 3 before any attempt, without the password anywhere", async () => {
    const { workspace, server } = await smtpWorkspace(
      { auth: { user: "letters", pass: "right" } },
      { user: "letters", passwordEnv: "TEST_SMTP_PW" },
    );
    const run = await runInProcess(SEND, { workspace, env: { TEST_SMTP_PW: "hunter2-wrong" } });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("E_SMTP_AUTH");
    expect(run.stderr + run.stdout).not.toContain("hunter2-wrong");
    const { events } = await ledgerOf(workspace);
    expect(events.filter((e) => e.type === "attempt")).toHaveLength(0);
    expect(JSON.stringify(events)).not.toContain("hunter2-wrong");
    expect(server.authAttempts).toBe(1);
  });

  it("on interruption finishes the message in flight, records it, releases the lock and prints the resume command", async () => {
    const controller = new AbortController();
    const { workspace } = await smtpWorkspace(
      { replyDelayMs: 50, afterData: () => (controller.abort(), "accept") },
      {},
      { concurrency: 1 },
    );
    const run = await runInProcess(SEND, { workspace, signal: controller.signal });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`send ${ID} --transport smtp --allow-unreviewed --yes`);
    const fold = foldLedger((await ledgerOf(workspace)).events);
    expect(countStates(fold)).toMatchObject({ sent: 1, uncertain: 0 });
    await expect(stat(join(workspace, "campaigns", ID, ".lock"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("tolerates and reports a torn last line in the ledger", async () => {
    const { workspace } = await smtpWorkspace();
    await runInProcess([...SEND, "--limit", "2"], { workspace });
    await appendFile(
      join(workspace, "campaigns", ID, "ledger.jsonl"),
      '{"campaign":"wcit-2012","contact":"x","ty',
    );
    const run = await runInProcess(SEND, { workspace });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/torn last line/);
    const { events } = await ledgerOf(workspace);
    expect(countStates(foldLedger(events)).sent).toBe((await emailEntries(workspace)).length);
  });

  it("skips contacts mailed by another campaign within minDaysBetweenCampaigns, and honours --limit", async () => {
    const { workspace } = await smtpWorkspace({}, {}, { minDaysBetweenCampaigns: 14 });
    const other = join(workspace, "campaigns", "earlier-letter");
    await mkdir(other, { recursive: true });
    const recent = new Date(Date.now() - 2 * 86_400_000).toISOString();
    await writeFile(
      join(other, "ledger.jsonl"),
      JSON.stringify({
        type: "sent",
        at: recent,
        campaign: "earlier-letter",
        contact: "gb-a72267a471",
        messageId: "<x@y.example>",
        language: "en",
        revision: "r",
        attempt: 1,
        email: "itu.team@dsit.gb.example",
        response: "250 ok",
      }) + "\n",
    );
    const run = await runInProcess([...SEND, "--country", "GB,FR,TH", "--limit", "2"], { workspace });
    expect(run.code, run.stderr).toBe(0);
    const { events } = await ledgerOf(workspace);
    const fold = foldLedger(events);
    expect(sendStateOf(fold, "gb-a72267a471")).toMatchObject({
      kind: "skipped",
      reason: expect.stringMatching(/^too-recent/) as unknown,
    });
    expect(countStates(fold).sent).toBe(2);
    expect(
      events
        .filter((e) => e.type === "attempt")
        .every((e) => ["FR", "TH"].includes(e.contact.slice(0, 2).toUpperCase())),
    ).toBe(true);
  });

  it("defers on a 421 greeting during the run, keeps those messages for the next run, and exits 1", async () => {
    // The pre-flight connection is greeted; every later one gets 421.
    const { workspace } = await smtpWorkspace(
      { greeting421After: 1 },
      {},
      { maxAttempts: 2, pauseAfterConsecutiveFailures: 1000 },
    );
    const run = await runInProcess([...SEND, "--country", "GB"], { workspace });
    expect(run.code).toBe(1);
    const { events } = await ledgerOf(workspace);
    expect(sendStateOf(foldLedger(events), "gb-a72267a471").kind).toBe("deferred");
    expect(
      events.filter((e) => e.type === "deferred").map((e) => ("response" in e ? e.response.slice(0, 3) : "")),
    ).toEqual(["421", "421"]);
    expect(run.stderr).toMatch(/resume/i);
  });

  it("asks on a terminal, showing counts per country and language; only 'yes' sends", async () => {
    const { workspace, server } = await smtpWorkspace();
    const questions: string[] = [];
    let stderr = "";
    const ask = (answer: string) =>
      runCli(["send", ID, "--transport", "smtp", "--allow-unreviewed", "--country", "TH,GB"], {
        workspace,
        env: {},
        interactive: true,
        stdout: () => undefined,
        stderr: (t) => (stderr += t),
        prompt: (q) => {
          questions.push(q);
          return Promise.resolve(answer);
        },
      });
    expect(await ask("no")).toBe(3);
    expect(stderr).toContain("E_NOT_CONFIRMED");
    expect(stderr).toMatch(/TH\s+th\s+1/);
    expect(stderr).toMatch(/TH\s+en\s+1/);
    expect(stderr).toMatch(/GB\s+en\s+1/);
    expect(questions[0]).toMatch(/Send 3 message/);
    expect(server.received).toHaveLength(0);
    expect(await ask("yes")).toBe(0);
    expect(server.accepted).toHaveLength(3);
    // On a terminal, progress is a bar redrawn in place.
    expect(stderr).toMatch(/\r\[#+-*\] \d+\/3/);
  });

  it("finds a template problem before anything is sent (exit 2, no attempt)", async () => {
    const { workspace, server } = await smtpWorkspace();
    await appendFile(join(workspace, "templates", "itu-letter", "en.subject.hbs"), " {{ministry_motto}}");
    const run = await runInProcess(SEND, { workspace });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/E_TEMPLATE_FIELD|E_PLAN/);
    expect(run.stderr).toContain("ministry_motto");
    expect((await ledgerOf(workspace)).events.filter((e) => e.type === "attempt")).toHaveLength(0);
    expect(server.received).toHaveLength(0);
  });
});
