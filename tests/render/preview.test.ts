/**
 * Acceptance for rendering, through the CLI on a temp copy of the example workspace: every .eml
 * parses, non-Latin subjects and names round-trip, data never becomes markup or headers, and the
 * signatory list drives every letter.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import * as cheerio from "cheerio";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";
import { appendContact, EXAMPLE_CAMPAIGN, replaceInFile } from "../campaign/edit-workspace.js";

const CLOCK_START = Date.UTC(2012, 10, 20, 9, 30);
const HOSTILE_NAME = "<img src=x onerror=alert(1)> {{constructor}}\r\nBcc: victim@target.example";

interface Preview {
  dir: string;
  emls: string[];
  mails: Map<string, { raw: string; parsed: ParsedMail }>;
}

async function runPreview(ws: string): Promise<Preview> {
  const run = await runInProcess(["preview", EXAMPLE_CAMPAIGN], {
    workspace: ws,
    clock: new ManualClock(CLOCK_START),
  });
  expect(run.code, run.stderr).toBe(0);
  const dir = join(ws, "campaigns", EXAMPLE_CAMPAIGN, "outbox", "preview");
  expect(run.stdout).toContain(join(dir, "index.html"));
  const emls = (await readdir(dir)).filter((f) => f.endsWith(".eml")).sort();
  const mails = new Map<string, { raw: string; parsed: ParsedMail }>();
  for (const f of emls) {
    const raw = await readFile(join(dir, f), "utf8");
    mails.set(f, { raw, parsed: await simpleParser(raw) });
  }
  return { dir, emls, mails };
}

function toName(parsed: ParsedMail): string {
  const to = parsed.to as AddressObject | undefined;
  return to?.value[0]?.name ?? "";
}

function headerBlock(raw: string): string {
  return raw.slice(0, raw.indexOf("\r\n\r\n"));
}

describe("preview of the example campaign", () => {
  let ws: string;
  let preview: Preview;
  let planJson: {
    entries: {
      contact: string;
      name: string;
      email: string;
      language: string;
      delivery: string;
      ccPartner: boolean;
    }[];
  };

  beforeAll(async () => {
    ws = await copyExampleWorkspace();
    await appendContact(ws, {
      id: "gb-hostile",
      country: "GB",
      organisation: "Ministry of <b>Bold</b> & {{#each x}}loops{{/each}}\r\nX-Injected: organisation",
      name: HOSTILE_NAME,
      title: "Head of {{constructor}}\nX-Injected: title",
      email: "hostile@ministry.gb.example",
      tags: "ministry",
    });
    const plan = await runInProcess(["plan", EXAMPLE_CAMPAIGN, "--format", "json"], { workspace: ws });
    expect(plan.code, plan.stderr).toBe(0);
    planJson = JSON.parse(plan.stdout) as typeof planJson;
    preview = await runPreview(ws);
  });

  it("writes one parseable .eml per plan entry, plus an .html copy and an index page", async () => {
    expect(preview.emls.length).toBe(planJson.entries.length);
    const files = await readdir(preview.dir);
    expect(files.filter((f) => f.endsWith(".html") && f !== "index.html").length).toBe(
      planJson.entries.length,
    );
    const index = await readFile(join(preview.dir, "index.html"), "utf8");
    expect(index.match(/<tr data-message/g)?.length).toBe(planJson.entries.length);
    for (const [file, { parsed }] of preview.mails) {
      expect(parsed.messageId, file).toMatch(/^<wcit-2012\.c-[0-9a-f]{16}@outreach\.coalition\.example>$/);
      expect(parsed.date?.getTime(), file).toBe(CLOCK_START);
      expect(parsed.headers.get("x-outreach-campaign"), file).toBe("wcit-2012");
      expect(parsed.html, file).toBeTruthy();
      expect(parsed.text, file).toBeTruthy();
    }
  });

  it("exercises partner delivery and a partner in Cc", () => {
    const cn = planJson.entries.filter((e) => e.contact.startsWith("cn-"));
    expect(cn.length).toBeGreaterThan(0);
    expect(cn.every((e) => e.delivery === "partner")).toBe(true);
    const ar = [...preview.mails.entries()].filter(([f]) => f.startsWith("AR-"));
    expect(ar.length).toBeGreaterThan(0);
    for (const [, { parsed }] of ar) {
      expect((parsed.cc as AddressObject | undefined)?.value[0]?.address).toBe("partners@cele.ar.example");
    }
  });

  it("round-trips Chinese, Thai, Urdu and Bangla subjects and names exactly", async () => {
    for (const lang of ["zh", "th", "ur", "bn"]) {
      const subject = (
        await readFile(join(ws, "templates", "itu-letter", `${lang}.subject.hbs`), "utf8")
      ).trim();
      const mails = [...preview.mails.entries()].filter(([f]) => f.split("-")[1] === lang);
      expect(mails.length, lang).toBeGreaterThan(0);
      for (const [file, { parsed }] of mails) {
        expect(parsed.subject, file).toBe(subject);
        const entry = planJson.entries.find((e) => file.endsWith(`-${e.contact}.eml`));
        expect(entry, file).toBeDefined();
        // A letter for hand delivery to a contact without email has no To: there is no address to put it on.
        if (entry?.email) expect(toName(parsed), file).toBe(entry.name);
        else expect(parsed.to, file).toBeUndefined();
        expect(parsed.headers.get("content-language"), file).toBe(lang);
      }
    }
  });

  it("puts the contact's name in both the HTML and the text part", () => {
    for (const [file, { parsed }] of preview.mails) {
      const entry = planJson.entries.find((e) => file.endsWith(`-${e.contact}.eml`));
      const name = (entry?.name ?? "").replace(/[\r\n]+/g, " ").trim();
      if (!name) continue;
      expect(cheerio.load(parsed.html || "").text(), file).toContain(name);
      expect(parsed.text, file).toContain(name);
    }
  });

  it("keeps HTML, Handlebars and CR/LF from data inert: no markup, no extra headers", () => {
    const found = [...preview.mails.entries()].find(([f]) => f.endsWith("-gb-hostile.eml"));
    expect(found).toBeDefined();
    const [, { raw, parsed }] = found!;
    const $ = cheerio.load(parsed.html || "");
    expect($("img").length).toBe(0);
    expect($("b").length).toBe(0);
    const visible = $.text();
    expect(visible).toContain("<img src=x onerror=alert(1)> {{constructor}} Bcc: victim@target.example");
    expect(visible).toContain("Ministry of <b>Bold</b> & {{#each x}}loops{{/each}} X-Injected: organisation");
    expect(visible).toContain("Head of {{constructor}} X-Injected: title");
    expect(parsed.text).toContain("<img src=x onerror=alert(1)> {{constructor}} Bcc: victim@target.example");
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headers.has("x-injected")).toBe(false);
    expect(headerBlock(raw)).not.toMatch(/^(Bcc|X-Injected):/im);
    expect(toName(parsed)).toBe("<img src=x onerror=alert(1)> {{constructor}} Bcc: victim@target.example");
    for (const [file, mail] of preview.mails) {
      // Every header line is either a header or a folded continuation that nodemailer produced.
      for (const line of headerBlock(mail.raw).split("\r\n")) {
        expect(line, file).toMatch(/^([A-Za-z-]+: |[ \t])/);
      }
      expect(mail.parsed.subject ?? "", file).not.toMatch(/[\r\n]/);
    }
  });

  it("changing one signatory changes every letter's list and its Updated date", async () => {
    const ws2 = await copyExampleWorkspace();
    const before = await runPreview(ws2);
    const sample = [...before.mails.values()][0]!;
    expect(sample.parsed.text).toContain("Thai Netizen Network");
    await replaceInFile(
      join(ws2, "campaigns", EXAMPLE_CAMPAIGN, "signatories.csv"),
      "Thai Netizen Network,,2012-11-09",
      "Thai Netizen Network (renamed),TH,2012-11-28",
    );
    const after = await runPreview(ws2);
    expect(after.emls).toEqual(before.emls);
    for (const [file, { parsed }] of after.mails) {
      const old = before.mails.get(file)!.parsed;
      expect(parsed.html, file).toContain("Thai Netizen Network (renamed)");
      expect(parsed.text, file).toContain("Thai Netizen Network (renamed)");
      expect(old.html, file).not.toContain("Thai Netizen Network (renamed)");
      // The Updated line moved from 14 to 28 November 2012, in each letter's own locale.
      expect(parsed.text, file).not.toBe(old.text);
    }
    const en = [...after.mails.entries()].find(([f]) => f.split("-")[1] === "en")!;
    expect(en[1].parsed.text).toContain("Updated 28 November 2012");
    expect(en[1].parsed.text).not.toContain("Updated 14 November 2012");
    const fr = [...after.mails.entries()].find(([f]) => f.split("-")[1] === "fr")!;
    expect(fr[1].parsed.text).toContain("Mis à jour le 28 novembre 2012");
  });
});

describe("plan", () => {
  it("lists per country the contacts, language, letter, partner and delivery; exit 0 on the example", async () => {
    const ws = await copyExampleWorkspace();
    const run = await runInProcess(["plan", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^country\s+contacts\s+language\s+letter\s+partner\s+delivery\s+warnings/);
    expect(run.stdout).toMatch(/\nCN\s+\d+\s+zh\s+itu-letter\s+hric\s+by partner/);
    expect(run.stdout).toMatch(/\nAR\s+\d+\s+es\s+itu-letter\s+cele \(cc\)\s+email/);
    expect(run.stderr).toContain(
      'warning: campaigns/wcit-2012/campaign.json letters.ur.reviewed: the "ur" translation is not reviewed',
    );
  });

  it("exits 2 listing every blocking problem at once", async () => {
    const ws = await copyExampleWorkspace();
    const file = join(ws, "campaigns", EXAMPLE_CAMPAIGN, "campaign.json");
    const campaign = JSON.parse(await readFile(file, "utf8")) as {
      letters: Record<string, Record<string, unknown>>;
      countries: Record<string, unknown>;
    };
    campaign.letters.th = { ...campaign.letters.th, template: "no-such-letter" };
    campaign.letters.fr = { ...campaign.letters.fr, attachments: [{ path: "lettre.pdf" }] };
    campaign.countries.FR = { partner: "nobody" };
    const { writeFile } = await import("node:fs/promises");
    await writeFile(file, JSON.stringify(campaign));
    // A ministry without an organisation: the letter's address block needs {{organisation}}.
    await appendContact(ws, {
      id: "gb-no-org",
      country: "GB",
      name: "Sam Example",
      email: "sam@ministry.gb.example",
    });
    const run = await runInProcess(["plan", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error [E_PLAN_BLOCKED]");
    expect(run.stderr).toContain(
      "campaigns/wcit-2012/campaign.json letters.th.template: [E_TEMPLATE_MISSING] template file templates/no-such-letter/th.mjml does not exist",
    );
    expect(run.stderr).toContain(
      "campaigns/wcit-2012/campaign.json letters.fr.attachments.0.path: attachment campaigns/wcit-2012/lettre.pdf does not exist",
    );
    expect(run.stderr).toContain("campaigns/wcit-2012/campaign.json countries.FR.partner");
    expect(run.stderr).toMatch(
      /templates\/itu-letter\/en\.mjml:\d+ organisation: contact gb-no-org has no "organisation"/,
    );
    const json = await runInProcess(["plan", EXAMPLE_CAMPAIGN, "--format", "json"], { workspace: ws });
    expect(json.code).toBe(2);
    const parsed = JSON.parse(json.stdout) as { totals: { errors: number } };
    expect(parsed.totals.errors).toBe(5);
    // preview refuses too, and writes nothing.
    const preview = await runInProcess(["preview", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(preview.code).toBe(2);
    await expect(readdir(join(ws, "campaigns", EXAMPLE_CAMPAIGN, "outbox"))).rejects.toThrow();
  });
});
