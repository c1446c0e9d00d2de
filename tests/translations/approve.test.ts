/**
 * `translations approve` records who approved which revision, and refuses a translation that does not
 * cover the source (E_TRANSLATION_INCOMPLETE); a damaged translations.json is E_TRANSLATIONS_FILE.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { replaceInFile } from "../campaign/edit-workspace.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";
import { CLOCK, ID, run } from "./po-helpers.js";

describe("translations approve", () => {
  let ws: string;
  beforeAll(async () => {
    ws = await copyExampleWorkspace();
  });

  it("records the approver, the time and both revisions (--format json); status shows it", async () => {
    const r = await run(
      ws,
      "translations",
      "approve",
      ID,
      "--lang",
      "bn",
      "--by",
      "BNNRC",
      "--format",
      "json",
    );
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as {
      approval: { by: string; at: string; source: string; translation: string };
    };
    expect(json.approval).toEqual({
      by: "BNNRC",
      at: "2012-11-20T09:30:00.000Z",
      source: expect.stringMatching(/^[0-9a-f]{16}$/) as unknown,
      translation: expect.stringMatching(/^[0-9a-f]{16}$/) as unknown,
    });
    const file = JSON.parse(await readFile(join(ws, "campaigns", ID, "translations.json"), "utf8")) as {
      languages: Record<string, { approved?: unknown }>;
    };
    expect(file.languages.bn?.approved).toEqual(json.approval);
    const status = await run(ws, "translations", "status", ID);
    expect(status.stdout).toMatch(/^bn +\d+ +0 +0 +0 +0 +BNNRC, 2012-11-20$/m);
  });

  it("takes the approver from $USER when --by is not given", async () => {
    const r = await runWithUser(ws, "Ana Revisora");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("approved by Ana Revisora");
  });

  it("refuses a language the campaign has no letter in, and a translation missing a new paragraph", async () => {
    const none = await run(ws, "translations", "approve", ID, "--lang", "ru");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("E_TRANSLATION_INCOMPLETE");
    await replaceInFile(
      join(ws, "templates", "itu-letter", "en.mjml"),
      "<p>Yours faithfully,</p>",
      "<p>A new paragraph before the closing.</p>\n          <p>Yours faithfully,</p>",
    );
    const missing = await run(ws, "translations", "approve", ID, "--lang", "bn");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("E_TRANSLATION_INCOMPLETE");
    expect(missing.stderr).toMatch(/text2\.\d+: not translated/);
  });

  it("a translations.json that is not valid is E_TRANSLATIONS_FILE, for status and for plan", async () => {
    await writeFile(
      join(ws, "campaigns", ID, "translations.json"),
      '{ "languages": { "th": { "segments": 3 } } }',
    );
    const status = await run(ws, "translations", "status", ID);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain("E_TRANSLATIONS_FILE");
    expect(status.stderr).toContain("languages.th.segments");
    const plan = await run(ws, "plan", ID);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain("E_TRANSLATIONS_FILE");
  });
});

function runWithUser(ws: string, user: string) {
  return runInProcess(["translations", "approve", ID, "--lang", "zh"], {
    workspace: ws,
    clock: CLOCK,
    env: { USER: user },
  });
}
