/**
 * Forgery-resistant tracking end to end, through the CLI: a real send to smtp-server on 127.0.0.1 makes
 * the workspace key and keyed Message-IDs; then forged and genuine bounces and replies are imported.
 * A forged report is recorded as unverified and never marks the directory contact `bounced`.
 */
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readDirectory } from "../../src/contacts/directory-store.fs.js";
import { workspacePaths } from "../../src/core/workspace.js";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import { messageIdFor } from "../../src/campaign/message-id.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";
import { startScriptedSmtpServer, type ScriptedSmtpServer } from "../helpers/smtp.js";

const ID = "wcit-2012";
const SEND = ["send", ID, "--transport", "smtp", "--yes", "--allow-unreviewed"];
const LIMITS = {
  perMinute: 60_000,
  perHour: 1_000_000,
  perDay: 10_000_000,
  perDomainPerHour: 1_000_000,
  burst: 100,
  concurrency: 2,
};

let server: ScriptedSmtpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function smtpWorkspace() {
  server = await startScriptedSmtpServer();
  const workspace = await copyExampleWorkspace();
  await writeFile(
    join(workspace, "config.json"),
    JSON.stringify({ smtp: { host: "127.0.0.1", port: server.port, security: "none" }, send: LIMITS }),
  );
  return { workspace, server };
}

interface Delivered {
  contact: string;
  messageId: string;
  email: string;
  tag: string;
}

function delivered(s: ScriptedSmtpServer): Delivered[] {
  return s.accepted.map((m) => {
    const raw = m.raw.toString("latin1").replace(/\r?\n[ \t]+/g, " ");
    const header = (name: string) => new RegExp(`^${name}: *(.+)$`, "mi").exec(raw)?.[1]?.trim() ?? "";
    return {
      contact: header("X-Outreach-Contact"),
      messageId: header("Message-ID"),
      email: m.to[0] ?? "",
      tag: header("X-Outreach-Tag"),
    };
  });
}

function report(recipient: string, quotedId: string, n: number): string {
  return [
    "Return-Path: <>",
    "From: MAILER-DAEMON@mx.gateway.example (Mail Delivery System)",
    "To: letters@coalition.example",
    "Subject: Undelivered Mail Returned to Sender",
    `Message-ID: <dsn-${n}@mx.gateway.example>`,
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    "",
    "--b",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.gateway.example",
    "",
    `Final-Recipient: rfc822; ${recipient}`,
    "Action: failed",
    "Status: 5.1.1",
    "",
    "--b",
    "Content-Type: text/rfc822-headers",
    "",
    `To: ${recipient}`,
    `Message-ID: ${quotedId}`,
    "",
    "--b--",
    "",
  ].join("\r\n");
}

async function stateOf(workspace: string, contact: string): Promise<string | undefined> {
  const run = await runInProcess(["status", ID, "--format", "json"], { workspace });
  const parsed = JSON.parse(run.stdout) as { contacts: { contact: string; state: string }[] };
  return parsed.contacts.find((c) => c.contact === contact)?.state;
}

async function directoryStatus(workspace: string, contact: string): Promise<string | undefined> {
  return (await readDirectory(workspacePaths(workspace).directory)).contacts.find((c) => c.id === contact)
    ?.status;
}

