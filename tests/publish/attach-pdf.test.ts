/**
 * `letters.<lang>.attachPdf: true`: every message in that language carries the letter's PDF (the
 * website copy), made once per language and signatory revision: a second run with the same list starts
 * no browser and reuses the file; a new signature makes a new one. Letters in other languages carry none.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_CAMPAIGN, readCampaignJson, writeCampaignJson } from "../campaign/edit-workspace.js";
import { CHROMIUM_PATH } from "../helpers/browser.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";
import { pdfText, squeeze } from "./pdf-tools.js";
import { appendSignatory } from "./signatory-fixture.js";

let ws: string;
const env = { OUTREACH_BROWSER: CHROMIUM_PATH };
const campaignDir = () => join(ws, "campaigns", EXAMPLE_CAMPAIGN);
const cacheDir = () => join(campaignDir(), "outbox", "pdf-cache");

async function emlAttachments(dir: string): Promise<Map<string, { language: string; pdfs: Buffer[] }>> {
  const found = new Map<string, { language: string; pdfs: Buffer[] }>();
  for (const name of (await readdir(dir)).filter((f) => f.endsWith(".eml"))) {
    const mail = await simpleParser(await readFile(join(dir, name)));
    const header = mail.headers.get("content-language");
    const language = typeof header === "string" ? header : "";
    const pdfs = mail.attachments.filter((a) => a.contentType === "application/pdf").map((a) => a.content);
    found.set(name, { language, pdfs });
  }
  return found;
}

beforeAll(async () => {
  ws = await copyExampleWorkspace();
  const campaign = await readCampaignJson(ws);
  const letters = campaign.letters as Record<string, Record<string, unknown>>;
  (letters.ur as Record<string, unknown>).attachPdf = true;
  (letters.ur as Record<string, unknown>).place = "لاہور";
  await writeCampaignJson(ws, campaign);
});

describe("attachPdf", () => {
  it("preview: every Urdu message carries the one PDF, made once; the other languages none", async () => {
    const run = await runInProcess(["preview", EXAMPLE_CAMPAIGN], { workspace: ws, env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/attaching .*wcit-2012-ur-[0-9a-f]{12}\.pdf \(made now\) to the ur letters/);
    const cached = await readdir(cacheDir());
    expect(cached).toHaveLength(1);
    const pdf = await readFile(join(cacheDir(), cached[0] ?? ""));
    const messages = await emlAttachments(join(campaignDir(), "outbox", "preview"));
    const urdu = [...messages.values()].filter((m) => m.language === "ur");
    expect(urdu.length).toBeGreaterThan(1);
    for (const m of urdu) expect(m.pdfs.map((p) => p.equals(pdf))).toEqual([true]);
    for (const m of [...messages.values()].filter((x) => x.language !== "ur")) expect(m.pdfs).toEqual([]);
    // The website copy: the salutation that names nobody, the place in the date line.
    const text = squeeze(await pdfText(join(cacheDir(), cached[0] ?? "")));
    expect(text).toContain(squeeze("محترم جناب/محترمہ،"));
    expect(text).toContain("لاہور");
  });

  it("a rehearsed send with the same signatory list reuses it without a browser", async () => {
    const run = await runInProcess(["send", EXAMPLE_CAMPAIGN, "--country", "PK"], { workspace: ws, env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/attaching .*wcit-2012-ur-[0-9a-f]{12}\.pdf to the ur letters/);
    expect(run.stderr).not.toContain("made now");
    const cached = await readdir(cacheDir());
    const pdf = await readFile(join(cacheDir(), cached[0] ?? ""));
    const messages = await emlAttachments(join(campaignDir(), "outbox", "rehearsal"));
    expect(messages.size).toBeGreaterThan(0);
    // The sender reads the file once and writes its bytes into every message: each carries it exactly.
    for (const m of messages.values()) expect(m.pdfs.map((p) => p.equals(pdf))).toEqual([true]);
  });

  it("a new signature is a new revision: a new PDF, with the new name", async () => {
    await appendSignatory(ws, {
      organisation: "Digital Rights Foundation (example)",
      country: "PK",
      signed: "2012-11-23",
    });
    const run = await runInProcess(["preview", EXAMPLE_CAMPAIGN, "--country", "PK"], { workspace: ws, env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("(made now)");
    const cached = (await readdir(cacheDir())).sort();
    expect(cached).toHaveLength(2);
    const texts = await Promise.all(cached.map(async (f) => squeeze(await pdfText(join(cacheDir(), f)))));
    expect(texts.filter((t) => t.includes(squeeze("Digital Rights Foundation (example)")))).toHaveLength(1);
  });
});
