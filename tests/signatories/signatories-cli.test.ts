/**
 * Rolling sign-on through the whole CLI, on the example workspace: requests from `add`, a form export and
 * the sign-on mailbox wait as pending; `approve` puts them under every letter in a batch headed "Updated
 * <date>" in the letter's language and locale; a rejected one never appears; a near-duplicate is reported
 * and not added twice; and a message already sent keeps the list it had (its ledger revision), which
 * `status` shows.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import { EXAMPLE_CAMPAIGN as ID } from "../campaign/edit-workspace.js";
import { copyExampleWorkspace, makeTempDir, runInProcess } from "../helpers/cli.js";
import { REAL_SEND, writeLoopbackConfig } from "../helpers/send-config.js";
import { startScriptedSmtpServer, type ScriptedSmtpServer } from "../helpers/smtp.js";

const SIGN_ON = "signon@coalition.example"; // the example campaign's replyTo

/** The heading each example letter gives a batch approved on 2026-12-07, in its language and locale. */
const HEADINGS: Record<string, string> = {
  en: "Updated 7 December 2026",
  es: "Actualizado el 7 de diciembre de 2026",
  fr: "Mis à jour le 7 décembre 2026",
  zh: "更新于2026年12月7日",
  th: "ปรับปรุงเมื่อ 7 ธันวาคม 2569",
  ur: "تازہ کاری: 7 دسمبر، 2026",
  bn: "হালনাগাদ: ৭ ডিসেম্বর, ২০২৬",
};

async function run(ws: string, ...args: string[]) {
  return runInProcess(args, { workspace: ws });
}

