/**
 * Deliverability end to end, against a real DNS server (dnsmasq on loopback) and a real SMTP server
 * (smtp-server on 127.0.0.1): `check sender` reports each fault with its code and passes a correct setup;
 * a letter sent through the server verifies as DKIM `pass` with mailauth (an implementation independent
 * of nodemailer's signer) against the same DNS, and fails against a zone publishing another key under the
 * same selector; rehearsals are not signed; `plan` blocks the contacts of a domain that accepts no mail;
 * the private key, in any of its forms, appears in no output, ledger or JSON.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { dkimVerify } from "mailauth/lib/dkim/verify.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pemSecretTexts } from "../../src/core/scrub-secrets.js";
import { createDnsResolver } from "../../src/preflight/dns-resolver.dns.js";
import { copyExampleWorkspace, makeTempDir, runInProcess } from "../helpers/cli.js";
import { startDnsServer, type DnsServer } from "../helpers/dns-server.js";
import { REAL_SEND, FAST_LIMITS } from "../helpers/send-config.js";
import { startScriptedSmtpServer, type ScriptedSmtpServer } from "../helpers/smtp.js";
import { dkimPublicKeyBase64 } from "../../src/preflight/dkim-record.js";
import { SELECTOR, preflightZone, rsaKey } from "../preflight/dns-zone.js";

const key = rsaKey();
const otherKey = rsaKey();
/** The example directory's domains, all accepting mail except the one given a null MX. */
const NULL_MX_DOMAIN = "dsit.gb.example";
let dns: DnsServer;
let smtp: ScriptedSmtpServer;
let keyFile: string;

async function exampleDomains(): Promise<string[]> {
  const ws = await copyExampleWorkspace();
  const text = await readFile(join(ws, "contacts/directory.csv"), "utf8");
  return [...new Set([...text.matchAll(/@([a-z0-9.-]+\.example)/g)].map((m) => m[1] ?? ""))];
}

beforeAll(async () => {
  const zone = preflightZone(key, otherKey);
  for (const d of await exampleDomains())
    if (d !== NULL_MX_DOMAIN) zone.mx = { ...zone.mx, [d]: [{ host: `mx.${d}` }] };
  zone.nullMx = [...(zone.nullMx ?? []), NULL_MX_DOMAIN];
  dns = await startDnsServer(zone);
  smtp = await startScriptedSmtpServer();
  keyFile = join(await makeTempDir("outreach-key-"), "dkim.pem");
  await writeFile(keyFile, key, { mode: 0o600 });
});
afterAll(async () => {
  await smtp.close();
  await dns.stop();
});

/** A workspace whose config sends as letters@`domain` through the local server, signing as `dkimDomain`. */
async function workspaceFor(domain: string, dkimDomain = domain, dkim: object = { privateKeyFile: keyFile }) {
  const ws = await copyExampleWorkspace();
  await writeFile(
    join(ws, "config.json"),
    JSON.stringify({
      sender: { name: "Coalition (test)", email: `letters@${domain}` },
      smtp: { host: "127.0.0.1", port: smtp.port, security: "none" },
      send: FAST_LIMITS,
      dkim: { domain: dkimDomain, selector: SELECTOR, ...dkim },
      dns: { servers: [dns.address], timeoutMs: 2000 },
    }),
  );
  const file = join(ws, "campaigns/wcit-2012/campaign.json");
  const campaign = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  await writeFile(
    file,
    JSON.stringify({ ...campaign, sender: { name: "Coalition", email: `letters@${domain}` } }),
  );
  return ws;
}

const keyBody = key.split("\n")[1] ?? "";

/** Every form of the key the scrubber must hide: the PEM (LF, CRLF, "\\n"-escaped), JSON-escaped, its body and lines. */
const keyForms = pemSecretTexts(key.replace(/\n/g, "\\n"));

function expectNoKey(where: string, text: string): void {
  for (const form of keyForms) expect(text.includes(form), `${where} holds a form of the key`).toBe(false);
}

