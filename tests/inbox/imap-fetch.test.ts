/**
 * `outreach inbox fetch` against a real IMAP server, Dovecot on 127.0.0.1 (tests/helpers/dovecot.ts):
 * incremental (a re-run downloads nothing, new mail only what is new), read-only (nothing deleted, nothing
 * marked read), the same ledger and directory as `inbox import` of an mbox holding the same messages, a
 * wrong password E_IMAP_AUTH with no trace of it in the output, and the other failures by their codes.
 */
import { cp, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTrackedCampaign } from "../../src/campaign/campaign-targets.fs.js";
import type { CampaignTarget } from "../../src/campaign/campaign-targets.fs.js";
import { ManualClock } from "../../src/core/clock.js";
import { ensureWorkspaceSecret } from "../../src/core/workspace-secret.fs.js";
import { workspacePaths } from "../../src/core/workspace.js";
import { SAMPLE_INBOX_FILE, SAMPLE_ROLES } from "../../src/inbox/sample-inbox.js";
import { joinMbox, splitMbox } from "../../src/inbox/split-mbox.js";
import { copyExampleWorkspace, makeTempDir, runInProcess } from "../helpers/cli.js";
import {
  appendMessages,
  folderStatus,
  imapClient,
  startDovecot,
  type DovecotServer,
} from "../helpers/dovecot.js";
import { findSecretLeaks } from "../helpers/secret-leaks.js";
import { freePort } from "../helpers/smtp.js";

const CAMPAIGN = "wcit-2012";
const clock = () => new ManualClock(Date.UTC(2026, 11, 4, 12));

interface FetchJson {
  fetched: number;
  folders: { folder: string; fetched: number; reset: boolean; lastUid: number; uidValidity: number }[];
  messages: number;
  eventsAdded: number;
  imported: { source: string; kind: string; contact: string; duplicate: boolean; verified: boolean }[];
  unmatched: { source: string }[];
  directoryUpdated: string[];
  moved: number;
}

let server: DovecotServer;
/** Fetches over IMAP. */
let fetchWs: string;
/** The same workspace (same key), importing an mbox of the same messages. */
let importWs: string;
let targets: CampaignTarget[];

/** The i-th example contact planned for email that the sample mailbox does not use. */
function target(i: number): CampaignTarget {
  const t = targets[i];
  if (!t) throw new Error(`the example campaign has no ${i + 1}th contact outside the sample`);
  return t;
}

/** A reply from a contact's own address to our letter; without a Message-ID its key is its content hash. */
function replyFrom(t: CampaignTarget, n: number, options: { messageId?: boolean; auto?: boolean } = {}) {
  return Buffer.from(
    [
      `From: ${t.email}`,
      "To: letters@coalition.example",
      `Subject: ${options.auto ? "Automatic reply: out of office" : `Re: Letter to ITU member states (${n})`}`,
      `Date: Fri, 04 Dec 2026 0${n % 10}:15:00 +0000`,
      ...(options.messageId === false ? [] : [`Message-ID: <fetch-test-${n}@${t.email.split("@")[1]}>`]),
      `In-Reply-To: ${t.messageId ?? ""}`,
      ...(options.auto ? ["Auto-Submitted: auto-replied"] : []),
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      `Merci, grüße, thank you (${n}).`,
      "From the ministry: a line an mbox has to escape.",
      "",
    ].join("\r\n"),
    "utf8",
  );
}

function newsletter(n: number, withId = true): Buffer {
  return Buffer.from(
    [
      "From: Digest <digest@news.example>",
      "To: letters@coalition.example",
      `Subject: Weekly digest ${n}`,
      "Date: Thu, 03 Dec 2026 06:00:00 +0000",
      ...(withId ? [`Message-ID: <digest-${n}@news.example>`] : []),
      "Precedence: bulk",
      "",
      `Issue ${n}: nothing to do with the campaign.`,
      "",
    ].join("\r\n"),
  );
}

async function fetchRun(ws: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  return runInProcess(["inbox", "fetch", CAMPAIGN, ...args], {
    workspace: ws,
    env: { OUTREACH_IMAP_PASSWORD: server.password, ...env },
    clock: clock(),
  });
}

