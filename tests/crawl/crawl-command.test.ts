import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { makeTempDir, runInProcess } from "../helpers/cli.js";
import { startFixtureSite, type FixtureSite } from "./fixture-site/fixture-server.js";
import { SPECIAL } from "./fixture-site/site-description.js";
import { smallSite } from "./crawl-test-kit.js";

const site = smallSite();
let fixture: FixtureSite;
beforeAll(async () => {
  fixture = await startFixtureSite(site);
});
afterAll(async () => {
  await fixture.close();
});

async function workspaceFor(): Promise<string> {
  const ws = await makeTempDir("outreach-crawl-cli-");
  const crawler = {
    allowedHosts: [fixture.hostPort],
    timeoutMs: 300,
    maxBodyBytes: 200_000,
    maxRetries: 1,
    contactEmail: "crawl-desk@example.org",
  };
  await writeFile(join(ws, "config.json"), JSON.stringify({ crawler }));
  return ws;
}

describe("outreach directory crawl", () => {
  it("crawls, prints the per-country summary and the failures, exits 1 when pages failed", async () => {
    const ws = await workspaceFor();
    const clock = new ManualClock(Date.UTC(2026, 4, 17, 9));
    const run = await runInProcess(["directory", "crawl", "--profile", "itu", "--start", fixture.listUrl], {
      workspace: ws,
      clock,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^country\s+name\s+ministries\s+people\s+emails\s+pages_failed/);
    expect(run.stdout).toMatch(/\nMC\s+MONACO\s+0\s+0\s+0\s+0\n/);
    expect(run.stderr).toContain("[E_CRAWL_OFF_HOST]");
    expect(run.stderr).toContain("[E_CRAWL_TIMEOUT]");
    expect(run.stderr).toContain("[E_CRAWL_TOO_LARGE]");
    expect(run.stderr).toContain(
      `no person-level data (ministry rows only): ${site.countries[SPECIAL.noPersonData]!.code}`,
    );
    expect(run.stderr).toMatch(/^\[1\/\d+\] member-states download /m);
    const csv = await readFile(join(ws, "contacts", "sources", "itu-2026-05-17.csv"), "utf8");
    expect(csv.split("\n")[0]).toContain("source_url,retrieved_at");
    const ua = fixture.log.find((r) => r.path === site.listPath)!.userAgent;
    expect(ua).toContain("crawl-desk@example.org");
    expect(ua).toMatch(/^outreach-crawler\//);
  });

  it("exits 0 when every page was read, and prints JSON for scripts", async () => {
    const ws = await workspaceFor();
    const run = await runInProcess(
      ["directory", "crawl", "--start", fixture.listUrl, "--country", "SN,Peru", "--format", "json"],
      {
        workspace: ws,
        clock: new ManualClock(),
      },
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      summary: { group: string; people: number }[];
      failures: unknown[];
      import: { added: number };
    };
    expect(report.summary.map((s) => s.group)).toEqual(["PE", "SN"]);
    expect(report.failures).toEqual([]);
    expect(report.import.added).toBeGreaterThan(0);
  });

  it("rejects an unknown country and a start page outside the allowlist", async () => {
    const ws = await workspaceFor();
    const bad = await runInProcess(
      ["directory", "crawl", "--start", fixture.listUrl, "--country", "SN,Atlantis"],
      { workspace: ws, clock: new ManualClock() },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("E_CRAWL_COUNTRY");

    const before = fixture.log.length;
    const off = await runInProcess(["directory", "crawl", "--start", `${fixture.otherOrigin}/list`], {
      workspace: ws,
      clock: new ManualClock(),
    });
    expect(off.code).toBe(2);
    expect(off.stderr).toContain("E_CRAWL_START");
    expect(off.stderr).toContain(fixture.otherOrigin.replace("http://", ""));
    expect(off.stderr).not.toContain("E_CRAWL_NOTHING");
    // Refused up front: neither the other host nor the allowed one saw a request (not even robots.txt).
    expect(fixture.log.length).toBe(before);
    await expect(readdir(join(ws, "contacts", "sources"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("rejects a --delay a timer cannot hold (it would fire after 1 ms and turn pacing off)", async () => {
    const ws = await workspaceFor();
    const before = fixture.log.length;
    const run = await runInProcess(
      ["directory", "crawl", "--start", fixture.listUrl, "--delay", String(2 ** 31)],
      { workspace: ws, clock: new ManualClock() },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("E_USAGE");
    expect(run.stderr).toContain("--delay must be at most");
    expect(fixture.log.length).toBe(before);
  });

  it("rejects a --start that is not http(s), and the default start page when its host is not allowed", async () => {
    const ws = await workspaceFor();
    const before = fixture.log.length;
    const ftp = await runInProcess(["directory", "crawl", "--start", `ftp://${fixture.hostPort}/list`], {
      workspace: ws,
      clock: new ManualClock(),
    });
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toContain("E_CRAWL_START");
    // The profile's default start (www.itu.int) is not in this workspace's allowlist: refused, nothing sent.
    const byDefault = await runInProcess(["directory", "crawl"], { workspace: ws, clock: new ManualClock() });
    expect(byDefault.code).toBe(2);
    expect(byDefault.stderr).toContain("E_CRAWL_START");
    expect(fixture.log.length).toBe(before);
  });
});
