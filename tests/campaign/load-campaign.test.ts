import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCampaign } from "../../src/campaign/load-campaign.fs.js";
import type { OutreachError } from "../../src/core/errors.js";
import { copyExampleWorkspace } from "../helpers/cli.js";
import { EXAMPLE_CAMPAIGN, readCampaignJson, writeCampaignJson } from "./edit-workspace.js";

describe("loadCampaign", () => {
  it("loads the example campaign with its directory, partners, signatories and seven letters", async () => {
    const ws = await copyExampleWorkspace();
    const loaded = await loadCampaign(ws, EXAMPLE_CAMPAIGN);
    expect(loaded.problems.filter((p) => (p.severity ?? "error") === "error")).toEqual([]);
    expect(Object.keys(loaded.letters).sort()).toEqual(["bn", "en", "es", "fr", "th", "ur", "zh"]);
    expect(loaded.letters.en?.text?.file).toBe("templates/itu-letter/en.txt.hbs");
    expect(loaded.letters.ur?.text).toBeUndefined();
    expect(loaded.contacts.length).toBeGreaterThan(10);
    expect(loaded.partners.map((p) => p.id)).toEqual(
      expect.arrayContaining(["cele", "thai-netizen", "bytes-for-all", "bnnrc", "hric", "isoc-quebec"]),
    );
    expect(loaded.signatories.length).toBeGreaterThan(40);
    expect(loaded.signatories.some((s) => s.organisation === "Thai Netizen Network")).toBe(true);
    expect(loaded.paths.outbox).toBe(join(ws, "campaigns", EXAMPLE_CAMPAIGN, "outbox"));
  });

  it("collects every file problem at once: missing template, missing and oversized attachments, bad signatory row", async () => {
    const ws = await copyExampleWorkspace();
    const campaign = await readCampaignJson(ws);
    const letters = campaign.letters as Record<string, Record<string, unknown>>;
    letters.th = { ...letters.th, template: "no-such-letter" };
    letters.en = {
      ...letters.en,
      attachments: [{ path: "missing.pdf" }, { path: "big.pdf" }, { path: "ok.pdf" }],
    };
    campaign.maxAttachmentBytes = 1000;
    await writeCampaignJson(ws, campaign);
    const dir = join(ws, "campaigns", EXAMPLE_CAMPAIGN);
    await writeFile(join(dir, "big.pdf"), Buffer.alloc(2000));
    await writeFile(join(dir, "ok.pdf"), Buffer.alloc(10));
    await writeFile(
      join(dir, "signatories.csv"),
      "organisation,country,signed\nGood Example,AR,2012-11-05\nBad Example,AR,someday\n",
    );
    const loaded = await loadCampaign(ws, EXAMPLE_CAMPAIGN);
    const where = loaded.problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ""} ${p.field ?? ""}`);
    expect(where).toEqual(
      expect.arrayContaining([
        "campaigns/wcit-2012/campaign.json letters.th.template",
        "campaigns/wcit-2012/campaign.json letters.en.attachments.0.path",
        "campaigns/wcit-2012/campaign.json letters.en.attachments.1.path",
        "campaigns/wcit-2012/signatories.csv:3 signed",
      ]),
    );
    expect(loaded.letters.th).toBeUndefined();
    expect(loaded.attachments.en?.map((a) => a.filename)).toEqual(["ok.pdf"]);
  });

  it("throws E_CAMPAIGN_INVALID with every schema problem, E_CAMPAIGN_JSON with a line, E_CAMPAIGN_NOT_FOUND", async () => {
    const ws = await copyExampleWorkspace();
    const campaign = await readCampaignJson(ws);
    await writeCampaignJson(ws, { ...campaign, sender: { name: "", email: "nope" }, defaultLanguage: "xx" });
    const invalid = (await loadCampaign(ws, EXAMPLE_CAMPAIGN).catch((e: unknown) => e)) as OutreachError;
    expect(invalid.code).toBe("E_CAMPAIGN_INVALID");
    expect(invalid.problems.map((p) => p.field)).toEqual(
      expect.arrayContaining(["sender.name", "sender.email", "defaultLanguage"]),
    );

    await writeFile(
      join(ws, "campaigns", EXAMPLE_CAMPAIGN, "campaign.json"),
      '{\n  "id": "wcit-2012",\n  oops\n}',
    );
    const broken = (await loadCampaign(ws, EXAMPLE_CAMPAIGN).catch((e: unknown) => e)) as OutreachError;
    expect(broken.code).toBe("E_CAMPAIGN_JSON");
    expect(broken.problems[0]?.line).toBe(3);

    await mkdir(join(ws, "campaigns", "empty"), { recursive: true });
    const missing = (await loadCampaign(ws, "empty").catch((e: unknown) => e)) as OutreachError;
    expect(missing.code).toBe("E_CAMPAIGN_NOT_FOUND");
    const badId = (await loadCampaign(ws, "../etc").catch((e: unknown) => e)) as OutreachError;
    expect(badId.code).toBe("E_CAMPAIGN_ID");
  });
});
