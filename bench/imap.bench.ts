/**
 * `outreach inbox fetch` of 1,000 messages from a local Dovecot (tests/helpers/dovecot.ts, 127.0.0.1):
 * connect, EXAMINE, SEARCH, FETCH every message, classify and match each one, append the ledger, write the
 * fetch state. Target: at least 200 messages/s. Two baselines measured in the same run, on the same 1,000
 * messages: plain imapflow downloading them (no parsing, no ledger), which is what the IMAP part alone
 * costs, and `inbox import` of the same messages from an mbox (the same classification and ledger path,
 * without IMAP). Messages: the example's sample mailbox (bounces of three kinds, auto-replies, replies, a
 * newsletter) repeated with fresh Message-IDs, so 90% are recorded. ROUNDS rounds, each into fresh copies
 * of the workspace, interleaved; the median of each figure is printed, and the load average first (the
 * machine is shared).
 */
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { imapSchema } from "../src/config/config-schema.js";
import { ManualClock } from "../src/core/clock.js";
import { ensureWorkspaceSecret } from "../src/core/workspace-secret.fs.js";
import { workspacePaths } from "../src/core/workspace.js";
import { fetchInboxForCampaign } from "../src/inbox/imap-fetch.imap.js";
import { importInboxForCampaign } from "../src/inbox/import-inbox.fs.js";
import { joinMbox } from "../src/inbox/split-mbox.js";
import { copyExampleWorkspace } from "../tests/helpers/cli.js";
import { appendMessages, imapClient, startDovecot, type DovecotServer } from "../tests/helpers/dovecot.js";
import { benchMessages } from "./bench-messages.js";
import { median, report } from "./measure.js";

const MESSAGES = 1_000;
const ROUNDS = 3;
const CAMPAIGN = "wcit-2012";
const clock = new ManualClock(Date.UTC(2026, 11, 4, 12));

async function rawDownload(server: DovecotServer): Promise<number> {
  const client = await imapClient(server);
  let n = 0;
  const lock = await client.getMailboxLock("INBOX", { readOnly: true });
  try {
    for await (const m of client.fetch("1:*", { uid: true, source: true }, { uid: true }))
      if (m.source) n += 1;
  } finally {
    lock.release();
  }
  await client.logout();
  return n;
}

async function freshCopy(base: string, name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `outreach-bench-imap-${name}-`));
  await cp(base, dir, { recursive: true });
  return dir;
}

async function main(): Promise<void> {
  const server = await startDovecot();
  const base = await copyExampleWorkspace();
  const made: string[] = [base];
  try {
    await ensureWorkspaceSecret(workspacePaths(base).secret);
    const messages = await benchMessages(base, CAMPAIGN, MESSAGES);
    await appendMessages(server, messages);
    const mbox = join(base, "bench.mbox");
    await writeFile(mbox, joinMbox(messages.map((raw) => ({ raw }))));
    const imap = imapSchema.parse({
      host: server.host,
      port: server.port,
      security: "none",
      user: server.user,
    });
    const [l1, l5] = loadavg();
    console.log(
      `machine: ${availableParallelism()} CPU(s), load average ${l1?.toFixed(2)} (1 min) ${l5?.toFixed(2)} (5 min); ` +
        `${MESSAGES} messages, median of ${ROUNDS} rounds`,
    );
    const rates = { raw: [] as number[], mbox: [] as number[], fetch: [] as number[], again: [] as number[] };
    // Messages per CPU-second of this process (Dovecot's CPU not counted): the cost whatever the neighbours do.
    const cpuRates = { mbox: [] as number[], fetch: [] as number[] };
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    for (let round = 0; round < ROUNDS; round++) {
      let start = performance.now();
      const downloaded = await rawDownload(server);
      rates.raw.push((downloaded / (performance.now() - start)) * 1000);

      const importWs = await freshCopy(base, "import");
      made.push(importWs);
      start = performance.now();
      let cpu = process.cpuUsage();
      const imported = await importInboxForCampaign(importWs, CAMPAIGN, [mbox], clock);
      rates.mbox.push((imported.messages / (performance.now() - start)) * 1000);
      cpuRates.mbox.push((imported.messages / cpuMs(cpu)) * 1000);

      const fetchWs = await freshCopy(base, "fetch");
      made.push(fetchWs);
      start = performance.now();
      cpu = process.cpuUsage();
      const fetched = await fetchInboxForCampaign({
        workspace: fetchWs,
        campaign: CAMPAIGN,
        imap,
        password: server.password,
        clock,
      });
      rates.fetch.push((fetched.fetched / (performance.now() - start)) * 1000);
      cpuRates.fetch.push((fetched.fetched / cpuMs(cpu)) * 1000);
      if (downloaded !== MESSAGES || imported.messages !== MESSAGES || fetched.fetched !== MESSAGES)
        throw new Error(
          `expected ${MESSAGES} each: ${downloaded} raw, ${imported.messages} import, ${fetched.fetched} fetch`,
        );
      if (fetched.events.length !== imported.events.length)
        throw new Error(`fetch recorded ${fetched.events.length} events, import ${imported.events.length}`);

      start = performance.now();
      const again = await fetchInboxForCampaign({
        workspace: fetchWs,
        campaign: CAMPAIGN,
        imap,
        password: server.password,
        clock,
      });
      rates.again.push(performance.now() - start);
      if (again.fetched !== 0) throw new Error(`a re-run fetched ${again.fetched}`);
    }
    const raw = median(rates.raw);
    const mboxRate = median(rates.mbox);
    const fetchRate = median(rates.fetch);
    report("baseline imapflow download of 1,000 messages (no parsing, no ledger)", raw, "messages/s");
    report("baseline inbox import of the same 1,000 from an mbox", mboxRate, "messages/s");
    report("inbox fetch of 1,000 messages (IMAP, classify, ledger, state)", fetchRate, "messages/s", {
      op: ">=",
      value: 200,
    });
    report("inbox fetch vs imapflow download (ratio)", fetchRate / raw, "x");
    report("inbox fetch vs inbox import of an mbox (ratio)", fetchRate / mboxRate, "x");
    report("inbox fetch again, nothing new (whole run)", median(rates.again), "ms");
    report("inbox import of an mbox per CPU-second", median(cpuRates.mbox), "messages/cpu-s");
    report("inbox fetch per CPU-second", median(cpuRates.fetch), "messages/cpu-s");
    report(
      "inbox fetch vs inbox import per CPU-second (ratio)",
      median(cpuRates.fetch) / median(cpuRates.mbox),
      "x",
    );
  } finally {
    await server.stop();
    for (const dir of made) await rm(dir, { recursive: true, force: true });
  }
}

await main();
