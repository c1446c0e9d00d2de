/**
 * The published site in a real browser, opened from disk with the network cut: every page loads with no
 * request that is not a file, each language page has its own `lang`/`dir` (Urdu right to left), every
 * link (translations, index, PDFs) leads to a file that is there, and a signatory named
 * `<script>alert(1)</script>` is shown as text, never run.
 */
import { access } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_CAMPAIGN } from "../campaign/edit-workspace.js";
import { CHROMIUM_PATH, launchBrowser, openWatchedPage } from "../helpers/browser.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";
import { appendSignatory } from "../publish/signatory-fixture.js";

const HOSTILE = "<script>alert(1)</script>";
const EXPECTED_DIR: Record<string, string> = {
  en: "ltr",
  es: "ltr",
  fr: "ltr",
  zh: "ltr",
  th: "ltr",
  ur: "rtl",
  bn: "ltr",
};

let browser: Browser;
let site: string;

beforeAll(async () => {
  const ws = await copyExampleWorkspace();
  await appendSignatory(ws, { organisation: HOSTILE, country: "", signed: "2012-11-22" });
  const run = await runInProcess(
    ["publish", EXAMPLE_CAMPAIGN, "--allow-unreviewed", "--date", "2026-12-07"],
    {
      workspace: ws,
      env: { OUTREACH_BROWSER: CHROMIUM_PATH },
    },
  );
  expect(run.code, run.stderr).toBe(0);
  site = join(ws, "campaigns", EXAMPLE_CAMPAIGN, "site");
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** Opens a page of the site, recording every request it makes. */
async function open(file: string) {
  const watched = await openWatchedPage(browser);
  const requests: string[] = [];
  watched.page.on("request", (r) => requests.push(r.url()));
  await watched.page.goto(pathToFileURL(join(site, file)).href);
  return { ...watched, requests };
}

describe("the published site, offline in chromium", () => {
  it("the index lists every language, each in its own script and direction, and loads nothing from the network", async () => {
    const { page, requests, blockedRequests, errors } = await open("index.html");
    const items = await page.evaluate<(string | null)[][]>(
      `[...document.querySelectorAll("li[data-lang]")].map((el) => [el.getAttribute("lang"), el.getAttribute("dir"), el.querySelector("a")?.textContent ?? null])`,
    );
    expect(items).toEqual([
      ["en", "ltr", "English"],
      ["es", "ltr", "Español"],
      ["fr", "ltr", "Français"],
      ["zh", "ltr", "中文"],
      ["th", "ltr", "ไทย"],
      ["ur", "rtl", "اردو"],
      ["bn", "ltr", "বাংলা"],
    ]);
    expect(requests.every((u) => u.startsWith("file:"))).toBe(true);
    expect(blockedRequests).toEqual([]);
    expect(errors).toEqual([]);
  });

  it.each(Object.keys(EXPECTED_DIR))(
    "%s page: its lang and dir, file requests only, links that lead somewhere, the hostile name as text",
    async (lang) => {
      const { page, requests, blockedRequests, dialogs, errors } = await open(`${lang}.html`);
      const root = await page.evaluate<[string, string]>(
        "[document.documentElement.lang, document.documentElement.dir]",
      );
      expect(root).toEqual([lang, EXPECTED_DIR[lang]]);
      // The translations, each link in its language's script and direction.
      const links = await page.evaluate<(string | null)[][]>(
        `[...document.querySelectorAll("nav a")].map((el) => [el.getAttribute("href"), el.getAttribute("lang"), el.getAttribute("dir")])`,
      );
      expect(links).toHaveLength(6);
      for (const [href, l, dir] of links) {
        expect(href).toBe(`${l}.html`);
        expect(dir).toBe(EXPECTED_DIR[String(l)]);
      }
      // Every link that is not mailto: is relative and leads to a file of the site.
      const hrefs = await page.evaluate<string[]>(
        `[...document.querySelectorAll("a[href]")].map((el) => el.getAttribute("href") ?? "")`,
      );
      expect(hrefs).toContain(`wcit-2012-${lang}.pdf`);
      for (const href of hrefs.filter((h) => !h.startsWith("mailto:"))) {
        await access(fileURLToPath(new URL(href, page.url())));
      }
      expect(hrefs).toContain("mailto:signon@coalition.example");
      // The signatory list shows the hostile name as text, and no script came of it.
      expect(await page.getByText(HOSTILE, { exact: false }).count()).toBeGreaterThan(0);
      expect(await page.evaluate<number>("document.querySelectorAll('script').length")).toBe(0);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(requests.every((u) => u.startsWith("file:"))).toBe(true);
      expect(blockedRequests).toEqual([]);
    },
  );
});