describe("outreach check sender", () => {
  it("passes a correct setup, as a table and as JSON", async () => {
    const ws = await workspaceFor("good.test");
    const table = await runInProcess(["check", "sender"], { workspace: ws });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/good\.test\s+spf\s+ok/);
    expect(table.stdout).toMatch(/good\.test\s+dkim\s+ok/);
    expect(table.stdout).toMatch(/good\.test\s+dmarc\s+ok/);
    const json = await runInProcess(["check", "sender", "--format", "json"], { workspace: ws });
    const report = JSON.parse(json.stdout) as { ok: boolean; dkim: { signed: boolean } };
    expect(report).toMatchObject({ ok: true, dkim: { signed: true, domain: "good.test" } });
    for (const out of [table.stdout, table.stderr, json.stdout]) expect(out).not.toContain(keyBody);
  });

  it("fails with E_PREFLIGHT_FAILED naming each error's code; SPF not covering the relay is a warning", async () => {
    const run = await runInProcess(["check", "sender", "--format", "json"], {
      workspace: await workspaceFor("misaligned.test", "signer.test"),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("E_PREFLIGHT_FAILED");
    expect(run.stderr).toContain("[E_DNS_DMARC_MISALIGNED]");
    expect(run.stderr).not.toContain("[E_DNS_SPF_RELAY]");
    const findings = (JSON.parse(run.stdout) as { findings: { code?: string; level: string }[] }).findings;
    expect(findings.map((f) => [f.code, f.level])).toEqual([
      ["E_DNS_SPF_RELAY", "warning"],
      [undefined, "ok"],
      ["E_DNS_DMARC_MISALIGNED", "error"],
    ]);
  });

  it("passes a setup whose SPF does not cover the submission host (the provider may relay from others)", async () => {
    const run = await runInProcess(["check", "sender"], { workspace: await workspaceFor("narrow.test") });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/narrow\.test\s+spf\s+warning\s+E_DNS_SPF_RELAY/);
    expect(run.stdout).toContain("if your provider relays from other addresses, this can be fine");
  });

  it("checks a campaign's target domains: a null MX blocks its contacts", async () => {
    const run = await runInProcess(["check", "sender", "wcit-2012", "--format", "json"], {
      workspace: await workspaceFor("good.test"),
    });
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as {
      targets: { blockedContacts: string[]; domains: { domain: string; code?: string }[] };
    };
    expect(report.targets.domains.filter((d) => d.code).map((d) => [d.domain, d.code])).toEqual([
      [NULL_MX_DOMAIN, "E_DNS_NULL_MX"],
    ]);
    expect(report.targets.blockedContacts.length).toBeGreaterThan(0);
  });

  it("refuses a key file inside the workspace, without showing the key", async () => {
    const ws = await workspaceFor("good.test");
    await writeFile(join(ws, "dkim.pem"), key);
    const config = JSON.parse(await readFile(join(ws, "config.json"), "utf8")) as { dkim: object };
    config.dkim = { domain: "good.test", selector: SELECTOR, privateKeyFile: "dkim.pem" };
    await writeFile(join(ws, "config.json"), JSON.stringify(config));
    const run = await runInProcess(["check", "sender"], { workspace: ws });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("E_CONFIG_DKIM_KEY");
    expect(run.stderr).not.toContain(keyBody);
  });
});

