/**
 * `outreach signatories inbox <campaign> --imap` against a real IMAP server, Dovecot on 127.0.0.1
 * (tests/helpers/dovecot.ts): every message of the configured folders is read as `inbox` reads a mailbox
 * file; a re-run adds nothing (the requests are reported as duplicates); the mailbox is left as it was
 * (nothing moved, deleted or marked read) and `inbox fetch`'s imap-state.json is not made; `--folder`
 * picks other folders; a wrong password is inbox fetch's E_IMAP_AUTH with no trace of it printed.
 */
import { access, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspacePaths } from "../../src/core/workspace.js";
import { EXAMPLE_CAMPAIGN as ID } from "../campaign/edit-workspace.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";
import {
  appendMessages,
  folderStatus,
  imapClient,
  startDovecot,
  type DovecotServer,
} from "../helpers/dovecot.js";
import { findSecretLeaks } from "../helpers/secret-leaks.js";

const SIGN_ON = "signon@coalition.example"; // the example campaign's replyTo

type Intake = {
  added: number;
  written: boolean;
  results: { outcome: string; id: string; organisation: string; from: string; note: string }[];
};

let server: DovecotServer;
let ws: string;

function message(id: string, to: string, subject: string, body: string): Buffer {
  return Buffer.from(
    [
      `Message-ID: <${id}@partner.example>`,
      "From: Claire Exemple <claire@reseau.example>",
      `To: ${to}`,
      `Subject: ${subject}`,
      "Date: Wed, 14 Nov 2012 10:00:00 +0000",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      ...body.split("\n"),
      "",
    ].join("\r\n"),
    "utf8",
  );
}

const REQUESTS = [
  message(
    "imap-1",
    SIGN_ON,
    "Signature de la lettre",
    "Nom de l'organisation : Réseau Exemple\nPays : Canada",
  ),
  message(
    "imap-2",
    SIGN_ON,
    "Sign-on: Asociación Ejemplo Digital",
    "Organisation: Asociación Ejemplo Digital\nCountry: Uruguay",
  ),
  message("imap-3", SIGN_ON, "Firma", "Nombre de la organización: Red Ejemplo Sur\nPaís: Chile"),
];
const UNRELATED = message(
  "news-1",
  "someone@coalition.example",
  "Weekly digest",
  "Organisation: Not A Request",
);

async function inbox(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runInProcess(["signatories", "inbox", ID, ...args], {
    workspace: ws,
    env: { OUTREACH_IMAP_PASSWORD: server.password, ...env },
  });
}

async function inboxJson(args: string[]): Promise<Intake> {
  const run = await inbox([...args, "--format", "json"]);
  expect(run.code, `${run.stderr}\n${await server.log()}`).toBe(0);
  return JSON.parse(run.stdout) as Intake;
}

async function flagsOf(folder: string): Promise<string[][]> {
  const client = await imapClient(server);
  try {
    await client.mailboxOpen(folder, { readOnly: true });
    const flags: string[][] = [];
    for await (const m of client.fetch("1:*", { flags: true })) flags.push([...(m.flags ?? [])]);
    return flags;
  } finally {
    await client.logout();
  }
}

beforeAll(async () => {
  server = await startDovecot();
  ws = await copyExampleWorkspace();
  await writeFile(
    join(ws, "config.json"),
    JSON.stringify({
      imap: { host: "127.0.0.1", port: server.port, security: "none", user: server.user },
    }),
  );
  await appendMessages(server, [REQUESTS[0], UNRELATED, REQUESTS[1], REQUESTS[2]] as Buffer[]);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe("outreach signatories inbox --imap (Dovecot on loopback)", () => {
  it("takes the 3 requests as pending, then none again; the mailbox and inbox fetch's state are untouched", async () => {
    const first = await inboxJson(["--imap"]);
    expect(first.added).toBe(3);
    expect(first.results.map((r) => [r.outcome, r.organisation])).toEqual([
      ["added", "Réseau Exemple"],
      ["added", "Asociación Ejemplo Digital"],
      ["added", "Red Ejemplo Sur"],
      ["skipped", ""],
    ]);
    expect(first.results.map((r) => r.from)).toEqual([
      "imap:INBOX#1",
      "imap:INBOX#3",
      "imap:INBOX#4",
      "imap:INBOX#2",
    ]);

    const pending = await runInProcess(
      ["signatories", "list", ID, "--status", "pending", "--format", "json"],
      { workspace: ws },
    );
    expect(pending.code, pending.stderr).toBe(0);
    const rows = (JSON.parse(pending.stdout) as { signatories: { organisation: string }[] }).signatories;
    expect(rows.map((s) => s.organisation)).toEqual([
      "Réseau Exemple",
      "Asociación Ejemplo Digital",
      "Red Ejemplo Sur",
    ]);

    const again = await inboxJson(["--imap"]);
    expect(again.added).toBe(0);
    expect(again.written).toBe(false);
    expect(again.results.map((r) => r.outcome)).toEqual(["duplicate", "duplicate", "duplicate", "skipped"]);

    expect((await folderStatus(server)).messages).toBe(4);
    const flags = await flagsOf("INBOX");
    expect(flags).toHaveLength(4);
    expect(flags.filter((f) => f.includes("\\Seen") || f.includes("\\Deleted"))).toEqual([]);
    await expect(access(join(workspacePaths(ws).campaignDir(ID), "imap-state.json"))).rejects.toThrow();
  });

  it("--folder reads the folders named instead of imap.folders", async () => {
    await appendMessages(
      server,
      [
        message(
          "imap-4",
          SIGN_ON,
          "Sign-on: Otra Red Ejemplo",
          "Organisation: Otra Red Ejemplo\nCountry: Peru",
        ),
      ],
      "Sign-on",
    );
    const run = await inboxJson(["--imap", "--folder", "Sign-on", "--dry-run"]);
    expect(run.results.map((r) => [r.outcome, r.organisation, r.from])).toEqual([
      ["added", "Otra Red Ejemplo", "imap:Sign-on#1"],
    ]);
    const both = await inboxJson(["--imap", "--folder", "INBOX", "--folder", "Sign-on", "--dry-run"]);
    expect(both.results.map((r) => r.outcome).sort()).toEqual([
      "added",
      "duplicate",
      "duplicate",
      "duplicate",
      "skipped",
    ]);
  });

  it("mailbox files and --imap together, or --folder without --imap, are E_USAGE", async () => {
    const both = await inbox(["--imap", "sign-on.mbox"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("E_USAGE");
    const folder = await inbox(["sign-on.mbox", "--folder", "INBOX"]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain("E_USAGE");
    const none = await inbox([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("E_USAGE");
  });

  it("a wrong password is E_IMAP_AUTH (exit 3), and no form of it, or of the real one, is printed", async () => {
    const wrong = "Wr0ng-Qx7v-9Kz!";
    const run = await inbox(["--imap"], { OUTREACH_IMAP_PASSWORD: wrong });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("error [E_IMAP_AUTH]");
    const output = run.stdout + run.stderr;
    expect(findSecretLeaks(output, wrong)).toEqual([]);
    expect(findSecretLeaks(output, server.password)).toEqual([]);
    expect(output).not.toContain(Buffer.from(wrong).toString("base64"));
  });
});
