import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/cli.js";

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".ts")).map((e) => join(e.parentPath, e.name));
}

describe("error codes", () => {
  it("every code thrown in src/ is documented in docs/ERRORS.md", async () => {
    const codes = new Set<string>();
    for (const file of await sourceFiles(join(REPO_ROOT, "src"))) {
      for (const m of (await readFile(file, "utf8")).matchAll(/["'`](E_[A-Z0-9_]+)["'`]/g))
        codes.add(m[1] ?? "");
    }
    const doc = await readFile(join(REPO_ROOT, "docs/ERRORS.md"), "utf8");
    const missing = [...codes].filter((c) => !doc.includes(`\`${c}\``)).sort();
    expect(codes.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