describe("DKIM signing", () => {
  const resolver = (address = dns.address) => createDnsResolver({ servers: [address], timeoutMs: 2000 });

  it("signs every letter sent through the SMTP server: mailauth verifies pass, and fails against another published key", async () => {
    const ws = await workspaceFor("good.test", "good.test", { privateKeyEnv: "OUTREACH_DKIM_KEY" });
    // The key as an .env file would hold it: one line, its line breaks written as "\n".
    const env = { OUTREACH_DKIM_KEY: key.replace(/\n/g, "\\n") };
    const preview = await runInProcess(["preview", "wcit-2012", "--country", "FR"], { workspace: ws, env });
    expect(preview.stderr).toContain(
      "letters will be signed when sent as d=good.test, s=s2026 (rehearsals are not signed)",
    );
    const before = smtp.accepted.length;
    const run = await runInProcess([...REAL_SEND("wcit-2012"), "--country", "FR,JP"], { workspace: ws, env });
    expect(run.code, run.stderr).toBe(0);
    const sent = smtp.accepted.slice(before);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    // A second zone where good.test publishes another key under the same selector: the same bytes fail.
    const impostor = await startDnsServer({
      txt: { [`${SELECTOR}._domainkey.good.test`]: `v=DKIM1; k=rsa; p=${dkimPublicKeyBase64(otherKey)}` },
    });
    try {
      for (const m of sent) {
        const result = await dkimVerify(m.raw, { resolver: resolver() as never });
        expect(result.results.map((r) => [r.signingDomain, r.selector, r.status.result])).toEqual([
          ["good.test", SELECTOR, "pass"],
        ]);
        const other = await dkimVerify(m.raw, { resolver: resolver(impostor.address) as never });
        expect(other.results.map((r) => [r.signingDomain, r.selector, r.status.result])).toEqual([
          ["good.test", SELECTOR, "fail"],
        ]);
      }
    } finally {
      await impostor.stop();
    }
    const ledger = await readFile(join(ws, "campaigns/wcit-2012/ledger.jsonl"), "utf8");
    const outputs = { run: run.stdout + run.stderr, preview: preview.stdout + preview.stderr, ledger };
    for (const [where, text] of Object.entries(outputs)) expectNoKey(where, text);
  });

  it("does not sign rehearsals, and a rehearsal needs no key", async () => {
    // The key's variable is not set: a real send would stop, a rehearsal goes.
    const ws = await workspaceFor("good.test", "good.test", { privateKeyEnv: "OUTREACH_DKIM_KEY_UNSET" });
    const run = await runInProcess(["send", "wcit-2012", "--country", "FR", "--format", "json"], {
      workspace: ws,
    });
    expect(run.code, run.stderr).toBe(0);
    const dir = join(ws, "campaigns/wcit-2012/outbox/rehearsal");
    const files = (await readdir(dir)).filter((f) => f.endsWith(".eml"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const raw = await readFile(join(dir, f));
      expect(raw.toString("latin1")).not.toMatch(/^DKIM-Signature:/im);
      expect((await dkimVerify(raw, { resolver: resolver() as never })).results[0]?.status.result).toBe(
        "none",
      );
    }
    // With the key readable, still unsigned.
    const keyed = await workspaceFor("good.test");
    expect((await runInProcess(["send", "wcit-2012", "--country", "FR"], { workspace: keyed })).code).toBe(0);
    const keyedDir = join(keyed, "campaigns/wcit-2012/outbox/rehearsal");
    for (const f of (await readdir(keyedDir)).filter((x) => x.endsWith(".eml")))
      expect(await readFile(join(keyedDir, f), "latin1")).not.toMatch(/^DKIM-Signature:/im);
  });

  it("shows no form of a key read from a file in any output, JSON or ledger", async () => {
    const ws = await workspaceFor("good.test");
    const runs = [
      await runInProcess(["check", "sender", "--format", "json"], { workspace: ws }),
      await runInProcess(["check", "sender"], { workspace: ws }),
      await runInProcess(["plan", "wcit-2012", "--format", "json", "--no-dns"], { workspace: ws }),
      await runInProcess(["preview", "wcit-2012", "--country", "FR", "--format", "json"], { workspace: ws }),
      await runInProcess([...REAL_SEND("wcit-2012"), "--country", "FR", "--format", "json"], {
        workspace: ws,
      }),
    ];
    for (const [i, r] of runs.entries()) expectNoKey(`run ${i}`, r.stdout + r.stderr);
    expectNoKey("ledger", await readFile(join(ws, "campaigns/wcit-2012/ledger.jsonl"), "utf8"));
  });
});

describe("plan with DNS checks", () => {
  it("blocks the contacts of a domain that accepts no mail, and --no-dns skips the lookups", async () => {
    const ws = await workspaceFor("good.test");
    const run = await runInProcess(["plan", "wcit-2012"], { workspace: ws });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("E_PLAN_BLOCKED");
    expect(run.stderr).toMatch(/\[E_DNS_NULL_MX\].*dsit\.gb\.example.*\(1 contact: GB /);
    const offline = await runInProcess(["plan", "wcit-2012", "--no-dns"], { workspace: ws });
    expect(offline.code, offline.stderr).toBe(0);
  });
});
