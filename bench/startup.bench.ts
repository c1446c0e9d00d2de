/**
 * Start-up of the built CLI in fresh processes: `outreach --help` (target ≤ 300 ms and ≤ 2.5× a bare
 * `node -e 0` measured in the same run), `outreach send --help` (its definition, not the send stack) and
 * `outreach status` on the example campaign (target ≤ 400 ms). Rounds are interleaved, so a burst of load
 * from elsewhere hits every figure alike; each figure is the median.
 */
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { buildCli, REPO } from "./cli-process.js";
import { median, report, timed } from "./measure.js";

const ROUNDS = 9;

/** The built CLI: start-up is measured on the bundle users run, never under the tsx loader. */
async function builtCli(): Promise<string> {
  const [cli, ...rest] = await buildCli();
  if (!cli || rest.length > 0)
    throw new Error("startup bench: `npm run build` did not bundle dist/cli/main.js");
  return cli;
}

async function exampleWorkspace(): Promise<string> {
  const ws = await mkdtemp(join(tmpdir(), "outreach-bench-startup-"));
  for (const sub of ["contacts", "campaigns", "templates"]) {
    await cp(join(REPO, sub), join(ws, sub), {
      recursive: true,
      filter: (src) => !/(outbox|ledger\.jsonl|\.lock|report\.html|partners)$/.test(src),
    });
  }
  return ws;
}

async function wall(args: string[], cwd: string): Promise<number> {
  const { ms, value } = await timed(() => spawnSync(process.execPath, args, { cwd, stdio: "ignore" }));
  if (value.status !== 0) throw new Error(`node ${args.join(" ")} exited ${value.status ?? value.signal}`);
  return ms;
}

const cli = await builtCli();
const ws = await exampleWorkspace();
try {
  const runs = {
    node: [] as number[],
    help: [] as number[],
    sendHelp: [] as number[],
    status: [] as number[],
  };
  await wall([cli, "--help"], ws); // warm the file cache once, as a user's second call would
  for (let i = 0; i < ROUNDS; i++) {
    runs.node.push(await wall(["-e", "0"], ws));
    runs.help.push(await wall([cli, "--help"], ws));
    runs.sendHelp.push(await wall([cli, "send", "--help"], ws));
    runs.status.push(await wall([cli, "-w", ws, "status", "wcit-2012"], ws));
  }
  const node = median(runs.node);
  const help = median(runs.help);
  const status = median(runs.status);
  console.log(`${ROUNDS} interleaved rounds, medians; load average ${loadavg()[0]?.toFixed(2)}`);
  report("baseline: bare `node -e 0`", node, "ms");
  report("outreach --help, fresh process (built dist)", help, "ms", { op: "<=", value: 300 });
  report("outreach --help vs bare node", help / node, "x", { op: "<=", value: 2.5 });
  report("outreach send --help, fresh process", median(runs.sendHelp), "ms");
  report("outreach status wcit-2012 (example), fresh process", status, "ms", { op: "<=", value: 400 });
  report("outreach status vs bare node", status / node, "x");
} finally {
  await rm(ws, { recursive: true, force: true });
}
