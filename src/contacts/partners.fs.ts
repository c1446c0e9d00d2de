/** Reads `contacts/partners.csv`, the national partner groups. */
import { readFile } from "node:fs/promises";
import { InputError, throwIfProblems } from "../core/errors.js";
import type { Partner } from "./partner-schema.js";
import { parsePartnersCsv } from "./reference-csv.js";

/** Every partner, validated. A missing file means no partners; a bad row is an InputError listing every problem. */
export async function readPartners(path: string): Promise<Partner[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new InputError("E_PARTNERS_READ", `cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
  const { rows, problems } = parsePartnersCsv(text, path);
  throwIfProblems("E_PARTNERS_INVALID", `${path}: ${problems.length} problem(s)`, problems);
  return rows;
}
