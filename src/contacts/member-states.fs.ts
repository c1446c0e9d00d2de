/** Reads `contacts/itu-member-states.csv`, the reference list of ITU member states (and observers). */
import { readFile } from "node:fs/promises";
import { InputError, throwIfProblems } from "../core/errors.js";
import type { MemberState } from "./member-state-schema.js";
import { parseMemberStatesCsv } from "./reference-csv.js";

/** Every member state, validated; any bad row is an InputError listing every problem as file:line field. */
export async function readMemberStates(path: string): Promise<MemberState[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new InputError("E_MEMBER_STATES_READ", `cannot read ${path}: ${(e as Error).message}`, {
      cause: e,
      hint: "run `outreach init` to create a workspace with the member-state list",
    });
  }
  const { rows, problems } = parseMemberStatesCsv(text, path);
  throwIfProblems("E_MEMBER_STATES_INVALID", `${path}: ${problems.length} problem(s)`, problems);
  return rows;
}
