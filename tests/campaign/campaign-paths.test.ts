/**
 * Files named in campaign.json (attachments, signatories) stay inside the campaign folder: no absolute
 * paths, no `..`, and no symlink leading out of it. And the send limits a campaign overrides keep the
 * timer bound of config.json.
 */
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateCampaign } from "../../src/campaign/campaign-schema.js";
import { loadCampaign } from "../../src/campaign/load-campaign.fs.js";
import type { OutreachError } from "../../src/core/errors.js";
import { copyExampleWorkspace, makeTempDir, runInProcess } from "../helpers/cli.js";
import { EXAMPLE_CAMPAIGN, readCampaignJson, writeCampaignJson } from "./edit-workspace.js";

const BASE = {
  id: "c",
  name: "C",
  sender: { name: "x", email: "x@coalition.example" },
  defaultLanguage: "en",
  messageIdDomain: "outreach.coalition.example",
};

describe("campaign file paths", () => {
  it("the schema refuses absolute paths and .. segments, naming each field", () => {
    const bad = [
      "/etc/passwd",
      "../../config.json",
      "docs/../../x.pdf",
      "C:\\Windows\\win.ini",
      "\\\\server\\share\\x",
      "a\\..\\..\\b",
    ];
    const result = validateCampaign(
      {
        ...BASE,
        signatories: "../other/signatories.csv",
        letters: { en: { template: "letter", attachments: bad.map((path) => ({ path })) } },
      },
      "campaign.json",
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field).sort()).toEqual(
      ["signatories", ...bad.map((_, i) => `letters.en.attachments.${i}.path`)].sort(),
    );
  });

  it("the schema refuses attaching the files outreach writes (ledger, lock, outbox, partner packs, report)", () => {
    const own = [
      "ledger.jsonl",
      "./ledger.jsonl.recovered-2026-12-02T12-00-00-000Z",
      ".lock",
      "outbox/rehearsal.jsonl",
      "partners/cele/contacts.csv",
      "REPORT.html",
    ];
    const result = validateCampaign(
      { ...BASE, letters: { en: { template: "letter", attachments: own.map((path) => ({ path })) } } },
      "campaign.json",
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual(
      own.map((_, i) => `letters.en.attachments.${i}.path`),
    );
    expect(result.problems[0]?.message).toContain("written by outreach");
  });

  it("the schema accepts paths inside the folder (subfolders, dots in names)", () => {
    const result = validateCampaign(
      {
        ...BASE,
        signatories: "lists/signatories.csv",
        letters: {
          en: { template: "letter", attachments: [{ path: "pdf/letter..en.pdf" }, { path: "./a.pdf" }] },
        },
      },
      "campaign.json",
    );
    expect(result.ok).toBe(true);
  });

  it("an absolute attachment path is E_CAMPAIGN_INVALID at load, before anything is read", async () => {
    const ws = await copyExampleWorkspace();
    const campaign = await readCampaignJson(ws);
    const letters = campaign.letters as Record<string, Record<string, unknown>>;
    letters.en = { ...letters.en, attachments: [{ path: join(ws, "config.example.json") }] };
    await writeCampaignJson(ws, campaign);
    const error = (await loadCampaign(ws, EXAMPLE_CAMPAIGN).catch((e: unknown) => e)) as OutreachError;
    expect(error.code).toBe("E_CAMPAIGN_INVALID");
    expect(error.problems.map((p) => p.field)).toEqual(["letters.en.attachments.0.path"]);
  });

  it("a symlink that leads out of the campaign folder is E_CAMPAIGN_PATH (attachment and signatories); plan blocks", async () => {
    const ws = await copyExampleWorkspace();
    const outside = await makeTempDir("outreach-outside-");
    await writeFile(join(outside, "secret.txt"), "not for ministers\n");
    await writeFile(join(outside, "signatories.csv"), "organisation,country,signed\nX,AR,2012-11-05\n");
    const dir = join(ws, "campaigns", EXAMPLE_CAMPAIGN);
    await symlink(join(outside, "secret.txt"), join(dir, "letter.pdf"));
    await mkdir(join(dir, "docs"));
    await symlink(outside, join(dir, "docs", "linked"));
    await writeFile(join(dir, "inside.pdf"), "ok");
    await symlink(join(dir, "inside.pdf"), join(dir, "alias.pdf")); // a link that stays inside is fine
    const campaign = await readCampaignJson(ws);
    const letters = campaign.letters as Record<string, Record<string, unknown>>;
    letters.en = {
      ...letters.en,
      attachments: [{ path: "letter.pdf" }, { path: "docs/linked/secret.txt" }, { path: "alias.pdf" }],
    };
    campaign.signatories = "docs/linked/signatories.csv";
    await writeCampaignJson(ws, campaign);

    const loaded = await loadCampaign(ws, EXAMPLE_CAMPAIGN);
    const escapes = loaded.problems.filter((p) => p.code === "E_CAMPAIGN_PATH");
    expect(escapes.map((p) => p.field)).toEqual(
      expect.arrayContaining([
        "signatories",
        "letters.en.attachments.0.path",
        "letters.en.attachments.1.path",
      ]),
    );
    expect(escapes).toHaveLength(3);
    expect(loaded.attachments.en?.map((a) => a.filename)).toEqual(["alias.pdf"]);
    expect(loaded.signatories).toEqual([]);

    const plan = await runInProcess(["plan", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain("E_CAMPAIGN_PATH");
  });

  it("a campaign's limits keep the timer bound (2^31 - 1 ms) with the JSON path", () => {
    const result = validateCampaign(
      { ...BASE, letters: { en: { template: "letter" } }, limits: { backoffMaxMs: 2 ** 31 } },
      "campaign.json",
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual(["limits.backoffMaxMs"]);
  });
});
