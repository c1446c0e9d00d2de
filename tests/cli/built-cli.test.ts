/**
 * The CLI users run is the bundle `npm run build` writes (scripts/bundle-cli.mjs): dist/cli/main.js and its
 * chunks in dist/cli/chunks/. Run here as a real process, the way `npm start` and the `bin` run it: what
 * depends on a module's own location (package.json, the shipped example, schemas) must hold from a chunk
 * too. Built first when dist is missing or older than the sources.
 */
import { execFile, spawn } from "node:child_process";
import { mkdir, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { COMMAND_TABLE } from "../../src/cli/command-table.js";
import {
  collectRun,
  copyExampleWorkspace,
  makeTempDir,
  REPO_ROOT,
  runInProcess,
  type CliRun,
} from "../helpers/cli.js";
import { HEAVY_PACKAGES, modulesLoadedBy } from "../helpers/module-loads.js";

const MAIN = join(REPO_ROOT, "dist/cli/main.js");

/** What the build reads: a newer one of these means dist/ is stale. */
const BUILD_INPUTS = [
  "src",
  "scripts/bundle-cli.mjs",
  "package.json",
  "tsconfig.json",
  "tsconfig.build.json",
];

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((e) => newestMtime(join(path, e))));
  return Math.max(info.mtimeMs, ...times);
}

/** `npm run build` unless dist/cli/main.js is a bundle newer than everything it is built from. */
async function ensureBuilt(): Promise<void> {
  const built = await stat(MAIN).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const sources = Math.max(...(await Promise.all(BUILD_INPUTS.map((p) => newestMtime(join(REPO_ROOT, p))))));
  // A bare `tsc -p tsconfig.build.json` after the build leaves a fresh but unbundled main.js.
  const bundled = built > 0 && (await readFile(MAIN, "utf8")).includes("./chunks/");
  if (built > sources && bundled) return;
  await promisify(execFile)("npm", ["run", "build"], { cwd: REPO_ROOT, maxBuffer: 1 << 24 });
}

/** `node dist/cli/main.js <args>` in `cwd`. */
async function runBuilt(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return collectRun(
    spawn(process.execPath, [MAIN, ...args], {
      cwd,
      env: { ...process.env, ...env, FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
}

describe("the built CLI (dist/cli/main.js, bundled)", () => {
  beforeAll(ensureBuilt, 300_000);

  it("is one executable file with its source map; each command's modules are chunks of their own", async () => {
    const main = await readFile(MAIN, "utf8");
    expect(main.startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(main).toMatch(/\/\/# sourceMappingURL=main\.js\.map\s*$/);
    const map = JSON.parse(await readFile(`${MAIN}.map`, "utf8")) as { sources: string[] };
    expect(map.sources).toContain("../../src/cli/main.ts");
    const chunks = await readdir(join(REPO_ROOT, "dist/cli/chunks"));
    expect(chunks.filter((f) => /^status-[\w-]+\.js$/.test(f)).length).toBeGreaterThanOrEqual(1);
    expect(chunks.filter((f) => /^send-[\w-]+\.js$/.test(f)).length).toBeGreaterThanOrEqual(1);
    // zod is bundled (its locales tree-shaken); every other package stays an import from node_modules.
    expect(chunks.some((f) => /^zod-[\w-]+\.js$/.test(f))).toBe(true);
  });

  it("--version prints package.json's version, --help every command", async () => {
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    const version = await runBuilt(["--version"], REPO_ROOT);
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await runBuilt(["--help"], REPO_ROOT);
    expect(help.code).toBe(0);
    for (const entry of COMMAND_TABLE) expect(help.stdout).toContain(entry.term);
  });

  it("status on the example prints what the sources print, loading only its chunks", async () => {
    const ws = await copyExampleWorkspace();
    const built = await runBuilt(["-w", ws, "status", "wcit-2012"], ws);
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    const source = await runInProcess(["-w", ws, "status", "wcit-2012"], { workspace: ws });
    expect(built.stdout).toBe(source.stdout);

    const loads = await modulesLoadedBy(["-w", ws, "status", "wcit-2012"], { cwd: ws, built: true });
    expect(loads.code).toBe(0);
    // Our code and zod come from the bundle; the only package loaded from node_modules is commander.
    expect(loads.files.filter((f) => !/^(dist\/cli|node_modules)\//.test(f))).toEqual([]);
    expect([...loads.packages]).toEqual(["commander"]);
    expect(HEAVY_PACKAGES.filter((p) => loads.packages.has(p))).toEqual([]);
    // The sources load ~70 of our modules and 95 of zod's; the bundle a few dozen chunks.
    expect(loads.files.filter((f) => f.startsWith("dist/cli/")).length).toBeLessThan(60);
  });

  it("with OUTREACH_DEBUG=1 an internal error's stack points into src/ through the source maps", async () => {
    const ws = await copyExampleWorkspace();
    // Any error outreach did not foresee will do: a ledger that is a folder is one today.
    await mkdir(join(ws, "campaigns/wcit-2012/ledger.jsonl"));
    const run = await runBuilt(["-w", ws, "status", "wcit-2012"], ws, { OUTREACH_DEBUG: "1" });
    expect(run.stderr).toContain("error [E_UNEXPECTED]");
    expect(run.stderr).toMatch(/^\s+at .*\bsrc\/cli\/commands\/status\.ts:\d+:\d+\)$/m);
  });

  it("init scaffolds a workspace from the package's own files", async () => {
    const dir = join(await makeTempDir(), "ws");
    const run = await runBuilt(["init", dir], await makeTempDir());
    expect(run.code).toBe(0);
    for (const file of [
      "config.example.json",
      "contacts/itu-member-states.csv",
      "schemas/config.schema.json",
    ]) {
      const copy = file === "config.example.json" ? "config.json" : file;
      expect(await readFile(join(dir, copy), "utf8")).toBe(await readFile(join(REPO_ROOT, file), "utf8"));
    }
  });

  it("demo (what `npm start` runs) goes end to end and says where report.html is", async () => {
    const dir = join(await makeTempDir(), "demo");
    const run = await runBuilt(["demo", dir], await makeTempDir());
    expect(run.code, run.stderr).toBe(0);
    const report = /^Report: (.+)$/m.exec(run.stdout)?.[1];
    expect(report).toBe(join(dir, "campaigns/wcit-2012/report.html"));
    expect((await stat(report ?? "")).size).toBeGreaterThan(0);
  }, 120_000);

  it("the library entry dist/index.js (tsc's, not bundled) still imports", async () => {
    const script =
      "const m = await import('./dist/index.js'); if (typeof m.runCli !== 'function') process.exit(3);";
    const { stderr } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
      cwd: REPO_ROOT,
    });
    expect(stderr).toBe("");
  });
});
