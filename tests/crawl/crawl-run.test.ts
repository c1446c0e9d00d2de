import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultConfig, type CrawlerConfig } from "../../src/config/config-schema.js";
import { DIRECTORY_COLUMNS } from "../../src/contacts/contact-schema.js";
import { importDirectoryFile } from "../../src/directory/import-directory.fs.js";
import { ituProfile } from "../../src/directory/crawl/profiles/itu.js";
import { runCrawl, type RunCrawlOptions } from "../../src/directory/crawl/run-crawl.fs.js";
import { makeTempDir } from "../helpers/cli.js";
import { expectedPeople, SPECIAL } from "./fixture-site/site-description.js";
import { startKit, type Kit } from "./crawl-test-kit.js";

let kit: Kit;
let workspace: string;
beforeEach(async () => {
  kit = await startKit();
  workspace = await makeTempDir("outreach-crawl-ws-");
});
afterEach(async () => {
  await kit.close();
});

function config(): CrawlerConfig {
  return {
    ...defaultConfig.crawler,
    allowedHosts: [kit.fixture.hostPort],
    timeoutMs: 300,
    maxBodyBytes: 200_000,
    maxRetries: 2,
    cacheDir: join(workspace, "cache"),
  };
}

function crawl(extra: Partial<RunCrawlOptions> = {}) {
  return runCrawl({
    workspace,
    config: config(),
    fetcher: kit.fetcher,
    clock: kit.clock,
    profile: ituProfile,
    version: "test",
    startUrl: kit.fixture.listUrl,
    reuseWithinMs: 12 * 3_600_000,
    ...extra,
  });
}

async function readCsv(path: string): Promise<Record<string, string>[]> {
  return parse<Record<string, string>>(await readFile(path, "utf8"), { columns: true });
}

const faultPaths = (kit: Kit) =>
  new Set(
    [
      ...kit.site.countries.flatMap((c) => [
        c.fault ? c.path : "",
        ...c.ministries.map((m) => (m.fault ? (m.path ?? "") : "")),
      ]),
    ].filter(Boolean),
  );

