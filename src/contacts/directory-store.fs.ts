/**
 * The directory store, `contacts/directory.csv`: read and written with the fast CSV reader and writer
 * (src/core/csv-read.ts, src/core/csv-write.ts; every row validated, every problem reported with its line; output byte-identical to
 * csv-stringify with edge spaces quoted, checked by a test), through a temp file and a rename so a
 * crash or a full disk never leaves half a directory.
 * The store is also the file organisers open in a spreadsheet, and it holds text crawled from the web,
 * so it is written like every export: formula-like cells get a leading `'` (src/core/csv-write.ts), which
 * reading removes again, so a value round-trips exactly.
 */
import { readFileSync } from "node:fs";
import { CsvSyntaxError, forEachCsvRecord } from "../core/csv-read.js";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import { formatCsvRow, formatCsvRows, restoreCsvCells } from "../core/csv-write.js";
import { InputError, isOutreachError, type Problem } from "../core/errors.js";
import { statRegularFile } from "../core/regular-file.fs.js";
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
    // A FIFO or a device would block the read below: refused first (stat never blocks).
    await statRegularFile(path);
    // One blocking read that decodes as it reads (Node's readFileUtf8): no Buffer and no second copy.
    // A 100,000-contact directory read as bytes and then decoded left a 15 MB buffer, promoted by the
    // collection that the decode itself set off, and a 15 MB external copy of the text, until the next
    // full collection. Invalid bytes become U+FFFD either way.
    text = readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { contacts: [], problems: [], lines: [] };
    if (isOutreachError(e)) throw e;
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
  let positions: Int32Array = new Int32Array(0);
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
        problems.push({
          file,
          line,
          message: `has ${record.length} fields, the header has ${header.length}`,
        });
        return;
      }
      const parsed = parseDirectoryCells(restoreCsvCells(record), positions, file, line, interner);
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

/** Rows per chunk written: about 100 KB of text, small enough to stay out of V8's large-object space. */
const ROWS_PER_CHUNK = 400;
/** Bytes gathered before a write: one write per megabyte, not one per row or per chunk. */
const WRITE_BYTES = 1 << 20;

/** Serialise contacts as CSV chunks: header, then rows sorted by country, organisation, name, id. */
export async function* stringifyDirectory(contacts: readonly Contact[]): AsyncIterable<string | Uint8Array> {
  const sorted = sortContacts(contacts);
  yield formatCsvRows([DIRECTORY_COLUMNS]);
  // Text is built in small chunks (large strings are markedly slower to build) and encoded into a
  // buffer written once it is full, so a large directory is never one whole-file string either.
  let buffer = Buffer.allocUnsafe(WRITE_BYTES * 2);
  let used = 0;
  for (let i = 0; i < sorted.length; i += ROWS_PER_CHUNK) {
    const lines: string[] = [];
    const end = Math.min(i + ROWS_PER_CHUNK, sorted.length);
    for (let j = i; j < end; j++) lines.push(formatCsvRow(contactToRow(sorted[j] as Contact)));
    const text = lines.join("\n") + "\n";
    // At most 3 UTF-8 bytes per UTF-16 code unit: a chunk that might not fit goes after a flush, or
    // on its own when even an empty buffer might be too small (rows with very long fields).
    if (used + text.length * 3 > buffer.length && used > 0) {
      yield buffer.subarray(0, used);
      buffer = Buffer.allocUnsafe(buffer.length);
      used = 0;
    }
    if (text.length * 3 > buffer.length) yield text;
    else used += buffer.write(text, used);
    if (used >= WRITE_BYTES) {
      yield buffer.subarray(0, used);
      buffer = Buffer.allocUnsafe(buffer.length);
      used = 0;
      // A turn of the microtask queue per megabyte; the writer's own awaits are what let I/O and
      // signal handlers run.
      await Promise.resolve();
    }
  }
  if (used > 0) yield buffer.subarray(0, used);
}

export type FileWriter = (path: string, data: string | AsyncIterable<string | Uint8Array>) => Promise<void>;

/** Write the whole directory atomically (temp file, fsync, rename). `writer` is replaceable for failure tests. */
export async function writeDirectory(
  path: string,
  contacts: readonly Contact[],
  writer: FileWriter = writeFileAtomic,
): Promise<void> {
  await writer(path, stringifyDirectory(contacts));
}