async function fetchJson(ws: string, args: string[] = []): Promise<FetchJson> {
  const run = await fetchRun(ws, ["--format", "json", ...args]);
  expect(run.code, `${run.stderr}\n${await server.log()}`).toBe(0);
  return JSON.parse(run.stdout) as FetchJson;
}

async function writeImapConfig(ws: string, imap: Record<string, unknown> = {}): Promise<void> {
  await writeFile(
    join(ws, "config.json"),
    JSON.stringify({
      imap: { host: "127.0.0.1", port: server.port, security: "none", user: server.user, ...imap },
    }),
  );
}

async function maildirCount(dir: string): Promise<number> {
  let n = 0;
  for (const sub of ["cur", "new"]) n += (await readdir(join(dir, sub))).length;
  return n;
}

beforeAll(async () => {
  server = await startDovecot();
  fetchWs = await copyExampleWorkspace();
  await ensureWorkspaceSecret(workspacePaths(fetchWs).secret);
  importWs = await makeTempDir("outreach-ws-import-");
  await cp(fetchWs, importWs, { recursive: true });
  await writeImapConfig(fetchWs);
  targets = (await loadTrackedCampaign(fetchWs, CAMPAIGN)).targets.filter(
    (t) => t.delivery === "email" && t.messageId && !(t.contactId in SAMPLE_ROLES),
  );
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe("outreach inbox fetch (Dovecot on loopback)", () => {
  const all: Buffer[] = [];

  it("fetches 20, then 0, then the 3 new ones; deletes nothing; leaves the ledger `inbox import` leaves", async () => {
    const sample = await runInProcess(["inbox", "sample", CAMPAIGN], { workspace: fetchWs });
    expect(sample.code, sample.stderr).toBe(0);
    const sampleMessages = splitMbox(
      await readFile(join(workspacePaths(fetchWs).campaignDir(CAMPAIGN), SAMPLE_INBOX_FILE)),
    );
    expect(sampleMessages).toHaveLength(10);
    expect(targets.length).toBeGreaterThanOrEqual(6);
    const [a, b, c, d, e, f] = [0, 1, 2, 3, 4, 5].map(target) as [
      CampaignTarget,
      CampaignTarget,
      CampaignTarget,
      CampaignTarget,
      CampaignTarget,
      CampaignTarget,
    ];
    const first = [
      ...sampleMessages,
      replyFrom(a, 1),
      replyFrom(b, 2, { messageId: false }),
      replyFrom(c, 3),
      replyFrom(d, 4),
      ...[1, 2, 3, 4, 5].map((n) => newsletter(n)),
      newsletter(6, false),
    ];
    expect(first).toHaveLength(20);
    await appendMessages(server, first);
    all.push(...first);

    const one = await fetchJson(fetchWs);
    expect(one.fetched).toBe(20);
    expect(one.messages).toBe(20);
    expect(one.folders).toMatchObject([{ folder: "INBOX", fetched: 20, reset: false, lastUid: 20 }]);
    expect(one.imported.filter((i) => !i.duplicate)).toHaveLength(13);
    expect(one.unmatched).toHaveLength(7);
    expect(one.imported[0]?.source).toMatch(/^INBOX;UID=\d+$/);
    // The sample's bounces verify (this workspace's keyed ids): the directory marks the dead addresses.
    expect(one.directoryUpdated.length).toBeGreaterThan(0);

    const again = await fetchJson(fetchWs);
    expect(again).toMatchObject({ fetched: 0, messages: 0, eventsAdded: 0 });

    const next = [replyFrom(e, 5), replyFrom(f, 6, { auto: true }), replyFrom(a, 1)];
    await appendMessages(server, next);
    all.push(...next);
    const three = await fetchJson(fetchWs);
    expect(three.fetched).toBe(3);
    expect(three.folders).toMatchObject([{ folder: "INBOX", fetched: 3, lastUid: 23 }]);
    expect(three.imported.map((i) => [i.kind, i.contact, i.duplicate])).toEqual([
      ["reply", e.contactId, false],
      ["auto-reply", f.contactId, false],
      ["reply", a.contactId, true],
    ]);
    expect(three.eventsAdded).toBe(2);

    // Nothing deleted or moved: the server still lists 23, the maildir holds 23 files.
    expect((await folderStatus(server)).messages).toBe(23);
    expect(await maildirCount(server.maildir)).toBe(23);

    // The same 23 messages as one mbox, imported into the twin workspace at the same time.
    const mbox = join(importWs, "same.mbox");
    await writeFile(mbox, joinMbox(all.map((raw) => ({ raw }))));
    const imported = await runInProcess(["inbox", "import", CAMPAIGN, mbox, "--format", "json"], {
      workspace: importWs,
      clock: clock(),
    });
    expect(imported.code, imported.stderr).toBe(0);
    const byImport = JSON.parse(imported.stdout) as FetchJson;
    const items = (r: FetchJson[]) =>
      r.flatMap((x) => x.imported.map((i) => [i.kind, i.contact, i.verified, i.duplicate]));
    expect(items([one, again, three])).toEqual(items([byImport]));
    expect([one, three].flatMap((x) => x.directoryUpdated)).toEqual(byImport.directoryUpdated);
    expect(one.unmatched.length + three.unmatched.length).toBe(byImport.unmatched.length);
    const ledger = (ws: string) => readFile(workspacePaths(ws).ledger(CAMPAIGN), "utf8");
    expect((await ledger(fetchWs)).split("\n").filter(Boolean)).toHaveLength(15);
    expect(await ledger(fetchWs)).toBe(await ledger(importWs));
    const directory = (ws: string) => readFile(workspacePaths(ws).directory, "utf8");
    expect(await directory(fetchWs)).toBe(await directory(importWs));
  });

  it("opens folders read-only: no message is marked read", async () => {
    const client = await imapClient(server);
    try {
      await client.mailboxOpen("INBOX", { readOnly: true });
      const seen = [];
      for await (const m of client.fetch("1:*", { flags: true })) seen.push(m.flags?.has("\\Seen"));
      expect(seen).toHaveLength(23);
      expect(seen.every((s) => s === false)).toBe(true);
    } finally {
      await client.logout();
    }
  });

  it("a wrong password is E_IMAP_AUTH (exit 3), and no form of it, or of the real one, is printed", async () => {
    const wrong = "Wr0ng-Qx7v-9Kz!";
    const stateBefore = await readFile(
      join(workspacePaths(fetchWs).campaignDir(CAMPAIGN), "imap-state.json"),
      "utf8",
    );
    const run = await fetchRun(fetchWs, [], { OUTREACH_IMAP_PASSWORD: wrong });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("error [E_IMAP_AUTH]");
    const output = run.stdout + run.stderr;
    expect(findSecretLeaks(output, wrong)).toEqual([]);
    expect(findSecretLeaks(output, server.password)).toEqual([]);
    expect(output).not.toContain(Buffer.from(wrong).toString("base64"));
    expect(output).not.toContain(Buffer.from(`\0${server.user}\0${wrong}`).toString("base64"));
    const verbose = await fetchRun(fetchWs, ["--verbose"], { OUTREACH_IMAP_PASSWORD: wrong });
    expect(findSecretLeaks(verbose.stdout + verbose.stderr, wrong)).toEqual([]);
    expect(
      await readFile(join(workspacePaths(fetchWs).campaignDir(CAMPAIGN), "imap-state.json"), "utf8"),
    ).toBe(stateBefore);
  });

  it("an empty password variable is E_CONFIG_PASSWORD_MISSING, before any connection", async () => {
    const run = await fetchRun(fetchWs, [], { OUTREACH_IMAP_PASSWORD: "" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("E_CONFIG_PASSWORD_MISSING");
  });
});

describe("outreach inbox fetch: failures and folders", () => {
  let ws: string;
  beforeAll(async () => {
    ws = await copyExampleWorkspace();
    // The same key as the other workspace, so the replies' In-Reply-To ids verify here too.
    await cp(join(fetchWs, ".outreach"), join(ws, ".outreach"), { recursive: true });
  });

  it("without an imap section: E_IMAP_NOT_CONFIGURED (exit 2)", async () => {
    const run = await fetchRun(ws);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("E_IMAP_NOT_CONFIGURED");
  });

  it("nothing listening: E_IMAP_UNREACHABLE (exit 3) naming host:port", async () => {
    const port = await freePort();
    await writeImapConfig(ws, { port });
    const run = await fetchRun(ws);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("E_IMAP_UNREACHABLE");
    expect(run.stderr).toContain(`127.0.0.1:${port}`);
  });

  it.each(["tls", "starttls"])(
    "security %s against a server without TLS: E_IMAP_TLS (exit 3)",
    async (security) => {
      await writeImapConfig(ws, { security, connectionTimeoutMs: 5000 });
      const run = await fetchRun(ws);
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toContain("E_IMAP_TLS");
    },
  );

  it("clear text to a host that is not loopback: E_IMAP_INSECURE, before connecting", async () => {
    await writeImapConfig(ws, { host: "imap.example.invalid" });
    const run = await fetchRun(ws);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("E_IMAP_INSECURE");
  });

  it("a folder the server lacks: E_IMAP_FOLDER (exit 2), nothing recorded", async () => {
    await writeImapConfig(ws, { folders: ["INBOX", "No.Such.Folder"] });
    const run = await fetchRun(ws);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('error [E_IMAP_FOLDER]: the folder "No.Such.Folder" does not exist');
    await expect(readFile(workspacePaths(ws).ledger(CAMPAIGN), "utf8")).rejects.toThrow();
    await expect(
      readFile(join(workspacePaths(ws).campaignDir(CAMPAIGN), "imap-state.json"), "utf8"),
    ).rejects.toThrow();
  });

  it("a recreated folder (new UIDVALIDITY) is read again; what was recorded is skipped", async () => {
    await writeImapConfig(ws, { folders: ["Returns"] });
    const [a, b] = [target(0), target(1)];
    await appendMessages(server, [replyFrom(a, 11), newsletter(11)], "Returns");
    const first = await fetchJson(ws);
    expect(first.fetched).toBe(2);
    const before = (await folderStatus(server, "Returns")).uidValidity;
    const client = await imapClient(server);
    await client.mailboxDelete("Returns");
    await client.logout();
    await appendMessages(server, [replyFrom(a, 11), newsletter(11), replyFrom(b, 12)], "Returns");
    expect((await folderStatus(server, "Returns")).uidValidity).not.toBe(before);
    const second = await fetchRun(ws, ["--format", "json"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain("new UIDVALIDITY");
    const out = JSON.parse(second.stdout) as FetchJson;
    expect(out.folders).toMatchObject([{ folder: "Returns", reset: true, fetched: 3 }]);
    expect(out.imported.map((i) => i.duplicate)).toEqual([true, false]);
    expect(out.eventsAdded).toBe(1);
  });

  it("--move-processed moves the recorded messages only, after recording them", async () => {
    await writeImapConfig(ws, { folders: ["Inbound"] });
    const [c, d] = [target(2), target(3)];
    await appendMessages(server, [replyFrom(c, 21), newsletter(21), replyFrom(d, 22)], "Inbound");
    const refused = await fetchRun(ws, ["--move-processed", "Inbound"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("E_IMAP_FOLDER");
    const moved = await fetchJson(ws, ["--move-processed", "Processed"]);
    expect(moved).toMatchObject({ fetched: 3, moved: 2, eventsAdded: 2 });
    expect((await folderStatus(server, "Inbound")).messages).toBe(1);
    expect((await folderStatus(server, "Processed")).messages).toBe(2);
    const again = await fetchJson(ws, ["--move-processed", "Processed"]);
    expect(again).toMatchObject({ fetched: 0, moved: 0 });
  });

  it("shows progress on stderr and a summary on stdout", async () => {
    await writeImapConfig(ws, { folders: ["Progress"] });
    await appendMessages(server, [newsletter(31), newsletter(32)], "Progress");
    const run = await fetchRun(ws);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("fetching Progress: ");
    expect(run.stdout).toContain("fetched 2 new messages from tester@127.0.0.1:");
    expect(run.stdout).toContain("2 unmatched");
  });
});
