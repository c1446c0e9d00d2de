/** The preview page in a real browser: loads from disk, lists every message, RTL is right, data stays text. */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendContact, EXAMPLE_CAMPAIGN } from "../campaign/edit-workspace.js";
import { launchBrowser, openWatchedPage } from "../helpers/browser.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

const XSS_NAME = "<img src=x onerror=alert(1)>";

describe("preview page in chromium", () => {
  let browser: Browser;
  let previewDir: string;
  let messageCount: number;

  beforeAll(async () => {
    const ws = await copyExampleWorkspace();
    await appendContact(ws, {
      id: "gb-xss",
      country: "GB",
      organisation: "Ministry of <script>alert(2)</script> (example)",
      name: XSS_NAME,
      email: "xss@ministry.gb.example",
      tags: "ministry",
    });
    const run = await runInProcess(["preview", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(run.code, run.stderr).toBe(0);
    previewDir = join(ws, "campaigns", EXAMPLE_CAMPAIGN, "outbox", "preview");
    messageCount = (await readdir(previewDir)).filter((f) => f.endsWith(".eml")).length;
    const plan = await runInProcess(["plan", EXAMPLE_CAMPAIGN, "--format", "json"], { workspace: ws });
    expect(messageCount).toBe((JSON.parse(plan.stdout) as { entries: unknown[] }).entries.length);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("loads from disk and lists every message", async () => {
    const { page, errors, blockedRequests } = await openWatchedPage(browser);
    await page.goto(pathToFileURL(join(previewDir, "index.html")).href);
    expect(await page.locator("tr[data-message]").count()).toBe(messageCount);
    expect(await page.locator("#message-count").textContent()).toBe(String(messageCount));
    expect(await page.locator("section[data-country]").count()).toBeGreaterThan(20);
    expect(errors).toEqual([]);
    expect(blockedRequests).toEqual([]);
  });

  it("shows the Urdu letter right to left", async () => {
    const { page } = await openWatchedPage(browser);
    await page.goto(pathToFileURL(join(previewDir, "index.html")).href);
    const href = await page
      .locator('tr[data-language="ur"] a', { hasText: "view" })
      .first()
      .getAttribute("href");
    expect(href).toBeTruthy();
    await page.goto(new URL(href!, pathToFileURL(join(previewDir, "index.html"))).href);
    // Evaluated in the page (this project compiles without DOM types, so the expression is a string).
    const directions = await page.evaluate<Record<string, string>>(`(() => {
      const block = document.querySelector('div[lang="ur"] p');
      return {
        html: getComputedStyle(document.documentElement).direction,
        block: block ? getComputedStyle(block).direction : "missing",
        lang: document.documentElement.lang,
      };
    })()`);
    expect(directions).toEqual({ html: "rtl", block: "rtl", lang: "ur" });
    // The English letter stays left to right.
    await page.goto(pathToFileURL(join(previewDir, "index.html")).href);
    const en = await page
      .locator('tr[data-language="en"] a', { hasText: "view" })
      .first()
      .getAttribute("href");
    await page.goto(new URL(en!, pathToFileURL(join(previewDir, "index.html"))).href);
    expect(await page.evaluate("getComputedStyle(document.documentElement).direction")).toBe("ltr");
  });

  it("shows a contact named <img src=x onerror=alert(1)> as text and runs nothing, in the index and in the letter", async () => {
    const { page, dialogs, errors, blockedRequests } = await openWatchedPage(browser);
    await page.goto(pathToFileURL(join(previewDir, "index.html")).href);
    const row = page.locator('tr[data-contact="gb-xss"]');
    expect(await row.locator(".name").textContent()).toBe(XSS_NAME);
    expect(await row.locator(".org").textContent()).toBe("Ministry of <script>alert(2)</script> (example)");
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("body script").count()).toBe(0);

    await row.locator("a", { hasText: "view" }).click();
    await page.waitForLoadState("load");
    expect(page.url()).toContain("gb-xss.html");
    const text = await page.locator("body").textContent();
    expect(text).toContain(`Dear ${XSS_NAME},`);
    expect(text).toContain("Ministry of <script>alert(2)</script> (example)");
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("body script").count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(blockedRequests).toEqual([]);
  });
});
