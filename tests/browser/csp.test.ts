/**
 * Every HTML file the tool writes for people (preview index and letter copies, report.html, the letters
 * of partner packs) carries the one Content-Security-Policy, first in <head>; each renders in chromium
 * without a single policy violation; and the policy really stops a script that escaping let through.
 * The .eml files stay exactly as sent (no policy added to the mail).
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as cheerio from "cheerio";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HTML_FILE_CSP } from "../../src/core/content-security-policy.js";
import { appendContact, EXAMPLE_CAMPAIGN } from "../campaign/edit-workspace.js";
import { launchBrowser, openWatchedPage } from "../helpers/browser.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

let browser: Browser;
let ws: string;
let htmlFiles: string[];

async function filesUnder(dir: string, ending: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(ending))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Records policy violations from the page's own event and from chromium's console report. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(`document.addEventListener("securitypolicyviolation", (e) => {
    (window.__violations ??= []).push(e.violatedDirective + " " + e.blockedURI);
  });`);
  return violations;
}

async function pageViolations(page: Page): Promise<string[]> {
  return page.evaluate<string[]>("window.__violations ?? []");
}

beforeAll(async () => {
  ws = await copyExampleWorkspace();
  await appendContact(ws, {
    id: "ar-hostile",
    country: "AR",
    organisation: "Ministerio <script>alert(1)</script>",
    name: '<img src=x onerror="alert(2)">',
    email: "hostile@ministerio.ar.example",
    tags: "ministry",
  });
  for (const args of [
    ["preview", EXAMPLE_CAMPAIGN],
    ["report", EXAMPLE_CAMPAIGN],
    ["partners", "export", EXAMPLE_CAMPAIGN],
  ]) {
    const run = await runInProcess(args, { workspace: ws });
    expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(0);
  }
  htmlFiles = await filesUnder(join(ws, "campaigns"), ".html");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("Content-Security-Policy of the HTML files people open", () => {
  it("every written HTML file has the policy as the first element of its head", async () => {
    const kinds = htmlFiles.map((f) =>
      f.endsWith("report.html")
        ? "report"
        : f.endsWith("index.html")
          ? "index"
          : f.includes("/partners/")
            ? "partner"
            : "preview",
    );
    expect(new Set(kinds)).toEqual(new Set(["report", "index", "partner", "preview"]));
    for (const file of htmlFiles) {
      const $ = cheerio.load(await readFile(file, "utf8"));
      const metas = $('meta[http-equiv="Content-Security-Policy"]');
      expect(metas.length, file).toBeGreaterThanOrEqual(1);
      expect(metas.first().attr("content"), file).toBe(HTML_FILE_CSP);
      expect(metas.first().parent().is("head"), file).toBe(true);
      // Nothing that could run or load comes before it.
      const before = metas
        .first()
        .prevAll()
        .toArray()
        .map((el) => (el as { name?: string }).name);
      expect(
        before.filter((n) => n !== "meta" && n !== "title"),
        file,
      ).toEqual([]);
    }
  });

  it("the policy forbids scripts, network loads, forms and <base>", () => {
    const directives = new Map(
      HTML_FILE_CSP.split(";").map((d) => {
        const [name = "", ...values] = d.trim().split(/\s+/);
        return [name, values.join(" ")];
      }),
    );
    expect(directives.get("default-src")).toBe("'none'");
    expect(directives.has("script-src")).toBe(false);
    expect(directives.get("base-uri")).toBe("'none'");
    expect(directives.get("form-action")).toBe("'none'");
    expect(directives.get("img-src")).not.toMatch(/https?:|\*/);
  });

  it("the sent mail is left as it is: no policy in any .eml", async () => {
    const emls = await filesUnder(join(ws, "campaigns"), ".eml");
    expect(emls.length).toBeGreaterThan(0);
    for (const file of emls)
      expect(await readFile(file, "utf8"), file).not.toContain("Content-Security-Policy");
  });

  it("the report, the preview index, a letter per language and the partner letters render with no violation", async () => {
    const previewLetters = htmlFiles.filter(
      (f) => f.includes("/outbox/preview/") && !f.endsWith("index.html"),
    );
    const oneLetterPerLanguage = [
      ...new Map(previewLetters.map((f) => [/-([a-z]{2})-[^/]*\.html$/.exec(f)?.[1] ?? f, f])).values(),
    ];
    const pages = [
      ...htmlFiles.filter((f) => f.endsWith("report.html") || f.endsWith("index.html")),
      ...oneLetterPerLanguage,
      ...htmlFiles.filter((f) => f.includes("/partners/")).slice(0, 3),
      ...htmlFiles.filter((f) => f.includes("ar-hostile")),
    ];
    expect(oneLetterPerLanguage.length).toBeGreaterThanOrEqual(5);
    for (const file of pages) {
      const { page, dialogs, errors, blockedRequests } = await openWatchedPage(browser);
      const violations = await watchViolations(page);
      await page.goto(pathToFileURL(file).href);
      expect(await page.locator("body").innerText(), file).not.toBe("");
      expect([...violations, ...(await pageViolations(page))], file).toEqual([]);
      expect(dialogs, file).toEqual([]);
      expect(errors, file).toEqual([]);
      expect(blockedRequests, file).toEqual([]);
      await page.context().close();
    }
  });

  it("a script that got past escaping is blocked by the policy and reported as a violation", async () => {
    // Simulate an escaping bug: inject markup into a written letter and into the report, after the policy.
    const letter = htmlFiles.find((f) => f.includes("/partners/"))!;
    const report = htmlFiles.find((f) => f.endsWith("report.html"))!;
    for (const file of [letter, report]) {
      const html = await readFile(file, "utf8");
      const injected = html.replace(
        "</body>",
        '<script>alert("inline")</script><img src="x" onerror="alert(\'handler\')"><img src="https://tracker.example/p.gif"><form action="https://collect.example/"><button id="go">go</button></form></body>',
      );
      const copy = file.replace(/\.html$/, ".injected.html");
      await writeFile(copy, injected);
      const { page, dialogs, blockedRequests } = await openWatchedPage(browser);
      const violations = await watchViolations(page);
      await page.goto(pathToFileURL(copy).href);
      expect(dialogs, file).toEqual([]);
      expect(blockedRequests, file).toEqual([]);
      const seen = [...violations, ...(await pageViolations(page))].join("\n");
      expect(seen, file).toMatch(/script-src/);
      expect(seen, file).toMatch(/img-src/);
      await page.context().close();
    }
  });
});
