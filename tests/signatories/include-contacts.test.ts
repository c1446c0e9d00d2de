/**
 * A follow-up's `includeContacts` (the README's recipe after new signatories) lists ids pasted from
 * `status`: an id that names no contact of the directory (a typo, a contact removed since) is not left
 * out silently: `plan` lists them all in one warning (review of issue 14 item 1).
 */
import { describe, expect, it } from "vitest";
import { EXAMPLE_CAMPAIGN as ID, readCampaignJson, writeCampaignJson } from "../campaign/edit-workspace.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

type PlanJson = {
  entries: { contact: string }[];
  problems: { field?: string; message: string; severity?: string }[];
};

describe("includeContacts", () => {
  it("ids that name no contact are one plan warning listing them; the known one is planned", async () => {
    const ws = await copyExampleWorkspace();
    const campaign = await readCampaignJson(ws);
    campaign.audience = { includeContacts: ["ar-54e4c14ea0", "ar-54e4c14ea1", "zz-gone", "zz-gone"] };
    await writeCampaignJson(ws, campaign);
    const r = await runInProcess(["plan", ID, "--format", "json"], { workspace: ws });
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as PlanJson;
    expect(plan.entries).toHaveLength(1);
    const warnings = plan.problems.filter((p) => p.field === "audience.includeContacts");
    expect(warnings).toEqual([
      expect.objectContaining({
        severity: "warning",
        message: '2 id(s) name no contact of the directory and are skipped: "ar-54e4c14ea1", "zz-gone"',
      }),
    ]);
  });
});
