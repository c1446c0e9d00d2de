/**
 * The example campaign through Postfix's smtp-sink, an SMTP implementation independent of nodemailer
 * and smtp-server: every planned message arrives exactly once, with intact UTF-8 headers.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareCampaign } from "../../src/render/prepare-campaign.fs.js";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import { foldLedger, countStates } from "../../src/ledger/fold-ledger.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp.js";

let sink: SmtpSink;
let workspace: string;

export const GENEROUS_LIMITS = {
  perMinute: 60_000,
  perHour: 1_000_000,
  perDay: 10_000_000,
  perDomainPerHour: 1_000_000,
  burst: 100,
  concurrency: 4,
  maxAttempts: 3,
  backoffBaseMs: 10,
  backoffMaxMs: 100,
};

beforeAll(async () => {
  sink = await startSmtpSink();
  workspace = await copyExampleWorkspace();
  await writeFile(
    join(workspace, "config.json"),
    JSON.stringify({
      smtp: { host: "127.0.0.1", port: sink.port, security: "none", maxConnections: 4 },
      send: GENEROUS_LIMITS,
    }),
  );
});
afterAll(async () => {
  await sink.stop();
});

describe("send to smtp-sink", () => {
  it("delivers the example campaign: every planned message exactly once, headers intact", async () => {
    const run = await runInProcess(
      ["send", "wcit-2012", "--transport", "smtp", "--yes", "--allow-unreviewed", "--format", "json"],
      { workspace },
    );
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { sent: number; failed: number; uncertain: number };

    const { plan, renderer } = await prepareCampaign(workspace, "wcit-2012");
    const expected = plan.entries.filter((e) => e.delivery === "email" && e.contact.status === "active");
    expect(expected.length).toBeGreaterThan(10);
    expect(out).toMatchObject({ sent: expected.length, failed: 0, uncertain: 0 });

    const dumped = await sink.messages();
    const byContact = new Map<string, number>();
    for (const d of dumped) {
      const parsed = await simpleParser(d.raw.slice(d.raw.indexOf("Received:")));
      const header = parsed.headers.get("x-outreach-contact");
      const contact = typeof header === "string" ? header : "";
      byContact.set(contact, (byContact.get(contact) ?? 0) + 1);
      const entry = expected.find((e) => e.contact.id === contact);
      expect(entry, `unexpected message for ${contact}`).toBeDefined();
      if (!entry) continue;
      const rendered = renderer.render(entry);
      // Headers with Chinese, Thai, Urdu, Bangla, accents: decoded back exactly as rendered.
      expect(parsed.subject).toBe(rendered.mail.subject);
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0] : undefined).toMatchObject({
        address: rendered.mail.to.address,
        name: rendered.mail.to.name,
      });
      expect(parsed.messageId).toBe(rendered.mail.messageId);
      expect(d.rcpt).toContain(rendered.mail.to.address);
    }
    expect([...byContact.keys()].sort()).toEqual(expected.map((e) => e.contact.id).sort());
    expect([...byContact.values()].every((n) => n === 1)).toBe(true);
    // Some subjects really are non-ASCII, so the check above means something.
    expect(expected.some((e) => /[^\x00-\x7f]/.test(renderer.render(e).mail.subject))).toBe(true);

    const { events } = await readLedger(join(workspace, "campaigns/wcit-2012/ledger.jsonl"));
    expect(countStates(foldLedger(events)).sent).toBe(expected.length);
    expect(
      events.filter((e) => e.type === "sent").every((e) => "response" in e && /^250/.test(e.response)),
    ).toBe(true);

    // Running a finished campaign again sends nothing.
    const again = await runInProcess(
      ["send", "wcit-2012", "--transport", "smtp", "--yes", "--allow-unreviewed"],
      { workspace },
    );
    expect(again.code).toBe(0);
    expect((await sink.messages()).length).toBe(dumped.length);
  });
});
