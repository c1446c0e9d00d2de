/**
 * The directory store, `contacts/directory.csv`: read with csv-parse (every row validated, every
 * problem reported with its line), written with csv-stringify through a temp file and a rename so a
 * crash or a full disk never leaves half a directory.
 */
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import { InputError, type Problem } from "../core/errors.js";
import { DIRECTORY_COLUMNS, type Contact } from "./contact-schema.js";
import {
  checkDirectoryHeader,
  contactToRow,
  findDuplicateIds,
  parseDirectoryRecord,
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
export async function parseDirectoryText(text: string, file: string): Promise<DirectoryReadResult> {
  const contacts: Contact[] = [];
  const lines: number[] = [];
  const problems: Problem[] = [];
  if (text.trim() === "") return { contacts, problems, lines };
  const parser = parse({ info: true, relax_column_count: true, skip_empty_lines: false });
  parser.end(text);
  let header: string[] | undefined;
  let previousEnd = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = previousEnd + 1;
      previousEnd = item.info.lines;
      const record = item.record;
      if (header === undefined) {
        header = record.map((h) => h.trim());
        problems.push(...checkDirectoryHeader(header, file));
        if (problems.length > 0) return { contacts, problems, lines };
        continue;
      }
      if (record.length === 1 && record[0] === "") continue;
      if (record.length > header.length && record.slice(header.length).some((v) => v !== "")) {
        problems.push({ file, line, message: `has ${record.length} fields, the header has ${header.length}` });
        continue;
      }
      const byColumn: Record<string, string> = {};
      header.forEach((column, i) => (byColumn[column] = record[i] ?? ""));
      const parsed = parseDirectoryRecord(byColumn, file, line);
      if (parsed.contact) {
        contacts.push(parsed.contact);
        lines.push(line);
      } else {
        problems.push(...parsed.problems);
      }
    }
  } catch (e) {
    const where = (e as { lines?: number }).lines;
    problems.push({ file, ...(where ? { line: where } : {}), message: `not valid CSV: ${(e as Error).message}` });
  }
  problems.push(...findDuplicateIds(contacts, lines, file));
  return { contacts, problems, lines };
}

/** Serialise contacts as CSV text chunks: header, then rows sorted by country, organisation, name, id. */
export function stringifyDirectory(contacts: readonly Contact[]): AsyncIterable<string | Uint8Array> {
  const stringifier = stringify({ header: true, columns: [...DIRECTORY_COLUMNS] });
  const sorted = sortContacts(contacts);
  // Feed the stringifier in the background; the atomic writer pulls chunks as it writes.
  void (async () => {
    try {
      for (const contact of sorted) {
        if (!stringifier.write(contactToRow(contact))) {
          await new Promise<void>((resolve) => stringifier.once("drain", () => resolve()));
        }
      }
      stringifier.end();
    } catch (e) {
      stringifier.destroy(e as Error);
    }
  })();
  return stringifier as AsyncIterable<string | Uint8Array>;
}

export type FileWriter = (path: string, data: string | AsyncIterable<string | Uint8Array>) => Promise<void>;

/** Write the whole directory atomically (temp file, fsync, rename). `writer` is replaceable for failure tests. */
export async function writeDirectory(path: string, contacts: readonly Contact[], writer: FileWriter = writeFileAtomic): Promise<void> {
  await writer(path, stringifyDirectory(contacts));
}
