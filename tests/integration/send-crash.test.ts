/**
 * Crash test: `outreach send` as a real process against Postfix's smtp-sink, killed with SIGKILL at
 * random moments (seeded), resumed each time. In the end every planned contact was received exactly
 * once, except those the ledger lists as uncertain (received at most once), and none twice.
 *
 * smtp-sink is told to wait a second before answering the end of some messages (`-W .:1:30`), so that
 * some kills land between "message handed over" and "reply received": the uncertain window.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import { foldLedger } from "../../src/ledger/fold-ledger.js";
import { prepareCampaign } from "../../src/render/prepare-campaign.fs.js";
import { spawn } from "node:child_process";
import { copyExampleWorkspace, REPO_ROOT } from "../helpers/cli.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp.js";
import { seededRandom } from "../helpers/seeded-random.js";

const ID = "wcit-2012";
const KILLS = 10;

let sink: SmtpSink;
let workspace: string;

beforeAll(async () => {
  sink = await startSmtpSink({ extraArgs: ["-W", ".:1:30"] });
  workspace = await copyExampleWorkspace();
  await writeFile(
    join(workspace, "config.json"),
    JSON.stringify({
      smtp: { host: "127.0.0.1", port: sink.port, security: "none", maxConnections: 2 },
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
});
afterAll(async () => {
  await sink.stop();
});

/** Run one send; kill it `killAfterMs` after it starts sending (or -killAfterMs after start when negative). */
async function runOnce(
  killAfterMs: number | undefined,
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
    { cwd: workspace, env: { ...process.env, FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] },
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
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
    if (killAfterMs !== undefined && killAfterMs >= 0 && !timer && stderr.includes("sending "))
      timer = setTimeout(kill, killAfterMs);
  });
  child.stdout.resume();
  const code = await new Promise<number | null>((r) => child.on("close", (c) => r(c)));
  if (timer) clearTimeout(timer);
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

      const { plan } = await prepareCampaign(workspace, ID);
      const planned = plan.entries.filter((e) => e.delivery === "email" && e.contact.status === "active");
      const { events, problems } = await readLedger(join(workspace, "campaigns", ID, "ledger.jsonl"));
      expect(problems.filter((p) => p.severity === "error").length).toBeLessThanOrEqual(kills);
      const fold = foldLedger(events);

      const received = new Map<string, number>();
      for (const m of await sink.messages()) {
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
      // For the record in the test output: how much the kills cost.
      console.log(
        `crash test: ${runs} killed/resumed runs, ${kills} kills, ${planned.length} planned, ${uncertain.length} uncertain`,
      );
    },
  );
});
