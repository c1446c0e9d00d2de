/**
 * Crash test: `outreach send` as a real process against Postfix's smtp-sink, killed with SIGKILL at
 * random moments (seeded), resumed each time. In the end every planned contact was received exactly
 * once, except those the ledger lists as uncertain (received at most once), and none twice.
 *
 * smtp-sink is told to wait a second before answering the end of some messages (`-W .:1:30`), so that
 * some kills land between "message handed over" and "reply received": the uncertain window.
 *
 * The second case runs the workspace on a small real tmpfs and, besides the kills, fills the disk at
 * random moments (freeing it after the run): a ledger write that does not fit must stop the run, never
 * count as recorded. Same end state: nobody twice, nobody silently missing.
 */
import { cp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import { foldLedger } from "../../src/ledger/fold-ledger.js";
import { prepareCampaign } from "../../src/render/prepare-campaign.fs.js";
import { spawn } from "node:child_process";
import { copyExampleWorkspace, REPO_ROOT } from "../helpers/cli.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp.js";
import { seededRandom } from "../helpers/seeded-random.js";
import { mountSmallTmpfs, type SmallTmpfs } from "../helpers/faulty-files.js";

const ID = "wcit-2012";
const KILLS = 10;

let sink: SmtpSink;
let workspace: string;

async function writeConfig(dir: string, port: number) {
  await writeFile(
    join(dir, "config.json"),
    JSON.stringify({
      smtp: { host: "127.0.0.1", port, security: "none", maxConnections: 2 },
      send: {
        perMinute: 120,
        perHour: 100_000,
        perDay: 1_000_000,
        perDomainPerHour: 100_000,
        burst: 1,
        concurrency: 2,
        maxAttempts: 3,
        backoffBaseMs: 10,
        backoffMaxMs: 100,
      },
    }),
  );
}

beforeAll(async () => {
  sink = await startSmtpSink({ extraArgs: ["-W", ".:1:30"] });
  workspace = await copyExampleWorkspace();
  await writeConfig(workspace, sink.port);
});
afterAll(async () => {
  await sink.stop();
});

/** Run one send; kill it `killAfterMs` after it starts sending (or -killAfterMs after start when negative). */
async function runOnce(
  killAfterMs: number | undefined,
  dir = workspace,
  fault: { afterMs: number; run: () => Promise<void> } | undefined = undefined,
): Promise<{ killed: boolean; code: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  // tsx by absolute path: the workspace (cwd) has no node_modules to resolve a bare `--import tsx` from.
  const child = spawn(
    process.execPath,
    [
      "--import",
      join(REPO_ROOT, "node_modules/tsx/dist/loader.mjs"),
      join(REPO_ROOT, "src/cli/main.ts"),
      "send",
      ID,
      "--transport",
      "smtp",
      "--yes",
      "--allow-unreviewed",
    ],
    { cwd: dir, env: { ...process.env, FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  let timer: NodeJS.Timeout | undefined;
  let killed = false;
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) {
      killed = true;
      child.kill("SIGKILL");
    }
  };
  if (killAfterMs !== undefined && killAfterMs < 0) timer = setTimeout(kill, -killAfterMs);
  let faultTimer: NodeJS.Timeout | undefined;
  let faulted: Promise<void> | undefined;
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
    if (killAfterMs !== undefined && killAfterMs >= 0 && !timer && stderr.includes("sending "))
      timer = setTimeout(kill, killAfterMs);
    if (fault && !faultTimer && stderr.includes("sending "))
      faultTimer = setTimeout(() => {
        faulted = fault.run();
      }, fault.afterMs);
  });
  child.stdout.resume();
  const code = await new Promise<number | null>((r) => child.on("close", (c) => r(c)));
  if (timer) clearTimeout(timer);
  if (faultTimer) clearTimeout(faultTimer);
  await faulted;
  return { killed, code, stderr, ms: Date.now() - started };
}

