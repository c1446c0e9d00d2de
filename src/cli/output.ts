/** Output helpers shared by commands: tables for people, CSV and JSON for scripts, problem lists. */
import type { PlanEntry } from "../campaign/build-plan.js";
import { formatCsvRows } from "../core/csv-write.js";
import { InputError, formatProblem, type Problem } from "../core/errors.js";
import { cellText } from "../core/text-table.js";

// The table writer moved to the shared layer (the send stage uses it); commands still import it from here.
export { displayWidth, formatTable } from "../core/text-table.js";

export const OUTPUT_FORMATS = ["table", "csv", "json"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function parseFormat(value: string): OutputFormat {
  if ((OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new InputError("E_USAGE", `--format must be one of ${OUTPUT_FORMATS.join(", ")}, not "${value}"`);
}

/** CSV for scripts and spreadsheets, through the shared writer (formula-like cells neutralised). */
export function formatCsv(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return formatCsvRows([headers, ...rows.map((r) => r.map((c) => cellText(c)))]);
}

export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

/** A problem and whom it concerns (a contact, `GB gb-1a2b3c`), for the lists below. */
export interface ProblemNotice {
  problem: Problem;
  about?: string;
}

/** How many of those a problem concerns are named before "and N more". */
export const SHOWN_CONCERNED = 5;

/**
 * Problems that say the same thing (same code, place, field, message and severity) merged into one:
 * the same warning for many contacts, or from both the plan and the render checks, is one problem that
 * names who it concerns (`(3 contacts: GB gb-1, GB gb-2, FR fr-3)`, at most `shown` of them), in the
 * order first seen. Every command lists problems through this, so none repeats one.
 */
export function mergeProblems(
  notices: readonly (Problem | ProblemNotice)[],
  shown = SHOWN_CONCERNED,
): Problem[] {
  const groups = new Map<string, { problem: Problem; about: string[] }>();
  for (const notice of notices) {
    const { problem, about } = "problem" in notice ? notice : { problem: notice, about: undefined };
    const key = JSON.stringify([
      problem.severity ?? "error",
      problem.code,
      problem.file,
      problem.line,
      problem.field,
      problem.message,
    ]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { problem, about: [] }));
    if (about !== undefined && !group.about.includes(about)) group.about.push(about);
  }
  return [...groups.values()].map(({ problem, about }) => {
    if (about.length === 0) return problem;
    const more = about.length > shown ? ` and ${about.length - shown} more` : "";
    const noun = about.length === 1 ? "contact" : "contacts";
    return {
      ...problem,
      message: `${problem.message} (${about.length} ${noun}: ${about.slice(0, shown).join(", ")}${more})`,
    };
  });
}

/** Each plan entry's warnings as notices naming its contact (`GB gb-1a2b3c`), to be merged. */
export function contactNotices(entries: readonly PlanEntry[]): ProblemNotice[] {
  return entries.flatMap((e) =>
    e.warnings.map((message) => ({
      problem: { message, severity: "warning" as const },
      about: `${e.country} ${e.contact.id}`,
    })),
  );
}

/** The lines for problems, merged: `warning: file:line field: [CODE] message (2 contacts: …)`. */
export function formatProblemLines(notices: readonly (Problem | ProblemNotice)[]): string[] {
  return mergeProblems(notices).map((p) => `${p.severity ?? "error"}: ${formatProblem(p)}`);
}
