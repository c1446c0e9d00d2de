/**
 * Partner packs carry their languages' page and PDF (to post and circulate), and one addressed PDF per
 * contact the partner delivers by hand (`delivery: "partner"`: China in the example); without a browser
 * the pages are still there and a warning says the PDFs are not.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_CAMPAIGN } from "../campaign/edit-workspace.js";
import { CHROMIUM_PATH } from "../helpers/browser.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";
import { pdfText, squeeze } from "./pdf-tools.js";

interface ExportJson {
  packs: { partner: string; dir: string; files: string[] }[];
  problems: { code?: string; severity?: string }[];
}

let ws: string;

beforeAll(async () => {
  ws = await copyExampleWorkspace();
});

async function exportHric(...args: string[]): Promise<ExportJson> {
  const run = await runInProcess(
    ["partners", "export", EXAMPLE_CAMPAIGN, "--partner", "hric", "--format", "json", ...args],
    { workspace: ws, env: { OUTREACH_BROWSER: CHROMIUM_PATH } },
  );
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as ExportJson;
}

describe("partner packs: page and PDFs", () => {
  it("a hand-delivery partner gets its language's page and PDF, and one addressed PDF per contact", async () => {
    const json = await exportHric("--out", join(ws, "packs"));
    const dir = json.packs[0]?.dir ?? "";
    const files = json.packs[0]?.files ?? [];
    expect(files).toContain(join(dir, "site", "zh.html"));
    expect(files).toContain(join(dir, "site", "wcit-2012-zh.pdf"));
    const letters = (await readdir(join(dir, "letters"))).sort();
    const html = letters.filter((f) => f.endsWith(".html"));
    expect(letters.filter((f) => f.endsWith(".pdf"))).toEqual(html.map((f) => f.replace(/\.html$/, ".pdf")));
    expect(html.length).toBeGreaterThan(0);
    for (const pdf of letters.filter((f) => f.endsWith(".pdf"))) {
      const text = squeeze(await pdfText(join(dir, "letters", pdf)));
      // Addressed as the email is: the ministry's name in the address block, not the website copy's greeting.
      expect(text).toContain("（示例）");
      expect(text).not.toContain(squeeze("尊敬的先生/女士："));
    }
    expect(json.problems).toEqual([]);
  });

  it("--no-pdf: the pages without PDFs; no browser: the same, with a warning", async () => {
    const none = await exportHric("--out", join(ws, "no-pdf"), "--no-pdf");
    expect(none.packs[0]?.files.some((f) => f.endsWith(".pdf"))).toBe(false);
    expect(none.packs[0]?.files).toContain(join(ws, "no-pdf", "hric", "site", "zh.html"));
    const missing = await exportHric("--out", join(ws, "no-browser"), "--browser", "/nonexistent/chromium");
    expect(missing.packs[0]?.files.some((f) => f.endsWith(".pdf"))).toBe(false);
    expect(missing.problems).toEqual([
      expect.objectContaining({ code: "E_BROWSER_NOT_FOUND", severity: "warning" }),
    ]);
  });
});