describe("crash and resume", () => {
  it(
    `survives ${KILLS}+ SIGKILLs: nobody mailed twice, everyone mailed or listed uncertain`,
    { timeout: 420_000 },
    async () => {
      const random = seededRandom(20121203);
      let kills = 0;
      let runs = 0;
      let finished = false;
      let quickRunMs = 2500;
      while (kills < KILLS && runs < 40) {
        runs += 1;
        // One kill in five lands during start-up (lock, ledger read), and every one once nothing is left
        // to send (no "sending" line would come); the rest while sending.
        const delay = finished
          ? -Math.floor(100 + random() * quickRunMs * 0.8)
          : random() < 0.2
            ? -Math.floor(200 + random() * 2500)
            : Math.floor(random() * 1500);
        const r = await runOnce(delay);
        if (r.killed) kills += 1;
        else {
          expect([0, 1], r.stderr).toContain(r.code);
          finished = r.stderr.includes("nothing to send");
          if (finished) quickRunMs = r.ms;
        }
      }
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      const final = await runOnce(undefined);

      const { planned, uncertain } = await expectExactlyOnce(workspace, sink, final, kills);
      // For the record in the test output: how much the kills cost.
      console.log(
        `crash test: ${runs} killed/resumed runs, ${kills} kills, ${planned} planned, ${uncertain.length} uncertain`,
      );
    },
  );

  describe("with a disk that fills up at random moments", () => {
    let fs: SmallTmpfs | undefined;
    let diskSink: SmtpSink | undefined;
    beforeAll(async () => {
      const mounted = await mountSmallTmpfs(4096);
      if ("reason" in mounted) console.log(`skipping the SIGKILL + full-disk case: ${mounted.reason}`);
      else fs = mounted;
    });
    afterAll(async () => {
      await diskSink?.stop();
      await fs?.unmount();
    });

    it(
      "SIGKILLs and full disks mixed: nobody mailed twice, everyone mailed or listed uncertain",
      { timeout: 420_000 },
      async (ctx) => {
        if (!fs) return ctx.skip();
        const disk = fs;
        diskSink = await startSmtpSink({ extraArgs: ["-W", ".:1:30"] });
        const dir = join(disk.dir, "workspace");
        await cp(await copyExampleWorkspace(), dir, { recursive: true });
        await writeConfig(dir, diskSink.port);
        const random = seededRandom(20121204);
        let kills = 0;
        let fulls = 0;
        let runs = 0;
        let finished = false;
        while (!finished && runs < 40) {
          runs += 1;
          // Every other run fills the disk (leaving 0 to 8 KiB) at a random moment while sending, the
          // others are killed at one; the disk is freed after each run, as the user would.
          const fill = runs % 2 === 0;
          const leave = Math.floor(random() * 8) * 1024;
          const r = await runOnce(
            fill ? undefined : Math.floor(random() * 1500),
            dir,
            fill ? { afterMs: Math.floor(random() * 1200), run: () => disk.fill(leave) } : undefined,
          );
          await disk.drain();
          if (r.killed) kills += 1;
          else {
            expect([0, 1], r.stderr).toContain(r.code);
            if (r.stderr.includes("E_DISK_FULL")) fulls += 1;
            finished = r.stderr.includes("nothing to send");
          }
        }
        const final = await runOnce(undefined, dir);
        const { planned, uncertain } = await expectExactlyOnce(dir, diskSink, final, kills + fulls);
        expect(finished).toBe(true);
        expect(kills).toBeGreaterThanOrEqual(2);
        expect(fulls).toBeGreaterThanOrEqual(2);
        console.log(
          `crash + full-disk test: ${runs} runs, ${kills} kills, ${fulls} stopped by a full disk, ${planned} planned, ${uncertain.length} uncertain`,
        );
      },
    );
  });
});

/**
 * The end state both cases must reach: every planned contact received exactly once, except those the
 * ledger lists as uncertain (at most once); nobody twice; nobody outside the plan. Returns the uncertain.
 */
async function expectExactlyOnce(
  dir: string,
  server: SmtpSink,
  final: { code: number | null; stderr: string },
  faults: number,
): Promise<{ planned: number; uncertain: string[] }> {
  const { plan } = await prepareCampaign(dir, ID);
  const planned = plan.entries.filter((e) => e.delivery === "email" && e.contact.status === "active");
  const { events, problems } = await readLedger(join(dir, "campaigns", ID, "ledger.jsonl"));
  expect(problems.filter((p) => p.severity === "error").length).toBeLessThanOrEqual(faults);
  const fold = foldLedger(events);

  const received = new Map<string, number>();
  for (const m of await server.messages()) {
    if (!m.complete) continue;
    const contact = /^X-Outreach-Contact: (.+)$/m.exec(m.raw)?.[1]?.trim() ?? "?";
    received.set(contact, (received.get(contact) ?? 0) + 1);
  }
  const uncertain = planned
    .filter((e) => fold.get(e.contact.id)?.state.kind === "uncertain")
    .map((e) => e.contact.id);
  // Uncertain messages wait for the user's decision: the final run says so with exit code 1.
  expect(final.code, final.stderr).toBe(uncertain.length > 0 ? 1 : 0);
  for (const e of planned) {
    const id = e.contact.id;
    const kind = fold.get(id)?.state.kind;
    const n = received.get(id) ?? 0;
    if (kind === "uncertain") expect(n, `${id} (uncertain)`).toBeLessThanOrEqual(1);
    else {
      expect(kind, id).toBe("sent");
      expect(n, `${id} received`).toBe(1);
    }
  }
  expect([...received.values()].every((n) => n === 1)).toBe(true);
  expect([...received.keys()].every((id) => planned.some((e) => e.contact.id === id))).toBe(true);
  return { planned: planned.length, uncertain };
}
