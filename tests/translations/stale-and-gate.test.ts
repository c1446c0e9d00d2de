/**
 * Issue 15, acceptance: change one English paragraph → `translations status` lists exactly that segment
 * as stale in all six translations, `plan` and `preview` list it per language, and a real send refuses
 * those letters (E_UNREVIEWED, naming the segment) until they are approved again or `--allow-unreviewed`.
 * Real SMTP server on loopback.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replaceInFile } from "../campaign/edit-workspace.js";
import { copyExampleWorkspace } from "../helpers/cli.js";
import { FAST_LIMITS } from "../helpers/send-config.js";
import { startScriptedSmtpServer, type ScriptedSmtpServer } from "../helpers/smtp.js";
import { ID, recordBaseline, run, TRANSLATIONS } from "./po-helpers.js";

interface StatusJson {
  sourceLanguage: string;
  languages: {
    language: string;
    stale: { id: string; state: string }[];
    counts: Record<string, number>;
    approvalCurrent: boolean;
  }[];
}

const PARAGRAPH = "At the WCIT, governments will consider proposals";
const contactOf = (raw: Buffer) => /^X-Outreach-Contact: (.+)$/m.exec(raw.toString())?.[1]?.trim() ?? "";

async function status(ws: string): Promise<StatusJson> {
  const r = await run(ws, "translations", "status", ID, "--format", "json");
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as StatusJson;
}

describe("a change to the English letter", () => {
  let ws: string;
  let server: ScriptedSmtpServer;
  let staleId: string;
  beforeAll(async () => {
    server = await startScriptedSmtpServer();
    ws = await copyExampleWorkspace();
    await writeFile(
      join(ws, "config.json"),
      JSON.stringify({ smtp: { host: "127.0.0.1", port: server.port, security: "none" }, send: FAST_LIMITS }),
    );
    await recordBaseline(ws);
  });
  afterAll(async () => server.close());

  it("before: every translation is current and nothing is stale", async () => {
    const s = await status(ws);
    expect(s.languages.map((l) => l.language).sort()).toEqual([...TRANSLATIONS].sort());
    for (const l of s.languages)
      expect({ lang: l.language, stale: l.stale }).toEqual({ lang: l.language, stale: [] });
  });

  it("the send gate refuses a translation never approved; approved, plan stops calling it unreviewed", async () => {
    const refused = await run(ws, "send", ID, "--transport", "smtp", "--yes", "--country", "TH");
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("E_UNREVIEWED");
    expect(refused.stderr).toContain("never approved");
    expect((await run(ws, "plan", ID)).stderr).toContain('"th" translation is not reviewed');
    for (const lang of TRANSLATIONS) {
      const approved = await run(ws, "translations", "approve", ID, "--lang", lang, "--by", "Ana Revisora");
      expect(approved.code, approved.stderr).toBe(0);
    }
    expect((await status(ws)).languages.every((l) => l.approvalCurrent)).toBe(true);
    // plan no longer calls an approved translation unreviewed (campaign.json still says reviewed: false).
    const plan = await run(ws, "plan", ID);
    expect(plan.stderr).not.toContain('"th" translation is not reviewed');
    const record = JSON.parse(await readFile(join(ws, "campaigns", ID, "translations.json"), "utf8")) as {
      languages: Record<string, { approved: { by: string; at: string } }>;
    };
    expect(record.languages.th?.approved).toMatchObject({
      by: "Ana Revisora",
      at: "2012-11-20T09:30:00.000Z",
    });
  });

  it("status lists exactly the changed paragraph as stale, in all six translations", async () => {
    const en = join(ws, "templates", "itu-letter", "en.mjml");
    await replaceInFile(en, PARAGRAPH, "At the WCIT in Dubai, governments will consider proposals");
    const s = await status(ws);
    const stale = s.languages.map((l) => [l.language, l.stale]);
    staleId = s.languages[0]?.stale[0]?.id ?? "";
    expect(staleId).toMatch(/^text2\.\d+$/);
    expect(stale).toEqual(
      s.languages.map((l) => [l.language, [{ id: staleId, kind: "paragraph", state: "changed" }]]),
    );
    expect(s.languages.every((l) => !l.approvalCurrent)).toBe(true);
    const text = await run(ws, "translations", "status", ID);
    for (const lang of TRANSLATIONS)
      expect(text.stdout).toContain(`${lang}: out of date with en: ${staleId} (changed)`);
  });

  it("plan and preview list the stale segment per language", async () => {
    const plan = await run(ws, "plan", ID);
    expect(plan.code, plan.stderr).toBe(0);
    const preview = await run(ws, "preview", ID);
    expect(preview.code, preview.stderr).toBe(0);
    for (const lang of TRANSLATIONS) {
      const line = new RegExp(
        `warning: .*the ${lang} translation is out of date with the en letter in 1 segment\\(s\\): ${staleId.replace(".", "\\.")} \\(changed\\)`,
      );
      expect(plan.stderr).toMatch(line);
      expect(preview.stderr).toMatch(line);
    }
  });

  it("the send gate refuses the stale translations until approved again, or --allow-unreviewed", async () => {
    const refused = await run(ws, "send", ID, "--transport", "smtp", "--yes", "--country", "TH");
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("E_UNREVIEWED");
    expect(refused.stderr).toContain(`out of date with the en letter: ${staleId} (changed)`);
    expect(server.received).toHaveLength(0);

    const approved = await run(ws, "translations", "approve", ID, "--lang", "th", "--by", "Ana Revisora");
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toContain(`now current: ${staleId}`);
    const th = await run(ws, "send", ID, "--transport", "smtp", "--yes", "--country", "TH");
    expect(th.code, th.stderr).toBe(0);
    expect(server.accepted.map((m) => contactOf(m.raw)).sort()).toEqual(["th-79207644e4", "th-ba587ea601"]);

    const pk = await run(ws, "send", ID, "--transport", "smtp", "--yes", "--country", "PK");
    expect(pk.code).toBe(3);
    expect(pk.stderr).toContain("E_UNREVIEWED");
    const allowed = await run(
      ws,
      "send",
      ID,
      "--transport",
      "smtp",
      "--yes",
      "--country",
      "PK",
      "--allow-unreviewed",
    );
    expect(allowed.code, allowed.stderr).toBe(0);
  });
});