describe("forged and genuine mail after a real send", () => {
  it("keys the Message-IDs; forged bounces and replies are unverified, genuine ones count", async () => {
    const { workspace, server } = await smtpWorkspace();
    const send = await runInProcess(SEND, { workspace });
    expect(send.code).toBe(0);
    // An older workspace has no key: the first send makes it, says so, and keeps it private.
    expect(send.stderr).toContain("created .outreach/secret");
    const secret = workspacePaths(workspace).secret;
    expect((await stat(secret)).mode & 0o777).toBe(0o600);
    const sent = delivered(server);
    expect(sent.length).toBeGreaterThan(4);
    for (const d of sent) {
      expect(d.messageId).toMatch(/^<wcit-2012\.c-[0-9a-f]{16}\.t-[0-9a-f]{24}@/);
      expect(d.messageId).toContain(`.t-${d.tag}@`);
    }
    const [a, b, c, d] = sent as [Delivered, Delivered, Delivered, Delivered];
    expect(await directoryStatus(workspace, a.contact)).toBe("active");

    const forgedTag = a.messageId.replace(/\.t-[0-9a-f]{24}@/, `.t-${"f".repeat(24)}@`);
    const files = {
      unknownId: report(a.email, "<made-up-77@attacker.example>", 1),
      // Our format and b's contact hash, but a tag made with another key.
      forgedTag: report(
        b.email,
        messageIdFor(ID, b.contact, "outreach.coalition.example", Buffer.alloc(32, 9)),
        2,
      ),
      forgedTagA: report(a.email, forgedTag, 3),
      genuine: report(c.email, c.messageId, 4),
      otherDomainReply: [
        "From: Someone <someone@webmail.example>",
        "To: letters@coalition.example",
        "Subject: Re: letter",
        "Message-ID: <reply-5@webmail.example>",
        `In-Reply-To: ${d.messageId}`,
        "",
        "I read your letter.",
        "",
      ].join("\r\n"),
    };
    const paths: string[] = [];
    for (const [name, text] of Object.entries(files)) {
      const path = join(workspace, `${name}.eml`);
      await writeFile(path, text);
      paths.push(path);
    }
    const run = await runInProcess(["inbox", "import", ID, ...paths, "--format", "json"], { workspace });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      imported: { source: string; contact: string; kind: string; verified: boolean }[];
      directoryUpdated: string[];
    };
    const bySource = (name: string) => result.imported.find((i) => i.source.endsWith(`${name}.eml`));
    expect(bySource("unknownId")).toMatchObject({ contact: a.contact, kind: "bounce", verified: false });
    expect(bySource("forgedTag")).toMatchObject({ contact: b.contact, kind: "bounce", verified: false });
    expect(bySource("forgedTagA")).toMatchObject({ contact: a.contact, kind: "bounce", verified: false });
    expect(bySource("genuine")).toMatchObject({ contact: c.contact, kind: "bounce", verified: true });
    expect(bySource("otherDomainReply")).toMatchObject({
      contact: d.contact,
      kind: "reply",
      verified: false,
    });
    expect(result.directoryUpdated).toEqual([c.contact]);

    // The directory and the campaign status: forged reports change nothing, the genuine one does.
    expect(await directoryStatus(workspace, a.contact)).toBe("active");
    expect(await directoryStatus(workspace, b.contact)).toBe("active");
    expect(await directoryStatus(workspace, c.contact)).toBe("bounced");
    expect(await stateOf(workspace, a.contact)).toBe("sent");
    expect(await stateOf(workspace, c.contact)).toBe("bounced");
    expect(await stateOf(workspace, d.contact)).toBe("sent");
    const { events } = await readLedger(workspacePaths(workspace).ledger(ID));
    expect(
      events
        .filter((e) => e.type === "bounced" && e.contact === a.contact)
        .map((e) => "verified" in e && e.verified),
    ).toEqual([false, false]);

    // The table says why; a person confirms the reply with a mark.
    const table = await runInProcess(["inbox", "import", ID, ...paths], { workspace });
    expect(table.stdout).toContain("(unverified)");
    const mark = await runInProcess(["mark", ID, d.contact, "replied"], { workspace });
    expect(mark.code).toBe(0);
    expect(await stateOf(workspace, d.contact)).toBe("replied");
    const history = await runInProcess(["directory", "history", a.contact], { workspace });
    expect(history.stdout).toContain("unverified");
  });

  it("the sample mailbox written for a keyed workspace verifies: bounces and replies count", async () => {
    const { workspace } = await smtpWorkspace();
    expect((await runInProcess(SEND, { workspace })).code).toBe(0);
    const sample = await runInProcess(["inbox", "sample", ID], { workspace });
    expect(sample.code).toBe(0);
    const mbox = join(workspacePaths(workspace).campaignDir(ID), "sample-inbox", "inbox.mbox");
    expect(await readFile(mbox, "latin1")).toMatch(/In-Reply-To: <wcit-2012\.c-[0-9a-f]{16}\.t-/);
    const run = await runInProcess(["inbox", "import", ID, mbox, "--format", "json"], { workspace });
    const result = JSON.parse(run.stdout) as {
      imported: { verified: boolean }[];
      directoryUpdated: string[];
    };
    expect(result.imported).toHaveLength(9);
    expect(result.imported.every((i) => i.verified)).toBe(true);
    expect(result.directoryUpdated.sort()).toEqual(["de-47889c5502", "mx-083226e4e9"]);
  });

  it("a retried uncertain message keeps the Message-ID of its first attempt (here: an old unkeyed one)", async () => {
    const { workspace, server } = await smtpWorkspace();
    const contact = "ar-19f0aeb27c";
    const directory = await readDirectory(workspacePaths(workspace).directory);
    const email = directory.contacts.find((c) => c.id === contact)?.email ?? "";
    const legacy = messageIdFor(ID, contact, "outreach.coalition.example");
    await writeFile(
      workspacePaths(workspace).ledger(ID),
      JSON.stringify({
        at: "2012-11-01T09:00:00.000Z",
        type: "attempt",
        campaign: ID,
        contact,
        messageId: legacy,
        language: "es",
        revision: "r0",
        attempt: 1,
        email,
        transport: "smtp",
      }) + "\n",
    );
    const run = await runInProcess([...SEND, "--retry-uncertain"], { workspace });
    expect(run.code).toBe(0);
    const mine = delivered(server).filter((d) => d.contact === contact);
    expect(mine.map((d) => d.messageId)).toEqual([legacy]);
    const others = delivered(server).filter((d) => d.contact !== contact);
    expect(others.every((d) => d.messageId.includes(".t-"))).toBe(true);
  });
});
