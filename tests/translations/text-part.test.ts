/**
 * The text part's additions: a translation with its own `<lang>.txt.hbs` gets the lines of the source's
 * text part as segments (round trip byte-identical, a changed line stale for it alone); a translation
 * whose text part is derived from its HTML gets none.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { replaceInFile } from "../campaign/edit-workspace.js";
import { copyExampleWorkspace } from "../helpers/cli.js";
import { exportPo, ID, letterFiles, msgfmtCheck, poPath, recordBaseline, run } from "./po-helpers.js";

interface StatusJson {
  languages: { language: string; stale: { id: string; state: string }[] }[];
}

describe("a translation with its own text part", () => {
  let ws: string;
  beforeAll(async () => {
    ws = await copyExampleWorkspace();
    const dir = join(ws, "templates", "itu-letter");
    const en = await readFile(join(dir, "en.txt.hbs"), "utf8");
    await writeFile(join(dir, "es.txt.hbs"), en.replace("Yours faithfully,", "Atentamente,"));
  });

  it("exports the text part's lines for es only, and round-trips es.txt.hbs byte for byte", async () => {
    const es = await exportPo(ws, "es");
    const fr = await exportPo(ws, "fr");
    expect(es).toMatch(/^#: templates\/itu-letter\/en\.txt\.hbs:\d+$/m);
    expect(es).toContain('msgstr "Atentamente,"');
    expect(fr).not.toContain("textpart.");
    expect(await msgfmtCheck(poPath(ws, "es"))).toEqual({ code: 0, stderr: "" });
    const before = await letterFiles(ws);
    const r = await run(ws, "translations", "import", ID, poPath(ws, "es"));
    expect(r.code, r.stderr).toBe(0);
    expect(await letterFiles(ws)).toEqual(before);
  });

  it("a changed line of the English text part is stale for es alone", async () => {
    await recordBaseline(ws);
    await replaceInFile(
      join(ws, "templates", "itu-letter", "en.txt.hbs"),
      "Yours faithfully,",
      "Yours sincerely,",
    );
    const r = await run(ws, "translations", "status", ID, "--format", "json");
    const status = JSON.parse(r.stdout) as StatusJson;
    const stale = Object.fromEntries(
      status.languages.map((l) => [l.language, l.stale.map((s) => `${s.id} ${s.state}`)]),
    );
    expect(stale.es).toEqual([expect.stringMatching(/^textpart\.\d+ changed$/)]);
    for (const lang of ["fr", "zh", "th", "ur", "bn"]) expect(stale[lang]).toEqual([]);
  });
});
