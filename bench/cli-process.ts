/** Running the built CLI as users run it, from the benchmarks: build once, spawn, read back peak RSS. */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";

export const REPO = resolve(import.meta.dirname, "..");

/**
 * Build the CLI as `npm run build` does: tsc (it emits even when someone's work in progress has type
 * errors), then the bundle that replaces dist/cli/main.js (scripts/bundle-cli.mjs); tsx if the bundle failed.
 */
export function buildCli(): Promise<string[]> {
  spawnSync(process.execPath, [join(REPO, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
    cwd: REPO,
    stdio: "ignore",
  });
  const bundle = spawnSync(process.execPath, [join(REPO, "scripts/bundle-cli.mjs")], {
    cwd: REPO,
    stdio: "ignore",
  });
  return Promise.resolve(
    bundle.status === 0
      ? [join(REPO, "dist/cli/main.js")]
      : ["--import", "tsx", join(REPO, "src/cli/main.ts")],
  );
}

/** Prints the process's peak RSS and CPU time when it exits; loaded with --import into the process under test. */
const RSS_PROBE = `data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("\\nPEAK_RSS_KB "+u.maxRSS+" CPU_US "+(u.userCPUTime+u.systemCPUTime)+"\\n")})`;

export interface MeasuredRun {
  ms: number;
  /** User plus system CPU time of the process: what the run costs, whatever the neighbours do. */
  cpuMs: number;
  peakRssMb: number;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` with the RSS probe; throws with the end of stderr when it fails. */
export function runMeasured(args: readonly string[]): MeasuredRun {
  const t = performance.now();
  const child = spawnSync(process.execPath, ["--import", RSS_PROBE, ...args], {
    cwd: REPO,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - t;
  const probe = /PEAK_RSS_KB (\d+) CPU_US (\d+)/.exec(child.stderr);
  const kb = Number(probe?.[1] ?? NaN);
  if (child.status !== 0 || !Number.isFinite(kb))
    throw new Error(`node ${args.join(" ")} failed (${child.status}): ${child.stderr.slice(-2000)}`);
  const cpuMs = Number(probe?.[2] ?? NaN) / 1000;
  return { ms, cpuMs, peakRssMb: kb / 1024, stdout: child.stdout, stderr: child.stderr };
}
