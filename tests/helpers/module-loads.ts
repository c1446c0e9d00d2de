/** Which modules a whole CLI process loads: a loader hook records each one (no mocks, the real start-up). */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { makeTempDir, REPO_ROOT } from "./cli.js";

export interface ModuleLoads {
  code: number;
  /** Repository files, relative to the root: `src/cli/program.ts`, `node_modules/zod/…`. */
  files: string[];
  /** Packages from node_modules, by name. */
  packages: Set<string>;
}

/** Run `outreach <args>` (through tsx, as `spawnCli` does) and list the modules it loaded. */
export async function modulesLoadedBy(args: string[], options: { cwd: string }): Promise<ModuleLoads> {
  const record = join(await makeTempDir("outreach-loads-"), "loads.txt");
  const tsx = pathToFileURL(join(REPO_ROOT, "node_modules/tsx/dist/loader.mjs")).href;
  const recorder = pathToFileURL(join(REPO_ROOT, "tests/helpers/module-loads.register.mjs")).href;
  const child = spawn(
    process.execPath,
    ["--import", tsx, "--import", recorder, join(REPO_ROOT, "src/cli/main.ts"), ...args],
    {
      cwd: options.cwd,
      env: { ...process.env, OUTREACH_MODULE_LOADS: record, FORCE_COLOR: "0" },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? -1)));
  const root = `${pathToFileURL(REPO_ROOT).href}/`;
  const files = (await readFile(record, "utf8"))
    .split("\n")
    .filter((url) => url.startsWith(root))
    .map((url) => url.slice(root.length).replace(/\?.*$/, ""));
  const packages = new Set(
    files
      .filter((f) => f.startsWith("node_modules/"))
      .map((f) => {
        const [scope, name] = f.slice("node_modules/".length).split("/");
        return scope?.startsWith("@") ? `${scope}/${name ?? ""}` : (scope ?? "");
      }),
  );
  return { code, files, packages };
}
