/** Prints every file and function in src/ over the size limits (the same check as tests/architecture.test.ts). */
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { checkSizes, formatSizeViolation } from "../tests/architecture/check-sizes.js";

const root = process.cwd();
const entries = await readdir(join(root, "src"), { recursive: true, withFileTypes: true });
const files = await Promise.all(
  entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map(async (e) => {
      const abs = join(e.parentPath, e.name);
      return { path: relative(root, abs).split(sep).join("/"), text: await readFile(abs, "utf8") };
    }),
);
const found = checkSizes(files).sort((a, b) => b.lines - a.lines);
for (const v of found) console.log(formatSizeViolation(v));
console.log(`${found.length} over the limits`);
process.exitCode = found.length > 0 ? 1 : 0;