describe("runCrawl on the fixture site", () => {
  it("crawls every country, reports faults, writes the source file and merges it", async () => {
    const report = await crawl();
    const countries = kit.site.countries;
    expect(report.summary.map((s) => s.group).sort()).toEqual(countries.map((c) => c.code).sort());

    const codes = (list: { code: string }[]) => list.map((f) => f.code).sort();
    expect(codes(report.failures)).toEqual(["E_CRAWL_OFF_HOST", "E_CRAWL_TIMEOUT", "E_CRAWL_TOO_LARGE"]);
    expect(codes(report.skipped)).toEqual(["E_CRAWL_LOGIN", "E_CRAWL_ROBOTS"]);
    const byGroup = new Map(report.summary.map((s) => [s.group, s]));
    expect(byGroup.get(countries[SPECIAL.slow]!.code)!.pagesFailed).toBe(1);
    expect(byGroup.get(countries[SPECIAL.noMinistries]!.code)).toMatchObject({ ministries: 0, people: 0 });
    expect(report.withoutPeople).toEqual([countries[SPECIAL.noPersonData]!.code]);

    // Every person on a page that could be read is in the file, with provenance on every row.
    const rows = await readCsv(join(workspace, report.file));
    expect(report.file).toBe(join("contacts", "sources", "itu-2026-03-03.csv"));
    expect(Object.keys(rows[0]!)).toEqual([...DIRECTORY_COLUMNS]);
    for (const row of rows) {
      expect(row.source_url).toMatch(new RegExp(`^${kit.fixture.origin}/`));
      expect(Number.isNaN(Date.parse(row.retrieved_at!))).toBe(false);
      expect(row.source).toBe("itu-crawl");
    }
    const unreadable = new Set(
      [SPECIAL.slow, SPECIAL.offHostRedirect, SPECIAL.oversized, SPECIAL.robotsDisallowed, SPECIAL.login].map(
        (i) => countries[i]!.ministries[0]!.id,
      ),
    );
    const expected = expectedPeople(kit.site).filter((e) => !unreadable.has(e.ministry.id));
    const emails = new Set(rows.map((r) => r.email));
    for (const e of expected) expect(emails.has(e.person.email)).toBe(true);
    const amina = rows.find(
      (r) => r.organisation === "Ministry of Posts, Telecommunications and Digital Economy",
    );
    expect(amina?.country).toBe(countries[SPECIAL.quotedComma]!.code);
    // A ministry with no page is still a contact record.
    const fr = rows.filter((r) => r.country === countries[SPECIAL.noPersonData]!.code);
    expect(fr.map((r) => r.organisation).sort()).toEqual(
      countries[SPECIAL.noPersonData]!.ministries.map((m) => m.name).sort(),
    );

    const directory = await readCsv(join(workspace, "contacts", "directory.csv"));
    expect(directory).toHaveLength(rows.length);
    expect(report.import.added).toBe(rows.length);
  });

  it("never requests another host or a path robots.txt disallows", async () => {
    await crawl();
    expect(kit.fixture.log.length).toBeGreaterThan(80);
    expect(kit.fixture.log.filter((r) => r.server === "other")).toEqual([]);
    expect(kit.sent.every((s) => new URL(s.url).host === kit.fixture.hostPort)).toBe(true);
    expect(kit.fixture.log.filter((r) => r.path.startsWith(kit.site.disallowedPrefix))).toEqual([]);
  });

  it("a re-run downloads only the page that changed", async () => {
    await crawl();
    const changed = kit.site.countries[15]!.ministries[1]!;
    const person = changed.page.kind === "contacts" ? changed.page.people[0]! : undefined;
    kit.fixture.updatePage(
      changed.path!,
      kit.fixture.pageBody(changed.path!)!.replace(person!.title, "Minister Counsellor"),
    );
    kit.clock.advance(24 * 3_600_000);
    const firstRunRequests = kit.fixture.log.length;

    const report = await crawl();
    const second = kit.fixture.log.slice(firstRunRequests);
    const faults = faultPaths(kit);
    const fullDownloads = second
      .filter((r) => r.status === 200 && r.path !== "/robots.txt" && !faults.has(r.path))
      .map((r) => r.path);
    expect(fullDownloads).toEqual([changed.path]);
    expect(second.filter((r) => r.status === 304).length).toBeGreaterThan(70);
    expect(report.pages.download).toBe(1);

    const rows = await readCsv(join(workspace, "contacts", "sources", "itu-2026-03-04.csv"));
    expect(rows.find((r) => r.email === person!.email)?.title).toBe("Minister Counsellor");
    expect(report.import.updated).toBe(1);
  });

  it("an interrupted crawl resumes from the cache", async () => {
    const controller = new AbortController();
    const saved = new Set<string>();
    await expect(
      crawl({
        signal: controller.signal,
        onProgress: (p) => {
          // Pages reported downloaded are in the cache; requests cut off by the interruption are not.
          if (p.outcome === "ok" && p.via === "download")
            saved.add(new URL(p.task.url).pathname + new URL(p.task.url).search);
          if (p.done >= 20) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ code: "E_CRAWL_INTERRUPTED" });
    const firstRun = kit.fixture.log.length;
    expect(saved.size).toBeGreaterThanOrEqual(15);

    kit.clock.advance(60_000);
    const report = await crawl();
    const again = kit.fixture.log.slice(firstRun).filter((r) => saved.has(r.path));
    expect(again).toEqual([]);
    expect(report.pages.cache).toBeGreaterThanOrEqual(saved.size);
  });

  it("a crawled contact that matches an imported one updates it instead of duplicating it", async () => {
    const target = expectedPeople(kit.site).find((e) => e.country === "PE")!;
    const hand = join(workspace, "hand.csv");
    await writeFile(
      hand,
      `country,name,email,notes\nPeru,${target.person.name},${target.person.email.toUpperCase()},met at the regional forum\n`,
    );
    const imported = await importDirectoryFile({ workspace, file: hand, now: new Date(kit.clock.now()) });
    expect(imported.added).toBe(1);

    const report = await crawl();
    const directory = await readCsv(join(workspace, "contacts", "directory.csv"));
    const matches = directory.filter(
      (r) => (r.email ?? "").toLowerCase() === target.person.email.toLowerCase(),
    );
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({
      title: target.person.title,
      organisation: target.ministry.name,
      notes: "met at the regional forum",
      source: "itu-crawl",
    });
    expect(matches[0]!.source_url).toBe(kit.url(target.ministry.path!));
    expect(report.import.updated).toBe(1);
    expect(directory).toHaveLength(report.rows);
  });

  it("stops with E_CRAWL_IO when the cache cannot be used", async () => {
    const blocker = join(workspace, "blocker");
    await writeFile(blocker, "not a folder");
    await expect(
      runCrawl({
        workspace,
        config: { ...config(), cacheDir: join(blocker, "cache") },
        fetcher: kit.fetcher,
        clock: kit.clock,
        profile: ituProfile,
        version: "test",
        startUrl: kit.fixture.listUrl,
        reuseWithinMs: 0,
      }),
    ).rejects.toMatchObject({ code: "E_CRAWL_IO" });
  });

  it("follows only the countries asked for, and stops at the page budget", async () => {
    const report = await crawl({ countries: new Set(["SN", "PE"]) });
    expect(report.summary.map((s) => s.group)).toEqual(["PE", "SN"]);
    const countryPaths = new Set(
      kit.site.countries.filter((c) => !["SN", "PE"].includes(c.code)).map((c) => c.path),
    );
    expect(kit.fixture.log.filter((r) => countryPaths.has(r.path))).toEqual([]);

    const limited = await crawl({ maxPages: 5, reuseWithinMs: 0 });
    const total =
      limited.pages.download +
      limited.pages["not-modified"] +
      limited.pages.cache +
      limited.failures.length +
      limited.skipped.length;
    expect(total).toBe(5);
    expect(limited.overBudget).toBeGreaterThan(0);
  });
});
