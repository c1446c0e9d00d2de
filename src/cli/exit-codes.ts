import { isOutreachError, type ErrorCategory } from "../core/errors.js";

/** The one table of exit codes (README copies it). */
export const EXIT_CODES = {
  success: 0,
  /** The command ran to the end but some items failed (messages failed, pages failed, rows rejected). */
  finishedWithFailures: 1,
  /** Invalid input, configuration or usage. */
  invalidInput: 2,
  /** Refused for safety: lock held, unreviewed translation, uncertain messages pending, SMTP auth/TLS failure. */
  refusedForSafety: 3,
} as const;

const byCategory: Record<ErrorCategory, number> = {
  input: EXIT_CODES.invalidInput,
  safety: EXIT_CODES.refusedForSafety,
  failure: EXIT_CODES.finishedWithFailures,
};

export function exitCodeForError(error: unknown): number {
  if (isOutreachError(error)) return byCategory[error.category];
  const code = (error as { code?: string } | undefined)?.code;
  if (typeof code === "string" && code.startsWith("commander.")) return EXIT_CODES.invalidInput;
  return EXIT_CODES.finishedWithFailures;
}
