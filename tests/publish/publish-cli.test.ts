/**
 * `outreach publish` as a whole-CLI run (pages only here; the PDFs are tests/publish/letter-pdf.test.ts
 * and the browser test): unreviewed translations left out unless asked, a re-run after a new signature
 * updates the pages, files of the previous run it no longer writes are removed and nothing else is.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_CAMPAIGN } from "../campaign/edit-workspace.js";
import { CHROMIUM_PATH } from "../helpers/browser.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";
import { appendSignatory } from "./signatory-fixture.js";

interface PublishJson {
  dir: string;
  languages: string[];
  unreviewed: string[];
  files: string[];
  removed: string[];
  pdfs: number;
  browserLaunches: number;
}

let ws: string;
let site: string;

async function publish(...args: string[]): Promise<PublishJson> {
  const run = await runInProcess(["publish", EXAMPLE_CAMPAIGN, "--format", "json", ...args], {
    workspace: ws,
    env: { OUTREACH_BROWSER: CHROMIUM_PATH },
  });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as PublishJson;
}

beforeAll(async () => {
  ws = await copyExampleWorkspace();
  site = join(ws, "campaigns", EXAMPLE_CAMPAIGN, "site");
});

describe("outreach publish", () => {
  it("publishes every reviewed language; unreviewed ones only when asked", async () => {
    const reviewed = await publish("--no-pdf");
    expect(reviewed.dir).toBe(site);
    expect(reviewed.languages).toEqual(["en"]);
    expect(reviewed.unreviewed).toEqual(["es", "fr", "zh", "th", "ur", "bn"]);
    expect(reviewed.files.sort()).toEqual(["en.html", "index.html"]);
    const all = await publish("--no-pdf", "--allow-unreviewed");
    expect(all.languages).toEqual(["en", "es", "fr", "zh", "th", "ur", "bn"]);
    expect(all.pdfs).toBe(0);
    expect(all.browserLaunches).toBe(0);
  });

  it("says how to sign, with the campaign's sign-on address", async () => {
    const page = await readFile(join(site, "es.html"), "utf8");
    expect(page).toContain('href="mailto:signon@coalition.example"');
    expect(page).toContain("Cómo firmar");
  });

  it("a re-run after a new signature shows it on every page", async () => {
    await appendSignatory(ws, {
      organisation: "Fundación Ejemplo & Co",
      country: "UY",
      signed: "2012-11-21",
    });
    await publish("--no-pdf", "--allow-unreviewed");
    for (const lang of ["en", "es", "ur", "zh"]) {
      expect(await readFile(join(site, `${lang}.html`), "utf8")).toContain("Fundación Ejemplo &amp; Co");
    }
  });

  it("removes the previous run's files it no longer writes, and nothing else", async () => {
    await writeFile(join(site, "notes.txt"), "the user's own file\n");
    const withPdfs = await publish("--allow-unreviewed", "--date", "2026-12-07");
    expect(withPdfs.pdfs).toBe(7);
    expect(withPdfs.browserLaunches).toBe(1);
    expect(withPdfs.files).toContain("wcit-2012-ur.pdf");
    const fewer = await publish("--no-pdf");
    expect(fewer.removed).toEqual(
      [
        ...["es", "fr", "zh", "th", "ur", "bn"].map((l) => `${l}.html`),
        ...withPdfs.files.filter((f) => f.endsWith(".pdf")),
      ].sort(),
    );
    expect((await readdir(site)).sort()).toEqual([
      ".outreach-site.json",
      "en.html",
      "index.html",
      "notes.txt",
    ]);
  });
});
