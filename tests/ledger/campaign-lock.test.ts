import { readFile, writeFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireCampaignLock } from "../../src/ledger/campaign-lock.fs.js";
import { OutreachError } from "../../src/core/errors.js";
import { makeTempDir } from "../helpers/cli.js";

const started = "2026-01-01T00:00:00.000Z";

describe("campaign lock", () => {
  it("writes pid, host and start time, refuses a second live sender, and releases", async () => {
    const path = join(await makeTempDir(), ".lock");
    const lock = await acquireCampaignLock(path, { started });
    const info = JSON.parse(await readFile(path, "utf8")) as { pid: number; host: string; started: string };
    expect(info).toMatchObject({ pid: process.pid, started });
    expect(info.host.length).toBeGreaterThan(0);
    const second = await acquireCampaignLock(path, { started, pid: process.pid + 1 }).catch(
      (e: unknown) => e,
    );
    expect(second).toBeInstanceOf(OutreachError);
    expect((second as OutreachError).code).toBe("E_LOCK_HELD");
    expect((second as OutreachError).category).toBe("safety");
    await lock.release();
    await expect(stat(path)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("takes over a stale lock whose process is gone and reports it", async () => {
    const path = join(await makeTempDir(), ".lock");
    const host = "this-host";
    await writeFile(path, JSON.stringify({ pid: 999_999, host, started: "2025-12-31T00:00:00.000Z" }));
    const lock = await acquireCampaignLock(path, { started, host, isAlive: () => false });
    expect(lock.replacedStale).toMatchObject({ pid: 999_999 });
    expect(JSON.parse(await readFile(path, "utf8"))).toMatchObject({ pid: process.pid, started });
    await lock.release();
  });

  it("treats a lock from another host as held (it cannot be checked)", async () => {
    const path = join(await makeTempDir(), ".lock");
    await writeFile(path, JSON.stringify({ pid: 1, host: "elsewhere", started }));
    await expect(
      acquireCampaignLock(path, { started, host: "here", isAlive: () => false }),
    ).rejects.toMatchObject({ code: "E_LOCK_HELD" });
  });
});
