/**
 * Issue 15, acceptance: export → import unchanged leaves every template byte-identical (Thai, and each
 * of the six translations), and every exported PO file passes gettext's `msgfmt --check`.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { copyExampleWorkspace } from "../helpers/cli.js";
import { exportPo, ID, letterFiles, msgfmtCheck, poPath, run, TRANSLATIONS } from "./po-helpers.js";

describe("translations round trip", () => {
  let ws: string;
  let templatesBefore: Map<string, string>;
  let campaignBefore: string;
  beforeAll(async () => {
    ws = await copyExampleWorkspace();
    templatesBefore = await letterFiles(ws);
    campaignBefore = await readFile(join(ws, "campaigns", ID, "campaign.json"), "utf8");
  });

  it("export th → import unchanged: th.mjml, th.subject.hbs and campaign.json byte-identical", async () => {
    const po = await exportPo(ws, "th");
    expect(po).toContain('msgctxt "subject"');
    expect(po).toContain("Language: th\\n");
    const imported = await run(ws, "translations", "import", ID, poPath(ws, "th"));
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/th: \d+ segment\(s\) imported, 0 rejected, 0 not translated/);
    const after = await letterFiles(ws);
    expect(after.get("th.mjml")).toBe(templatesBefore.get("th.mjml"));
    expect(after.get("th.subject.hbs")).toBe(templatesBefore.get("th.subject.hbs"));
    expect(await readFile(join(ws, "campaigns", ID, "campaign.json"), "utf8")).toBe(campaignBefore);
  });

  it("all six translations: every template of the letter byte-identical after export → import", async () => {
    for (const lang of TRANSLATIONS) {
      await exportPo(ws, lang);
      const r = await run(ws, "translations", "import", ID, poPath(ws, lang));
      expect(r.code, `${lang}: ${r.stderr}`).toBe(0);
      expect(r.stderr, lang).toBe("");
    }
    expect(await letterFiles(ws)).toEqual(templatesBefore);
    expect(await readFile(join(ws, "campaigns", ID, "campaign.json"), "utf8")).toBe(campaignBefore);
  });

  it("msgfmt --check passes, without a warning, on the PO file of every language (new ones too)", async () => {
    for (const lang of [...TRANSLATIONS, "ar", "ru"]) {
      await exportPo(ws, lang);
      const check = await msgfmtCheck(poPath(ws, lang));
      expect({ lang, ...check }).toEqual({ lang, code: 0, stderr: "" });
    }
  });

  it("each segment carries its context, a reference to the source line, notes and its source hash", async () => {
    const po = await exportPo(ws, "ur");
    const entry = po.slice(po.indexOf("#: templates/itu-letter/en.mjml"), po.indexOf('msgctxt "text2.1"'));
    expect(entry).toMatch(/^#: templates\/itu-letter\/en\.mjml:\d+$/m);
    expect(po).toMatch(/^#\. source-hash: [0-9a-f]{16}$/m);
    // The placeholders to keep are listed, and flagged for Weblate's placeholder check.
    const footer = po.slice(po.lastIndexOf("{{signatoryCount}}", po.indexOf('msgctxt "text4.1"')));
    expect(footer).toContain("Keep exactly");
    expect(po).toContain('#, placeholders:r"\\{\\{[^{}]*\\}\\}"');
  });
});
