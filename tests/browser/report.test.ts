/**
 * The report in a real browser (Debian chromium via playwright-core): loads from disk with no network
 * request at all, draws one map shape per member state carrying its status, shows a hostile ministry
 * name as text without running it, and leaves a screenshot in artifacts/report.png.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactSchema } from "../../src/contacts/contact-schema.js";
import { readDirectory, writeDirectory } from "../../src/contacts/directory-store.fs.js";
import { readMemberStates } from "../../src/contacts/member-states.fs.js";
import { ManualClock } from "../../src/core/clock.js";
import { workspacePaths } from "../../src/core/workspace.js";
import type { LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import { appendLedgerEvents } from "../../src/ledger/ledger-file.fs.js";
import { writeReport } from "../../src/report/write-report.fs.js";
import { launchBrowser, openWatchedPage } from "../helpers/browser.js";
import { copyExampleWorkspace, REPO_ROOT } from "../helpers/cli.js";

/** The part of a DOM element the page-side callbacks use (the project compiles without DOM types). */
interface Attributed {
  getAttribute(name: string): string | null;
}

const HOSTILE = "<script>window.pwned=1</script>";
const CAMPAIGN = "wcit-2012";
let browser: Browser;
let reportPath: string;
let memberCodes: string[];
let targetedCodes: string[];

beforeAll(async () => {
  const ws = await copyExampleWorkspace();
  const paths = workspacePaths(ws);
  const directory = await readDirectory(paths.directory);
  const hostile = contactSchema.parse({
    id: "nz-hostile",
    country: "NZ",
    organisation: HOSTILE,
    name: "Tui Example",
    email: "tui@mbie.nz.example",
    source: "test",
  });
  await writeDirectory(paths.directory, [...directory.contacts, hostile]);
  memberCodes = (await readMemberStates(paths.memberStates)).map((m) => m.code).sort();
  // The example campaign targets every contact of the directory.
  targetedCodes = [...new Set([...directory.contacts, hostile].map((c) => c.country))].sort();

  const ar = directory.contacts.find((c) => c.country === "AR" && c.email);
  const mx = directory.contacts.find((c) => c.country === "MX" && c.email);
  if (!ar || !mx) throw new Error("example directory should have AR and MX contacts with email");
  const msg = (contact: string, email: string) => ({
    campaign: CAMPAIGN,
    contact,
    messageId: `<${CAMPAIGN}.${contact}@outreach.coalition.example>`,
    language: "es",
    revision: "r1",
    attempt: 1,
    email,
  });
  const events: LedgerEvent[] = [
    { type: "attempt", at: "2012-11-05T09:00:00.000Z", ...msg(ar.id, ar.email), transport: "outbox" },
    { type: "sent", at: "2012-11-05T09:00:01.000Z", ...msg(ar.id, ar.email), response: "250 ok" },
    {
      type: "replied",
      at: "2012-11-06T10:00:00.000Z",
      campaign: CAMPAIGN,
      contact: ar.id,
      from: ar.email,
      sourceMessageId: "<r1@x.example>",
    },
    { type: "attempt", at: "2012-11-05T09:01:00.000Z", ...msg(mx.id, mx.email), transport: "outbox" },
    { type: "sent", at: "2012-11-05T09:01:01.000Z", ...msg(mx.id, mx.email), response: "250 ok" },
    {
      type: "bounced",
      at: "2012-11-05T10:00:00.000Z",
      campaign: CAMPAIGN,
      contact: mx.id,
      kind: "hard",
      status: "5.1.1",
      diagnostic: HOSTILE,
      sourceMessageId: "<b1@x.example>",
    },
    {
      type: "attempt",
      at: "2012-11-05T09:02:00.000Z",
      ...msg("nz-hostile", "tui@mbie.nz.example"),
      transport: "outbox",
    },
    {
      type: "failed",
      at: "2012-11-05T09:02:01.000Z",
      ...msg("nz-hostile", "tui@mbie.nz.example"),
      response: `550 ${HOSTILE}`,
    },
  ];
  await appendLedgerEvents(paths.ledger(CAMPAIGN), events);
  const result = await writeReport(ws, CAMPAIGN, new ManualClock(Date.UTC(2012, 10, 10, 12)));
  reportPath = result.path;

  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("report.html in chromium", () => {
  it("loads offline, maps every member state with its status, shows hostile data as text", async () => {
    const { page, errors, dialogs, blockedRequests } = await openWatchedPage(browser);
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto(pathToFileURL(reportPath).href);

    const shapes = page.locator("svg.world-map [data-country]");
    const codes = (
      await shapes.evaluateAll((els: Attributed[]) => els.map((e) => e.getAttribute("data-country") ?? ""))
    ).sort();
    expect(codes).toEqual(memberCodes);
    expect(codes.length).toBeGreaterThanOrEqual(194);
    const statuses = await shapes.evaluateAll((els: Attributed[]) =>
      els.map((e) => e.getAttribute("data-status")),
    );
    expect(statuses.every((s) => s !== null && s !== "")).toBe(true);
    expect(await page.locator('svg.world-map [data-country="AR"]').getAttribute("data-status")).toBe(
      "replied",
    );
    expect(await page.locator('svg.world-map [data-country="MX"]').getAttribute("data-status")).toBe(
      "bounced",
    );
    expect(await page.locator('svg.world-map [data-country="NZ"]').getAttribute("data-status")).toBe(
      "failed",
    );
    // A state with no contacts in the example is drawn too, as such.
    expect(await page.locator('svg.world-map [data-country="TV"]').getAttribute("data-status")).toBe(
      "no-contacts",
    );

    const text = await page.locator("body").innerText();
    expect(text).toContain(HOSTILE);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator("script").count()).toBe(0);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(blockedRequests).toEqual([]);

    await mkdir(join(REPO_ROOT, "artifacts"), { recursive: true });
    await page.screenshot({ path: join(REPO_ROOT, "artifacts", "report.png"), fullPage: true });
    await page.context().close();
  });

  it("the per-country table lists the targeted countries first; the other member states are folded away", async () => {
    const { page, errors } = await openWatchedPage(browser);
    await page.goto(pathToFileURL(reportPath).href);
    const firstTable = page.locator("h2:text('Per country') + table tbody tr");
    const shown = await firstTable.evaluateAll((els: Attributed[]) =>
      els.map((e) => e.getAttribute("data-country") ?? ""),
    );
    expect([...shown].sort()).toEqual(targetedCodes);
    expect(targetedCodes.length).toBeGreaterThan(10);
    const others = page.locator("details.others tbody tr");
    expect(await others.count()).toBe(memberCodes.filter((c) => !targetedCodes.includes(c)).length);
    expect(await others.first().isVisible()).toBe(false);
    await page.locator("details.others summary").click();
    expect(await others.first().isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
