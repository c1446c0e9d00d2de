/**
 * The one conversion from schema issues (zod's `error.issues`) to located problems, so every file the tool
 * validates reports the same way: `file:line field: message`, the field being the issue's dotted path
 * (`smtp.port`, `letters.en.subject`).
 */
import type { Problem } from "./errors.js";

/** What a zod issue carries that a problem needs (structural, so the shared layer does not import zod). */
export interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

export interface ZodProblemOptions {
  /** The 1-based line the validated value came from (a CSV row). */
  line?: number;
  /** The field to name when an issue is about the whole value (an empty path); no field when absent. */
  rootField?: string;
  /** Set on every problem when given (absent means an error, see `Problem.severity`). */
  severity?: Problem["severity"];
}

/** One problem per issue, in zod's order. */
export function problemsFromZod(
  issues: readonly SchemaIssue[],
  file: string,
  options: ZodProblemOptions = {},
): Problem[] {
  return issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join(".") : options.rootField;
    return {
      file,
      ...(options.line !== undefined ? { line: options.line } : {}),
      ...(field !== undefined ? { field } : {}),
      message: issue.message,
      ...(options.severity !== undefined ? { severity: options.severity } : {}),
    };
  });
}