async function json<T>(ws: string, ...args: string[]): Promise<T> {
  const r = await run(ws, ...args, "--format", "json");
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

type Intake = {
  added: number;
  results: { outcome: string; id: string; organisation: string; note: string }[];
};

/** One preview letter's HTML per language. */
async function previewByLanguage(ws: string): Promise<Map<string, string>> {
  const r = await run(ws, "preview", ID);
  expect(r.code, r.stderr).toBe(0);
  const dir = join(ws, "campaigns", ID, "outbox", "preview");
  const out = new Map<string, string>();
  for (const f of (await readdir(dir)).filter((f) => f.endsWith(".html")).sort()) {
    const lang = f.split("-")[1];
    if (lang && !out.has(lang)) out.set(lang, await readFile(join(dir, f), "utf8"));
  }
  return out;
}

async function writeSignOnMailbox(dir: string): Promise<string> {
  const message = (id: string, to: string, body: string) =>
    [
      `From sender@example.test Wed Nov 14 10:00:00 2012`,
      `Message-ID: <${id}@partner.example>`,
      "From: Claire Exemple <claire@reseau.example>",
      `To: ${to}`,
      "Subject: Signature de la lettre",
      "Date: Wed, 14 Nov 2012 10:00:00 +0000",
      "Content-Type: text/plain; charset=utf-8",
      "",
      body,
      "",
    ].join("\n");
  const path = join(dir, "sign-on.mbox");
  await writeFile(
    path,
    message("fr-1", SIGN_ON, "Bonjour,\nNom de l'organisation : Réseau Exemple\nPays : Canada\n") +
      message("other-1", "someone@coalition.example", "Organisation: Not A Request\n") +
      message("fr-2", SIGN_ON, "Nom de l'organisation : Réseau Exemple\nPays : Canada\n"),
  );
  return path;
}

let server: ScriptedSmtpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("outreach signatories", () => {
  it("add, import and inbox → pending → approve: every letter shows the batch under its localised Updated heading", async () => {
    const ws = await copyExampleWorkspace();
    const tmp = await makeTempDir();
    const added = await json<Intake>(
      ws,
      "signatories",
      "add",
      ID,
      "--name",
      "Example Privacy Network",
      "--country",
      "DK",
    );
    expect(added.results.map((r) => [r.outcome, r.id])).toEqual([["added", "example-privacy-network"]]);

    // The seed's own duplicate ("Kictanet, Kenya" signs twice) and a dash: the same organisations.
    for (const name of ["Kictanet, Kenya", "ISOC Belgrade"]) {
      const again = await json<Intake>(ws, "signatories", "add", ID, "--name", name);
      expect(again.added).toBe(0);
      expect(again.results[0]?.outcome).toBe("duplicate");
    }
    const near = await json<Intake>(ws, "signatories", "add", ID, "--name", "Electronic Frontier Foundaton");
    expect(near.results.map((r) => [r.outcome, r.note])).toEqual([
      ["similar", expect.stringContaining('electronic-frontier-foundation "Electronic Frontier Foundation"')],
    ]);

    const form = join(tmp, "form.csv");
    await writeFile(
      form,
      "Timestamp,Organization name,Country,Email\n2026-12-01 10:00,Red Ejemplo,Argentina,red@ejemplo.example\n2026-12-01 11:00,Spam Example,,spam@example.invalid\n2026-12-02 09:00,Red  Ejemplo!,AR,red@ejemplo.example\n",
    );
    const imported = await json<Intake>(ws, "signatories", "import", ID, form);
    expect(imported.results.map((r) => r.outcome)).toEqual(["added", "added", "duplicate"]);

    const inbox = await json<Intake>(ws, "signatories", "inbox", ID, await writeSignOnMailbox(tmp));
    expect(inbox.results.map((r) => [r.outcome, r.organisation])).toEqual([
      ["added", "Réseau Exemple"],
      ["duplicate", "Réseau Exemple"],
      ["skipped", ""],
    ]);

    const pending = await json<{ signatories: { id: string }[] }>(
      ws,
      "signatories",
      "list",
      ID,
      "--status",
      "pending",
    );
    expect(pending.signatories.map((s) => s.id)).toEqual([
      "example-privacy-network",
      "red-ejemplo",
      "spam-example",
      "reseau-exemple",
    ]);
    // Nothing is published before approve.
    for (const [lang, html] of await previewByLanguage(ws)) expect(html, lang).not.toContain("Red Ejemplo");

    const approve = await run(
      ws,
      "signatories",
      "approve",
      ID,
      "example-privacy-network",
      "red-ejemplo",
      "reseau-exemple",
      "--date",
      "2026-12-07",
    );
    expect(approve.code, approve.stderr).toBe(0);
    const reject = await run(ws, "signatories", "reject", ID, "spam-example");
    expect(reject.code, reject.stderr).toBe(0);

    const letters = await previewByLanguage(ws);
    expect([...letters.keys()].sort()).toEqual(Object.keys(HEADINGS).sort());
    for (const [lang, html] of letters) {
      const heading = html.indexOf(`<strong>${HEADINGS[lang]}</strong>`);
      expect(heading, `${lang}: ${HEADINGS[lang]}`).toBeGreaterThan(
        html.indexOf("Sociedade Internet no Brasil"),
      );
      for (const name of ["Example Privacy Network", "Red Ejemplo", "Réseau Exemple"]) {
        expect(html.indexOf(name), `${lang}: ${name}`).toBeGreaterThan(heading);
      }
      expect(html, lang).not.toContain("Spam Example");
      expect(html.match(/Kictanet/g), lang).toHaveLength(1);
    }
  });

  it("refuses an unknown id with a suggestion, and a file with bad rows without touching it", async () => {
    const ws = await copyExampleWorkspace();
    const r = await run(ws, "signatories", "approve", ID, "kictanett");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("E_SIGNATORY_UNKNOWN");
    expect(r.stderr).toContain('did you mean "kictanet"');
    const file = join(ws, "campaigns", ID, "signatories.csv");
    await writeFile(file, (await readFile(file, "utf8")) + "Bad Row,Narnia,2012-11-20\n");
    const before = await readFile(file, "utf8");
    const add = await run(ws, "signatories", "add", ID, "--name", "Example Privacy Network");
    expect(add.code).toBe(2);
    expect(add.stderr).toContain("E_SIGNATORIES_INVALID");
    expect(add.stderr).toMatch(/signatories\.csv:48 country: \[E_SIGNATORY_COUNTRY\]/);
    expect(await readFile(file, "utf8")).toBe(before);
  });

  it("a message already sent keeps the list it had: its ledger revision, and status names who got an older list", async () => {
    server = await startScriptedSmtpServer();
    const ws = await copyExampleWorkspace();
    await writeLoopbackConfig(ws, server.port);
    const first = await run(ws, ...REAL_SEND(ID), "--limit", "2");
    expect(first.code, first.stderr).toBe(0);
    const ledger = join(ws, "campaigns", ID, "ledger.jsonl");
    const sentFirst = (await readLedger(ledger)).events.filter((e) => e.type === "sent");
    expect(sentFirst).toHaveLength(2);
    const before = await json<{ revision: string }>(ws, "signatories", "list", ID);
    for (const e of sentFirst) expect(e.type === "sent" && e.signatoryRevision).toBe(before.revision);
    const current = await json<{ contacts: { contact: string; signatoryList: string }[] }>(ws, "status", ID);
    expect(current.contacts.filter((c) => c.signatoryList === "current")).toHaveLength(2);

    await run(ws, "signatories", "add", ID, "--name", "Example Privacy Network", "--country", "DK");
    await run(ws, "signatories", "approve", ID, "example-privacy-network", "--date", "2026-12-07");
    const after = await json<{ revision: string }>(ws, "signatories", "list", ID);
    expect(after.revision).not.toBe(before.revision);

    const rest = await run(ws, ...REAL_SEND(ID));
    expect(rest.code, rest.stderr).toBe(0);
    const events = (await readLedger(ledger)).events;
    const sent = events.filter((e) => e.type === "sent");
    // The first two were not sent again, and their events still say which list they carried.
    for (const e of sentFirst) expect(sent.filter((s) => s.contact === e.contact)).toEqual([e]);
    const later = sent.filter((e) => !sentFirst.some((f) => f.contact === e.contact));
    expect(later.length).toBeGreaterThan(0);
    for (const e of later) expect(e.type === "sent" && e.signatoryRevision).toBe(after.revision);

    const older = await json<{ contacts: { contact: string; signatoryList: string }[] }>(
      ws,
      "status",
      ID,
      "--older-signatories",
    );
    expect(older.contacts.map((c) => c.contact).sort()).toEqual(sentFirst.map((e) => e.contact).sort());
    expect(older.contacts.every((c) => c.signatoryList === "older")).toBe(true);
    const table = await run(ws, "status", ID);
    expect(table.stdout).toContain(
      `2 contact(s) received an older signatory list: outreach status ${ID} --older-signatories`,
    );

    // A follow-up targets exactly them with the audience rule `includeContacts` (shown on this campaign).
    const campaignFile = join(ws, "campaigns", ID, "campaign.json");
    const campaign = JSON.parse(await readFile(campaignFile, "utf8")) as {
      audience: Record<string, unknown>;
    };
    campaign.audience.includeContacts = older.contacts.map((c) => c.contact);
    await writeFile(campaignFile, JSON.stringify(campaign));
    const plan = await json<{ totals: { contacts: number } }>(ws, "plan", ID);
    expect(plan.totals.contacts).toBe(2);
  });
});
