/**
 * The directory store, `contacts/directory.csv`: read and written with the fast CSV reader and writer in
 * csv-records.ts (every row validated, every problem reported with its line; output byte-identical to
 * csv-stringify with edge spaces quoted, checked by a test), through a temp file and a rename so a
 * crash or a full disk never leaves half a directory.
 */
import { readFile } from "node:fs/promises";
import { CsvSyntaxError, forEachCsvRecord, formatCsvRows } from "./csv-records.js";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import { InputError, type Problem } from "../core/errors.js";
import { DIRECTORY_COLUMNS, type Contact } from "./contact-schema.js";
import {
  CellInterner,
  checkDirectoryHeader,
  contactToRow,
  directoryColumnPositions,
  findDuplicateIds,
  parseDirectoryCells,
  sortContacts,
} from "./directory-rows.js";

export interface DirectoryReadResult {
  contacts: Contact[];
  problems: Problem[];
  /** The line each contact starts on in the file (same order as `contacts`), for messages. */
  lines: number[];
}

/** Read and validate the directory. A missing file is an empty directory; bad rows are left out and reported. */
export async function readDirectory(path: string): Promise<DirectoryReadResult> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { contacts: [], problems: [], lines: [] };
    throw new InputError("E_DIRECTORY_READ", `cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseDirectoryText(text, path);
}

/** Parse the text of a directory file (exported for tests and for reading from other sources). */
export function parseDirectoryText(text: string, file: string): DirectoryReadResult {
  const contacts: Contact[] = [];
  const lines: number[] = [];
  const problems: Problem[] = [];
  if (text.trim() === "") return { contacts, problems, lines };
  let header: string[] | undefined;
  let positions = new Int32Array(0);
  let headerOk = false;
  const interner = new CellInterner();
  try {
    forEachCsvRecord(text, ",", ({ fields: record, line, malformed }) => {
      if (header === undefined) {
        header = record.map((h) => h.trim());
        const headerProblems = checkDirectoryHeader(header, file);
        problems.push(...headerProblems);
        headerOk = headerProblems.length === 0;
        positions = directoryColumnPositions(new Map(header.map((h, i) => [h, i])));
        return;
      }
      if (!headerOk) return;
      if (record.length === 1 && record[0] === "") return;
      if (malformed !== undefined) {
        problems.push({ file, line, message: `not valid CSV: ${malformed}` });
        return;
      }
      if (record.length > header.length && record.slice(header.length).some((v) => v !== "")) {
        problems.push({ file, line, message: `has ${record.length} fields, the header has ${header.length}` });
        return;
      }
      const parsed = parseDirectoryCells(record, positions, file, line, interner);
      if (parsed.contact) {
        contacts.push(parsed.contact);
        lines.push(line);
      } else {
        problems.push(...parsed.problems);
      }
    });
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    problems.push({ file, line: e.line, message: `not valid CSV: ${e.message}` });
  }
  problems.push(...findDuplicateIds(contacts, lines, file));
  return { contacts, problems, lines };
}

/** Serialise contacts as CSV text chunks: header, then rows sorted by country, organisation, name, id. */
export async function* stringifyDirectory(contacts: readonly Contact[]): AsyncIterable<string> {
  const sorted = sortContacts(contacts);
  yield formatCsvRows([DIRECTORY_COLUMNS]);
  // Batches of rows: one write per batch, not per row, and no whole-file string for large directories.
  const batch = 2000;
  for (let i = 0; i < sorted.length; i += batch) {
    yield formatCsvRows(sorted.slice(i, i + batch).map(contactToRow));
    await Promise.resolve();
  }
}

export type FileWriter = (path: string, data: string | AsyncIterable<string | Uint8Array>) => Promise<void>;

/** Write the whole directory atomically (temp file, fsync, rename). `writer` is replaceable for failure tests. */
export async function writeDirectory(path: string, contacts: readonly Contact[], writer: FileWriter = writeFileAtomic): Promise<void> {
  await writer(path, stringifyDirectory(contacts));
}
