/**
 * Reading and writing a campaign's `signatories.csv` for rolling sign-on. Input: the file's path.
 * Output: every row (any status). Effects: reads the file; writes it atomically with the spreadsheet-safe
 * CSV writer, every column (`SIGNATORY_FILE_COLUMNS`) and then the user's own columns (`website`,
 * `notes`…) in their order, so a legacy three-column file gains the others on its first change (its rows
 * stay approved, the original list) and loses nothing. A file with bad rows is never written back (the bad
 * rows would be lost): E_SIGNATORIES_INVALID lists them. A write is a compare-and-swap: when the file's
 * bytes changed since they were read (another `signatories` command, a spreadsheet), nothing is written
 * and E_SIGNATORIES_CHANGED asks for the command to be run again, so no update is lost.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import { InputError, OperationError, type Problem } from "../core/errors.js";
import { formatCsvRows } from "../core/csv-write.js";
import {
  approvedList,
  parseSignatoryEntries,
  SIGNATORY_FILE_COLUMNS,
  type SignatoryEntry,
} from "./signatory-schema.js";
import { signatoryRevision } from "./signatory-intake.js";

export interface SignatoriesFile {
  entries: SignatoryEntry[];
  /** The columns outreach does not know, in the file's order (each entry's `extra` cells). */
  extraColumns: string[];
  /** False when the file does not exist yet (it is written on the first change). */
  exists: boolean;
  /** sha256 of the bytes read ("" when the file did not exist): what a write compares against. */
  hash: string;
  /** Bad pending rows, when read only to look (`forRewrite: false`). */
  warnings: Problem[];
}

export interface ReadSignatoriesOptions {
  /**
   * The caller will write the file back: a bad pending row is then an error too (it would be lost). A
   * reader that only looks gets it as a warning.
   */
  forRewrite: boolean;
}

/** Every row; E_SIGNATORIES_INVALID (with every bad row) when a row is bad. */
export async function readSignatoriesFile(
  path: string,
  shown: string,
  options: ReadSignatoriesOptions = { forRewrite: true },
): Promise<SignatoriesFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT")
      return { entries: [], extraColumns: [], exists: false, hash: "", warnings: [] };
    throw new InputError("E_SIGNATORIES_INVALID", `cannot read ${shown}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  const parsed = parseSignatoryEntries(bytes.toString("utf8"), shown);
  const errors = parsed.problems.filter((p) => (p.severity ?? "error") === "error");
  if (options.forRewrite) errors.push(...parsed.pendingProblems);
  if (errors.length > 0) {
    throw new InputError("E_SIGNATORIES_INVALID", `${shown} has rows that need fixing first`, {
      problems: errors,
      hint: "fix them in a spreadsheet or text editor; nothing was changed",
    });
  }
  const warnings = options.forRewrite
    ? []
    : parsed.pendingProblems.map((p) => ({ ...p, severity: "warning" as const }));
  const { entries, extraColumns } = parsed;
  return { entries, extraColumns, exists: true, hash: hashOf(bytes), warnings };
}

function hashOf(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * The file's text for `entries`: every column, then `extraColumns` (each entry's `extra` cells; empty for
 * a new row), one row each, cells neutralised against formulas.
 */
export function formatSignatoriesCsv(
  entries: readonly SignatoryEntry[],
  extraColumns: readonly string[] = [],
): string {
  const rows = entries.map((e) => [
    ...SIGNATORY_FILE_COLUMNS.map((c) => (c === "status" ? (e.status ?? "approved") : (e[c] ?? ""))),
    ...extraColumns.map((_, i) => e.extra?.[i] ?? ""),
  ]);
  return formatCsvRows([[...SIGNATORY_FILE_COLUMNS, ...extraColumns], ...rows]);
}

/**
 * Writes `entries` over the file `read` came from, unless the file changed since (its bytes, or it
 * appeared or vanished): then E_SIGNATORIES_CHANGED and the file is left as the other writer left it.
 * `doing` names the command for the message ("approving").
 */
export async function writeSignatoriesFile(
  path: string,
  shown: string,
  read: Pick<SignatoriesFile, "hash" | "extraColumns">,
  entries: readonly SignatoryEntry[],
  doing: string,
): Promise<void> {
  const beforeRename = async () => {
    const now = await readFile(path).then(hashOf, (e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return "";
      throw e;
    });
    if (now !== read.hash) {
      throw new OperationError(
        "E_SIGNATORIES_CHANGED",
        `${shown} changed while ${doing}; run the command again`,
        { hint: "another command or a person wrote the file meanwhile; nothing of this run was written" },
      );
    }
  };
  await writeFileAtomic(path, formatSignatoriesCsv(entries, read.extraColumns), { beforeRename });
}

/**
 * The revision of the approved list in the file, as letters rendered now carry it; undefined when the
 * file is missing or unreadable (status then cannot compare, and says nothing).
 */
export async function readSignatoryRevision(path: string): Promise<string | undefined> {
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const signatories = approvedList(parseSignatoryEntries(text, path).entries, path);
  return signatories.length ? signatoryRevision(signatories) : undefined;
}
