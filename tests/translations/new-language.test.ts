/**
 * Issue 15, acceptance: `translations export --lang ar` for a language the campaign lacks gives an empty
 * catalogue; a translated one imports as a new letter (lang="ar" dir="rtl", an entry in campaign.json),
 * `plan` passes and `preview` renders the Egyptian contact's letter in Arabic.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { po } from "gettext-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { readCampaignJson } from "../campaign/edit-workspace.js";
import { copyExampleWorkspace } from "../helpers/cli.js";
import { exportPo, ID, msgfmtCheck, poPath, run } from "./po-helpers.js";

/** What a translator's tool does: every entry translated (here: an Arabic word before the source, tokens kept). */
function translateAll(text: string, translate: (msgid: string, id: string) => string): string {
  const table = po.parse(text);
  for (const [context, entries] of Object.entries(table.translations))
    for (const entry of Object.values(entries))
      if (context !== "") entry.msgstr = [translate(entry.msgid, context)];
  return po.compile(table).toString("utf8");
}

const SALUTATIONS: Record<string, string> = {
  "salutation.honorific+name": "السيد/السيدة {{honorific}} {{name}} المحترم/ة،",
  "salutation.name": "السيد/السيدة {{name}} المحترم/ة،",
  "salutation.generic": "السادة المحترمون،",
};

describe("a new language from scratch", () => {
  let ws: string;
  beforeAll(async () => {
    ws = await copyExampleWorkspace();
  });

  it("exports an empty catalogue that msgfmt accepts", async () => {
    const text = await exportPo(ws, "ar");
    const table = po.parse(text);
    const entries = Object.entries(table.translations).filter(([c]) => c !== "");
    expect(entries.length).toBeGreaterThan(20);
    for (const [, byId] of entries) for (const e of Object.values(byId)) expect(e.msgstr).toEqual([""]);
    expect(table.headers.Language).toBe("ar");
    expect(await msgfmtCheck(poPath(ws, "ar"))).toEqual({ code: 0, stderr: "" });
  });

  it("imports as a new right-to-left letter; plan passes and the preview shows it in Arabic", async () => {
    const text = await readFile(poPath(ws, "ar"), "utf8");
    await writeFile(
      poPath(ws, "ar"),
      translateAll(text, (msgid, id) => SALUTATIONS[id] ?? `ترجمة: ${msgid}`),
    );
    const imported = await run(ws, "translations", "import", ID, poPath(ws, "ar"));
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("ar (new letter)");
    expect(imported.stdout).toContain("templates/itu-letter/ar.mjml");

    const mjml = await readFile(join(ws, "templates", "itu-letter", "ar.mjml"), "utf8");
    expect(mjml.startsWith('<mjml lang="ar" dir="rtl">')).toBe(true);
    expect(mjml).toContain("ترجمة: In the interests of promoting");
    const subject = await readFile(join(ws, "templates", "itu-letter", "ar.subject.hbs"), "utf8");
    expect(subject).toBe("ترجمة: Civil society letter on the WCIT: do not extend the ITRs to the Internet\n");
    const letters = (await readCampaignJson(ws)).letters as Record<string, unknown>;
    expect(letters.ar).toEqual({
      template: "itu-letter",
      reviewed: false,
      salutations: Object.values(SALUTATIONS),
    });

    const plan = await run(ws, "plan", ID, "--format", "json");
    expect(plan.code, plan.stderr).toBe(0);
    const planned = JSON.parse(plan.stdout) as { entries: { country: string; language: string }[] };
    const arabic = planned.entries.filter((e) => e.language === "ar");
    expect(arabic.map((e) => e.country)).toContain("EG");

    const preview = await run(ws, "preview", ID, "--format", "json");
    expect(preview.code, preview.stderr).toBe(0);
    const shown = JSON.parse(preview.stdout) as { byLanguage: Record<string, number> };
    expect(shown.byLanguage.ar).toBe(arabic.length);
    const eg = await run(ws, "preview", ID, "--show", "eg-" + (await egyptContact(ws)));
    expect(eg.code, eg.stderr).toBe(0);
    expect(eg.stdout).toContain("Content-Language: ar");
    expect(eg.stdout).toContain("ترجمة: In the interests of promoting");
  });
});

async function egyptContact(ws: string): Promise<string> {
  const csv = await readFile(join(ws, "contacts", "directory.csv"), "utf8");
  return /^eg-([0-9a-f]+),EG,/m.exec(csv)?.[1] ?? "";
}
