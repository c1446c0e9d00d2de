/**
 * Errors: one base class with a stable string `code`, a small set of categories, and an optional list
 * of problems (`file:line field: message`). The core throws these; only the CLI maps them to exit
 * codes and prints them. Tests assert `code`, never wording. The codes are a closed list
 * (`ERROR_CODES`, documented in docs/ERRORS.md).
 */

import type { ErrorCode } from "./error-codes.js";

export type { ErrorCode } from "./error-codes.js";

/** What kind of failure this is; the CLI turns the category into an exit code. */
export type ErrorCategory = "input" | "safety" | "failure";

/** One located problem in user input, reported together with all the others. */
export interface Problem {
  /** File (or logical source) the problem is in, e.g. `contacts/directory.csv`. */
  file?: string;
  /** 1-based line, when the source has lines. */
  line?: number;
  /** Field, column or JSON path. */
  field?: string;
  message: string;
  /** A stable code for this kind of problem (e.g. `E_TEMPLATE_HELPER`), when it has its own. */
  code?: ErrorCode;
  /** Errors block the command; warnings are shown and do not. */
  severity?: "error" | "warning";
}

export function formatProblem(p: Problem): string {
  const where = [p.file, p.line === undefined ? undefined : String(p.line)].filter(Boolean).join(":");
  const head = [where, p.field].filter(Boolean).join(" ");
  const message = p.code ? `[${p.code}] ${p.message}` : p.message;
  return head ? `${head}: ${message}` : message;
}

export interface OutreachErrorOptions {
  cause?: unknown;
  problems?: Problem[];
  /** A hint for the user on what to do next (e.g. the command that resumes). */
  hint?: string;
}

export class OutreachError extends Error {
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly problems: Problem[];
  readonly hint: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    category: ErrorCategory = "input",
    options: OutreachErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.category = category;
    this.problems = options.problems ?? [];
    this.hint = options.hint;
  }
}

/** Bad user input: files, rows, fields, arguments. Exit code 2. */
export class InputError extends OutreachError {
  constructor(code: ErrorCode, message: string, options: OutreachErrorOptions = {}) {
    super(code, message, "input", options);
  }
}

/** Bad or missing configuration. Exit code 2. */
export class ConfigError extends OutreachError {
  constructor(code: ErrorCode, message: string, options: OutreachErrorOptions = {}) {
    super(code, message, "input", options);
  }
}

/** The tool refuses to go on because going on could do harm (lock held, unreviewed letter, auth failure). Exit code 3. */
export class SafetyError extends OutreachError {
  constructor(code: ErrorCode, message: string, options: OutreachErrorOptions = {}) {
    super(code, message, "safety", options);
  }
}

/** An operation failed for reasons outside the input (I/O, network). Exit code 1. */
export class OperationError extends OutreachError {
  constructor(code: ErrorCode, message: string, options: OutreachErrorOptions = {}) {
    super(code, message, "failure", options);
  }
}

export function isOutreachError(e: unknown): e is OutreachError {
  return e instanceof OutreachError;
}

/** Throw an InputError carrying every problem at once when any of them is an error. */
export function throwIfProblems(code: ErrorCode, summary: string, problems: Problem[]): void {
  const errors = problems.filter((p) => (p.severity ?? "error") === "error");
  if (errors.length > 0) throw new InputError(code, summary, { problems: errors });
}
