/** Test helpers for whole-CLI runs: in-process (fast) and as a child process (for signals and crashes). */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { mkdtemp, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import type { Clock } from "../../src/core/clock.js";
import { runCli } from "../../src/cli/run.js";

export const REPO_ROOT = resolve(import.meta.dirname, "../..");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runInProcess(
  args: string[],
  options: { workspace?: string; env?: NodeJS.ProcessEnv; clock?: Clock; signal?: AbortSignal } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    ...(options.workspace !== undefined ? { workspace: options.workspace } : {}),
    env: options.env ?? {},
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    interactive: false,
  });
  return { code, stdout, stderr };
}

/** Spawn `outreach` as a real process (through tsx, no build needed). */
export function spawnCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  // tsx by absolute path: a temp workspace (the cwd) has no node_modules to resolve a bare `--import tsx` from.
  const tsxLoader = pathToFileURL(join(REPO_ROOT, "node_modules/tsx/dist/loader.mjs")).href;
  return spawn(process.execPath, ["--import", tsxLoader, join(REPO_ROOT, "src/cli/main.ts"), ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export async function runChild(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<CliRun> {
  return collectRun(spawnCli(args, options));
}

/** What a child process printed and its exit code, once it has closed. */
export async function collectRun(child: ChildProcessByStdio<null, Readable, Readable>): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((res) => child.on("close", (c) => res(c ?? -1)));
  return { code, stdout, stderr };
}

/** A fresh temporary folder. */
export function makeTempDir(prefix = "outreach-test-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Copy the bundled example workspace (contacts/, campaigns/, templates/) to a temp folder. */
export async function copyExampleWorkspace(): Promise<string> {
  const dir = await makeTempDir("outreach-ws-");
  for (const sub of ["contacts", "campaigns", "templates"]) {
    await cp(join(REPO_ROOT, sub), join(dir, sub), {
      recursive: true,
      filter: (src) => !/(outbox|ledger\.jsonl|\.lock|report\.html|\.cache)$/.test(src),
    });
  }
  return dir;
}
