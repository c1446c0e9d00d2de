/**
 * The English letter gains or loses a paragraph: status names just that paragraph (new, or gone), the
 * translation's other paragraphs keep their places in the PO file, and the import rebuilds the Thai
 * letter on the new structure with its own head (fonts) kept.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { replaceInFile } from "../campaign/edit-workspace.js";
import { copyExampleWorkspace } from "../helpers/cli.js";
import { exportPo, ID, msgfmtCheck, poPath, recordBaseline, run, setMsgstr } from "./po-helpers.js";

interface StatusJson {
  languages: { language: string; stale: { id: string; state: string }[] }[];
}

const ANCHOR = "<p>As recently reaffirmed by the UN Human Rights Council";
const NEW_PARAGRAPH = "<p>Since this letter was first sent, more groups have joined it.</p>";
const THAI_FONT = "'Leelawadee UI', Tahoma, 'Noto Sans Thai', sans-serif";

async function staleOf(ws: string): Promise<Record<string, string[]>> {
  const r = await run(ws, "translations", "status", ID, "--format", "json");
  const json = JSON.parse(r.stdout) as StatusJson;
  return Object.fromEntries(
    json.languages.map((l) => [l.language, l.stale.map((s) => `${s.id} ${s.state}`)]),
  );
}

describe("a paragraph added to the English letter", () => {
  let ws: string;
  let newId: string;
  beforeAll(async () => {
    ws = await copyExampleWorkspace();
    await recordBaseline(ws);
    const en = join(ws, "templates", "itu-letter", "en.mjml");
    await replaceInFile(en, ANCHOR, `${NEW_PARAGRAPH}\n          ${ANCHOR}`);
  });

  it("status lists only the new paragraph, in every translation", async () => {
    const stale = await staleOf(ws);
    newId = (stale.th?.[0] ?? "").split(" ")[0] ?? "";
    expect(newId).toMatch(/^text2\.\d+$/);
    for (const lang of ["es", "fr", "zh", "th", "ur", "bn"]) expect(stale[lang]).toEqual([`${newId} new`]);
  });

  it("the PO file keeps each translation beside its own English, the new paragraph empty", async () => {
    const po = await exportPo(ws, "th");
    expect(await msgfmtCheck(poPath(ws, "th"))).toEqual({ code: 0, stderr: "" });
    const entry = po.slice(po.indexOf(`msgctxt "${newId}"`));
    expect(entry).toMatch(
      /^msgctxt "text2\.\d+"\nmsgid "Since this letter was first sent, more groups have joined it."\nmsgstr ""\n/,
    );
    // The paragraph after it still carries its Thai translation, not marked fuzzy.
    const next = po.slice(po.indexOf("msgctxt", po.indexOf(`msgctxt "${newId}"`) + 1));
    expect(next).toMatch(/^msgctxt "text2\.\d+"\nmsgid ""\n"As recently reaffirmed/);
    expect(next.slice(0, next.indexOf("\n\n"))).toContain("ดังที่คณะมนตรีสิทธิมนุษยชน");
    expect(po).not.toContain("#, fuzzy");
  });

  it("importing the translated paragraph rebuilds th.mjml on the new structure, Thai fonts kept", async () => {
    const po = setMsgstr(
      await readFile(poPath(ws, "th"), "utf8"),
      newId,
      () => "ตั้งแต่จดหมายฉบับนี้ถูกส่งครั้งแรก มีองค์กรเข้าร่วมเพิ่มขึ้น",
    );
    await writeFile(poPath(ws, "th"), po);
    const r = await run(ws, "translations", "import", ID, poPath(ws, "th"));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("the th letter was rebuilt on it");
    const th = await readFile(join(ws, "templates", "itu-letter", "th.mjml"), "utf8");
    expect(th).toContain(THAI_FONT);
    expect(th).toMatch(/<p>ตั้งแต่จดหมายฉบับนี้ถูกส่งครั้งแรก มีองค์กรเข้าร่วมเพิ่มขึ้น<\/p>\n\s+<p>ดังที่คณะมนตรีสิทธิมนุษยชน/);
    expect((await staleOf(ws)).th).toEqual([]);
    const plan = await run(ws, "plan", ID);
    expect(plan.code, plan.stderr).toBe(0);
  });

  it("a paragraph removed from the English is gone from every translation that still has it", async () => {
    const en = join(ws, "templates", "itu-letter", "en.mjml");
    await replaceInFile(en, `${NEW_PARAGRAPH}\n          `, "");
    const stale = await staleOf(ws);
    expect(stale.th).toEqual([expect.stringMatching(/^text2\.\d+ gone$/)]);
    expect(stale.es).toEqual([]);
  });
});
