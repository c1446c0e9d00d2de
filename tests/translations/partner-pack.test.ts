/**
 * Issue 15, deliverable 4: a partner pack carries its language's PO file, and its README says how to
 * return it; the file passes msgfmt and imports back unchanged.
 */
import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyExampleWorkspace, makeTempDir } from "../helpers/cli.js";
import { ID, letterFiles, msgfmtCheck, run } from "./po-helpers.js";

describe("partner packs", () => {
  it("include the partner's PO file and a README line on returning it", async () => {
    const ws = await copyExampleWorkspace();
    const out = await makeTempDir("outreach-packs-");
    const r = await run(ws, "partners", "export", ID, "--out", out, "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { packs: { partner: string; files: string[] }[] };
    const thai = json.packs.find((p) => p.partner === "thai-netizen");
    const po = join(out, "thai-netizen", "itu-letter.th.po");
    expect(thai?.files).toContain(po);
    expect(await msgfmtCheck(po)).toEqual({ code: 0, stderr: "" });
    expect(await readFile(po, "utf8")).toContain(
      "Language-Team: Thai Netizen Network <partners@thainetizen.th.example>",
    );
    const readme = await readFile(join(out, "thai-netizen", "README.txt"), "utf8");
    expect(readme).toContain("itu-letter.th.po");
    expect(readme).toContain(`outreach translations import ${ID} itu-letter.th.po`);
    for (const partner of ["cele", "bnnrc", "bytes-for-all", "hric", "isoc-quebec"])
      expect(json.packs.find((p) => p.partner === partner)?.files.some((f) => f.endsWith(".po"))).toBe(true);

    const before = await letterFiles(ws);
    const back = await run(ws, "translations", "import", ID, po);
    expect(back.code, back.stderr).toBe(0);
    expect(await letterFiles(ws)).toEqual(before);
    await access(join(ws, "campaigns", ID, "translations.json"));
  });
});
