import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, isErrorCode } from "../../src/core/error-codes.js";
import { REPO_ROOT } from "../helpers/cli.js";

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".ts")).map((e) => join(e.parentPath, e.name));
}

/** The codes docs/ERRORS.md documents: the first cell of each table row, e.g. "| `E_USAGE` | 2 | ...". */
async function documentedCodes(): Promise<string[]> {
  const doc = await readFile(join(REPO_ROOT, "docs/ERRORS.md"), "utf8");
  return [...doc.matchAll(/^\|\s*`(E_[A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1] ?? "");
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

  it("ERROR_CODES and the table rows of docs/ERRORS.md are the same set, each listed once", async () => {
    const documented = await documentedCodes();
    const known = new Set<string>(ERROR_CODES);
    expect(documented.length).toBeGreaterThan(10);
    expect(documented.filter((c) => !known.has(c)).sort(), "documented but not in ERROR_CODES").toEqual([]);
    expect(
      ERROR_CODES.filter((c) => !documented.includes(c)).sort(),
      "in ERROR_CODES but not documented",
    ).toEqual([]);
    expect(new Set(ERROR_CODES).size, "ERROR_CODES has duplicates").toBe(ERROR_CODES.length);
    expect(new Set(documented).size, "docs/ERRORS.md documents a code twice").toBe(documented.length);
  });

  it("isErrorCode tells a known code from any other string", () => {
    expect(isErrorCode("E_USAGE")).toBe(true);
    expect(isErrorCode("E_NOT_A_REAL_CODE")).toBe(false);
    expect(isErrorCode("e_usage")).toBe(false);
  });
});
