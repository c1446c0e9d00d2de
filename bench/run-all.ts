/**
 * `npm run bench`: runs every `bench/*.bench.ts` in its own process (so peak RSS is per benchmark) and
 * prints one line per figure. Each script prints its own `figure: value (ratio vs baseline, target)` lines.
 * Pass names to run a subset: `npm run bench -- render send`.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const script of scripts) {
  console.log(`# ${script}`);
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", join(dir, script)], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (run.status !== 0) {
    failed += 1;
    console.log(`# ${script} FAILED (exit ${run.status ?? run.signal})`);
  }
}
process.exitCode = failed ? 1 : 0;
