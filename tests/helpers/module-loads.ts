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

/** The packages of the send, render, crawl, publish, DNS-check and translation stacks: loaded only by them. */
export const HEAVY_PACKAGES = [
  "nodemailer",
  "mjml",
  "handlebars",
  "cheerio",
  "undici",
  "smtp-server",
  "mailparser",
  "postal-mime",
  "playwright-core",
  "mailauth",
  "gettext-parser",
];

const LOADER_PACKAGES = new Set(["tsx", "esbuild"]);

/**
 * Run `outreach <args>` and list the modules it loaded: from source through tsx, as `spawnCli` does, or
 * (`built`) the bundle users run, dist/cli/main.js (`npm run build` first).
 */
export async function modulesLoadedBy(
  args: string[],
  options: { cwd: string; built?: boolean },
): Promise<ModuleLoads> {
  const record = join(await makeTempDir("outreach-loads-"), "loads.txt");
  const tsx = pathToFileURL(join(REPO_ROOT, "node_modules/tsx/dist/loader.mjs")).href;
  const recorder = pathToFileURL(join(REPO_ROOT, "tests/helpers/module-loads.register.mjs")).href;
  const entry = options.built
    ? [join(REPO_ROOT, "dist/cli/main.js")]
    : ["--import", tsx, join(REPO_ROOT, "src/cli/main.ts")];
  const child = spawn(process.execPath, ["--import", recorder, ...entry, ...args], {
    cwd: options.cwd,
    env: { ...process.env, OUTREACH_MODULE_LOADS: record, FORCE_COLOR: "0" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? -1)));
  const root = `${pathToFileURL(REPO_ROOT).href}/`;
  const urls = (await readFile(record, "utf8")).split("\n").filter((url) => url !== "");
  const files = urls
    .filter((url) => url.startsWith(root))
    .map((url) => url.slice(root.length).replace(/\?.*$/, ""));
  // By the URL's last node_modules/, not only under the root: node_modules may be a symlink (a git
  // worktree's), and the loader records the real path it points to. tsx and the esbuild it compiles with
  // are the loader running the sources, not the program.
  const packages = new Set(
    urls.flatMap((url) => {
      const at = url.lastIndexOf("/node_modules/");
      if (at < 0) return [];
      const [scope, name] = url.slice(at + "/node_modules/".length).split("/");
      const pkg = scope?.startsWith("@") ? `${scope}/${name ?? ""}` : (scope ?? "");
      return LOADER_PACKAGES.has(pkg) ? [] : [pkg];
    }),
  );
  return { code, files, packages };
}
