/**
 * Issue 15, acceptance: a PO file where the translator removed `{{name}}` or broke an `<a>` tag → those
 * segments are reported `file:line` (E_PO_MARKUP, exit 1) and the others imported; a file that is no PO
 * file, or one for another campaign, imports nothing.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readCampaignJson, replaceInFile } from "../campaign/edit-workspace.js";
import { copyExampleWorkspace } from "../helpers/cli.js";
import { exportPo, ID, msgstrLine, poPath, run, setMsgstr } from "./po-helpers.js";

const LINK = '<a href="https://coalition.example/wcit">coalition.example/wcit</a>';
const FOOTER_EN = "To respond, simply reply to this message.";
const FOOTER_TH = "หากต้องการตอบกลับ เพียงตอบกลับข้อความนี้";

describe("translations import of a PO file with broken segments", () => {
  let ws: string;
  let thMjml: string;
  beforeAll(async () => {
    ws = await copyExampleWorkspace();
    // The footer gets a link, in English and in Thai, so the Thai PO file has an <a> to break.
    const dir = join(ws, "templates", "itu-letter");
    await replaceInFile(join(dir, "en.mjml"), FOOTER_EN, `${FOOTER_EN} More: ${LINK}`);
    await replaceInFile(join(dir, "th.mjml"), FOOTER_TH, `${FOOTER_TH} ${LINK}`);
    thMjml = await readFile(join(dir, "th.mjml"), "utf8");
  });

  it("reports the segment without {{name}} and the one with a broken <a> at file:line, imports the rest", async () => {
    let po = await exportPo(ws, "th");
    // The footer's notes list the link to keep; its msgctxt follows them.
    const link = po.indexOf("coalition.example/wcit");
    const footerId = /msgctxt "([^"]+)"/.exec(po.slice(po.indexOf("msgctxt", link)))?.[1] ?? "";
    expect(footerId).toMatch(/^text\d+\.\d+$/);
    po = setMsgstr(po, "salutation.honorific+name", (t) => t.replace("{{name}}", ""));
    po = setMsgstr(po, footerId, (t) => t.replace("</a>", "</a"));
    po = setMsgstr(po, "text2.3", (t) => `${t} (แก้ไขแล้ว)`);
    po = setMsgstr(po, "subject", (t) => `${t} [2012]`);
    await writeFile(poPath(ws, "th"), po);

    const r = await run(ws, "translations", "import", ID, poPath(ws, "th"));
    expect(r.code).toBe(1);
    const salutationLine = msgstrLine(po, "salutation.honorific+name");
    const footerLine = msgstrLine(po, footerId);
    expect(r.stderr).toContain(`error: th.po:${salutationLine} salutation.honorific+name: [E_PO_MARKUP]`);
    expect(r.stderr).toMatch(new RegExp(`th\\.po:${salutationLine} .*missing \\{\\{name\\}\\}`));
    expect(r.stderr).toContain(`error: th.po:${footerLine} ${footerId}: [E_PO_MARKUP]`);
    expect(r.stderr.match(/E_PO_MARKUP/g)).toHaveLength(2);
    expect(r.stdout).toMatch(/th: \d+ segment\(s\) imported, 2 rejected, 0 not translated/);

    // The good edits are in; the rejected segments keep the letter's current text.
    const after = await readFile(join(ws, "templates", "itu-letter", "th.mjml"), "utf8");
    expect(after).toContain("(แก้ไขแล้ว)</p>");
    expect(after).toContain(`${FOOTER_TH} ${LINK}`);
    expect(after.replace(" (แก้ไขแล้ว)", "")).toBe(thMjml);
    expect(await readFile(join(ws, "templates", "itu-letter", "th.subject.hbs"), "utf8")).toContain("[2012]");
    const letters = (await readCampaignJson(ws)).letters as Record<string, { salutations: string[] }>;
    expect(letters.th?.salutations[0]).toBe("เรียน {{honorific}}{{name}}");
  });

  it("--format json names the rejected segments with their lines", async () => {
    const po = setMsgstr(await exportPo(ws, "th"), "subject", (t) => `${t} {{name}}`);
    await writeFile(poPath(ws, "th"), po);
    const r = await run(ws, "translations", "import", ID, poPath(ws, "th"), "--format", "json");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { rejected: string[]; problems: { line: number; code: string }[] };
    expect(json.rejected).toEqual(["subject"]);
    expect(json.problems).toEqual([
      expect.objectContaining({ code: "E_PO_MARKUP", line: msgstrLine(po, "subject"), field: "subject" }),
    ]);
  });

  it("a file gettext cannot read is E_PO_PARSE with its line; nothing is written", async () => {
    const po = await exportPo(ws, "th");
    const lines = po.split("\n");
    const at = lines.findIndex((l) => l.startsWith("msgctxt")) + 1;
    lines.splice(at, 0, "this is not PO");
    await writeFile(poPath(ws, "th"), lines.join("\n"));
    const before = await readFile(join(ws, "templates", "itu-letter", "th.mjml"), "utf8");
    const r = await run(ws, "translations", "import", ID, poPath(ws, "th"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("E_PO_PARSE");
    expect(r.stderr).toContain(`th.po:${at + 1}`);
    expect(await readFile(join(ws, "templates", "itu-letter", "th.mjml"), "utf8")).toBe(before);
  });

  it("a file exported for another campaign is E_PO_MISMATCH", async () => {
    const po = (await exportPo(ws, "th")).replace(
      "X-Outreach-Campaign: wcit-2012",
      "X-Outreach-Campaign: wsis-2005",
    );
    await writeFile(poPath(ws, "th"), po);
    const r = await run(ws, "translations", "import", ID, poPath(ws, "th"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("E_PO_MISMATCH");
  });

  it("a segment the file leaves untranslated is listed; the current translation is kept", async () => {
    const po = setMsgstr(await exportPo(ws, "th"), "text2.4", () => "");
    await writeFile(poPath(ws, "th"), po);
    const before = await readFile(join(ws, "templates", "itu-letter", "th.mjml"), "utf8");
    const r = await run(ws, "translations", "import", ID, poPath(ws, "th"));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("not translated (the current translation is kept): text2.4");
    expect(await readFile(join(ws, "templates", "itu-letter", "th.mjml"), "utf8")).toBe(before);
  });
});
