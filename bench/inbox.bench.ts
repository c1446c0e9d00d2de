/**
 * `outreach inbox import` of a 10,000-message mbox, run as users run it (the built CLI in a fresh process):
 * read, classify and match every message, append the ledger, set directory statuses. Targets: at least
 * 500 messages/s and a peak RSS of at most 250 MB. Baseline in the same run, on the same mbox: a process
 * that only splits the mbox and parses each message with mailparser (no classification, no ledger), which
 * is what reading the mail alone costs. Messages: the example's sample inbox repeated with fresh
 * Message-IDs (bench-messages.ts), so 90% are recorded. ROUNDS rounds, interleaved, each import into a
 * fresh copy of the workspace; medians printed, the load average first (the machine is shared).
 */
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ensureWorkspaceSecret } from "../src/core/workspace-secret.fs.js";
import { workspacePaths } from "../src/core/workspace.js";
import { joinMbox } from "../src/inbox/split-mbox.js";
import { copyExampleWorkspace } from "../tests/helpers/cli.js";
import { benchMessages } from "./bench-messages.js";
import { buildCli, REPO, runMeasured } from "./cli-process.js";
import { median, report } from "./measure.js";

const MESSAGES = 10_000;
const ROUNDS = 3;
const CAMPAIGN = "wcit-2012";

/** The baseline process: mailparser over every message of the mbox, nothing else. */
function baselineScript(mbox: string): string {
  const url = (path: string) => JSON.stringify(pathToFileURL(join(REPO, path)).href);
  return [
    `import { readFileSync } from "node:fs";`,
    // Bare specifiers resolve from the working directory, the repository.
    `import { simpleParser } from "mailparser";`,
    `import { splitMbox } from ${url("dist/inbox/split-mbox.js")};`,
    `let n = 0;`,
    `for (const raw of splitMbox(readFileSync(${JSON.stringify(mbox)}))) {`,
    `  await simpleParser(raw, { keepDeliveryStatus: true, skipTextToHtml: true, skipImageLinks: true });`,
    `  n += 1;`,
    `}`,
    `console.log(n);`,
  ].join("\n");
}

async function main(): Promise<void> {
  const cli = await buildCli();
  if (cli.length !== 1) throw new Error("inbox bench: the CLI did not build (dist/cli/main.js)");
  const base = await copyExampleWorkspace();
  const made: string[] = [base];
  try {
    await ensureWorkspaceSecret(workspacePaths(base).secret);
    const mbox = join(base, "bench.mbox");
    await writeFile(mbox, joinMbox((await benchMessages(base, CAMPAIGN, MESSAGES)).map((raw) => ({ raw }))));
    const [l1, l5] = loadavg();
    console.log(
      `machine: ${availableParallelism()} CPU(s), load average ${l1?.toFixed(2)} (1 min) ${l5?.toFixed(2)} (5 min); ` +
        `${MESSAGES} messages, median of ${ROUNDS} rounds`,
    );
    const rates = { parse: [] as number[], import: [] as number[] };
    // Messages per CPU-second of the process: the cost whatever the neighbours on this shared machine do.
    const cpuRates = { parse: [] as number[], import: [] as number[] };
    const rss = { parse: [] as number[], import: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      const parse = runMeasured(["--input-type=module", "-e", baselineScript(mbox)]);
      if (Number(parse.stdout.trim()) !== MESSAGES) throw new Error(`baseline parsed ${parse.stdout}`);
      rates.parse.push((MESSAGES / parse.ms) * 1000);
      cpuRates.parse.push((MESSAGES / parse.cpuMs) * 1000);
      rss.parse.push(parse.peakRssMb);

      const ws = await mkdtemp(join(tmpdir(), "outreach-bench-inbox-"));
      made.push(ws);
      await cp(base, ws, { recursive: true });
      const run = runMeasured([...cli, "-w", ws, "inbox", "import", CAMPAIGN, mbox, "--format", "json"]);
      const result = JSON.parse(run.stdout) as { messages: number };
      if (result.messages !== MESSAGES) throw new Error(`import read ${result.messages} messages`);
      rates.import.push((MESSAGES / run.ms) * 1000);
      cpuRates.import.push((MESSAGES / run.cpuMs) * 1000);
      rss.import.push(run.peakRssMb);
    }
    const parseRate = median(rates.parse);
    const importRate = median(rates.import);
    report(`baseline: mailparser alone over the ${MESSAGES}-message mbox`, parseRate, "messages/s");
    report(`inbox import of a ${MESSAGES}-message mbox (built CLI, whole run)`, importRate, "messages/s", {
      op: ">=",
      value: 500,
    });
    report("inbox import vs mailparser alone (ratio)", importRate / parseRate, "x");
    report("baseline per CPU-second", median(cpuRates.parse), "messages/cpu-s");
    report("inbox import per CPU-second", median(cpuRates.import), "messages/cpu-s");
    report(
      "inbox import vs mailparser alone per CPU-second (ratio)",
      median(cpuRates.import) / median(cpuRates.parse),
      "x",
    );
    report("baseline peak RSS", median(rss.parse), "MB");
    report(`inbox import of a ${MESSAGES}-message mbox, peak RSS`, median(rss.import), "MB", {
      op: "<=",
      value: 250,
    });
  } finally {
    for (const dir of made) await rm(dir, { recursive: true, force: true });
  }
}

await main();
