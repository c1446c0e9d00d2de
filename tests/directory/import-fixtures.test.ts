/**
 * Every messy fixture in tests/directory/fixtures/ gives its documented result (see the README there and
 * README, "Importing contacts"), nothing crashes, and nothing corrupts an existing directory.
 */
import { readFile, writeFile, mkdir, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readDirectory } from "../../src/contacts/directory-store.fs.js";
import { importDirectoryFile, type ImportReport } from "../../src/directory/import-directory.fs.js";
import { isOutreachError } from "../../src/core/errors.js";
import { makeTempDir, runInProcess } from "../helpers/cli.js";

const FIXTURES = resolve(import.meta.dirname, "fixtures");
const NOW = new Date("2026-11-29T09:00:00Z");

async function workspace(): Promise<string> {
  const ws = await makeTempDir("outreach-import-");
  await mkdir(join(ws, "contacts"), { recursive: true });
  return ws;
}

function fixture(name: string): string {
  return join(FIXTURES, name);
}

async function importFixture(
  ws: string,
  name: string,
  extra: Partial<Parameters<typeof importDirectoryFile>[0]> = {},
): Promise<ImportReport> {
  return importDirectoryFile({ workspace: ws, file: fixture(name), now: NOW, ...extra });
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isOutreachError(error) ? error.code : error).toBe(code);
}

describe("messy fixtures", () => {
  it("UTF-8 with BOM: the BOM does not end up in the first heading", async () => {
    const ws = await workspace();
    const r = await importFixture(ws, "bom-utf8.csv");
    expect(r.encoding).toBe("utf-8 (BOM)");
    expect(r.columns[0]).toEqual({ heading: "Country", field: "country" });
    expect([r.added, r.rejected]).toEqual([2, 0]);
  });

  it("semicolons, Spanish headings and Spanish country names", async () => {
    const ws = await workspace();
    const r = await importFixture(ws, "semicolon-es.csv");
    expect(r.delimiter).toBe(";");
    expect(r.columns.map((c) => c.field)).toEqual([
      "country",
      "organisation",
      "honorific",
      "name",
      "title",
      "email",
      "phone",
      "fax",
    ]);
    expect([r.added, r.rejected]).toEqual([4, 0]);
    const { contacts } = await readDirectory(join(ws, "contacts", "directory.csv"));
    expect(contacts.map((c) => c.country).sort()).toEqual(["AR", "MX", "PE", "US"]);
    const peru = contacts.find((c) => c.country === "PE");
    expect(peru?.email).toBe("");
    expect(peru?.fax).toBe("+51 1 555 0252");
  });

  it("tabs, French headings, Prénom + Nom joined into one name", async () => {
    const ws = await workspace();
    const r = await importFixture(ws, "tab-fr.tsv");
    expect(r.delimiter).toBe("tab");
    expect(r.added).toBe(3);
    const { contacts } = await readDirectory(join(ws, "contacts", "directory.csv"));
    expect(contacts.map((c) => [c.country, c.honorific, c.name])).toEqual([
      ["FR", "Mme", "Sophie Exemple"],
      ["GB", "Mr", "Oliver Example"],
      ["SN", "M.", "Mamadou Exemple"],
    ]);
  });

  it("quoted fields with delimiters, doubled quotes and line breaks; a multi-line address becomes one line", async () => {
    const ws = await workspace();
    const r = await importFixture(ws, "quoted-newlines.csv");
    expect([r.added, r.rejected]).toEqual([2, 0]);
    expect(r.problems).toEqual([]);
    const { contacts } = await readDirectory(join(ws, "contacts", "directory.csv"));
    const ca = contacts.find((c) => c.country === "CA");
    expect(ca?.organisation).toBe("Innovation, Science and Economic Development (example)");
    expect(ca?.address).toBe("235 Example Street Ottawa ON");
    expect(ca?.notes).toBe('Bilingual office, "French" preferred');
    expect(contacts.find((c) => c.country === "CL")?.address).toBe("Amunátegui 139; Santiago");
  });

  it("duplicates within a file are combined: by email (case-insensitive), else by country + organisation + name", async () => {
    const ws = await workspace();
    const r = await importFixture(ws, "duplicates.csv");
    expect([r.rows, r.added, r.duplicates, r.rejected]).toEqual([4, 2, 2, 0]);
    const { contacts } = await readDirectory(join(ws, "contacts", "directory.csv"));
    const ar = contacts.find((c) => c.country === "AR");
    expect(ar?.email).toBe("m.ejemplo@mincom.ar.example");
    expect(ar?.phone).toBe("+54 11 5550 0101");
    expect(contacts.find((c) => c.country === "UY")?.phone).toBe("+598 2 555 0241");
  });

  it("invalid emails are rejected row by row with file:line and reason; the domain is lower-cased", async () => {
    const ws = await workspace();
    const r = await importFixture(ws, "invalid-emails.csv");
    expect([r.added, r.rejected]).toEqual([1, 6]);
    expect(r.problems.filter((p) => p.severity === "error").map((p) => [p.line, p.field])).toEqual([
      [2, "email"],
      [3, "email"],
      [4, "email"],
      [5, "email"],
      [6, "email"],
      [7, "email"],
    ]);
    const { contacts } = await readDirectory(join(ws, "contacts", "directory.csv"));
    expect(contacts.map((c) => c.email)).toEqual(["Ana.Ejemplo@mincom.ar.example"]);
    expect(r.rejectsFile).toBe(join(ws, "contacts", "sources", "invalid-emails.rejects.csv"));
  });

  it("a name with CR/LF + Bcc: is rejected as header injection; other line breaks are removed with a warning", async () => {
    const ws = await workspace();
    const r = await importFixture(ws, "header-injection.csv");
    expect([r.added, r.rejected]).toEqual([1, 1]);
    expect(r.problems).toContainEqual(expect.objectContaining({ line: 2, field: "name", severity: "error" }));
    expect(r.problems).toContainEqual(
      expect.objectContaining({ line: 4, field: "name", severity: "warning" }),
    );
    const text = await readFile(join(ws, "contacts", "directory.csv"), "utf8");
    expect(text).not.toContain("Bcc");
    const { contacts } = await readDirectory(join(ws, "contacts", "directory.csv"));
    expect(contacts[0]?.name).toBe("Pablo Muestra");
  });

  it("unknown countries are rejected; French country names resolve", async () => {
    const ws = await workspace();
    const r = await importFixture(ws, "unknown-country.csv");
    expect([r.added, r.rejected]).toEqual([1, 2]);
    expect(r.problems.filter((p) => p.severity === "error").map((p) => [p.line, p.field])).toEqual([
      [2, "country"],
      [3, "country"],
    ]);
  });

  it("blank rows (empty lines and rows of empty cells) are skipped and counted, not rejected", async () => {
    const ws = await workspace();
    const r = await importFixture(ws, "blank-rows.csv");
    expect([r.added, r.rejected, r.rows]).toEqual([2, 0, 2]);
    expect(r.blank).toBeGreaterThanOrEqual(4);
  });

  it("Windows-1252 is detected and decoded (not mojibake), with a warning", async () => {
    const ws = await workspace();
    const r = await importFixture(ws, "windows-1252.csv");
    expect(r.encoding).toBe("windows-1252");
    expect(r.problems).toContainEqual(expect.objectContaining({ severity: "warning" }));
    const { contacts } = await readDirectory(join(ws, "contacts", "directory.csv"));
    expect(contacts.map((c) => c.name).sort()).toEqual(["Señor Ejemplo", "Élise Exemple"]);
    expect(contacts.find((c) => c.country === "FR")?.organisation).toBe("Ministère de l'Économie (exemple)");
  });

  it("UTF-16 LE with BOM (Excel Unicode text) keeps Thai and Chinese names", async () => {
    const ws = await workspace();
    const r = await importFixture(ws, "utf16le-bom.csv");
    expect(r.encoding).toBe("utf-16le (BOM)");
    const { contacts } = await readDirectory(join(ws, "contacts", "directory.csv"));
    expect(contacts.map((c) => c.name)).toEqual(["王示例", "สมใจ ตัวอย่าง"]);
  });

  it("UTF-16 BE with BOM is decoded too", async () => {
    const ws = await workspace();
    const text = "country,email\nTH,intl@mdes.th.example\n";
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) {
      be[i] = le[i + 1] ?? 0;
      be[i + 1] = le[i] ?? 0;
    }
    await writeFile(join(ws, "be.csv"), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    const r = await importDirectoryFile({ workspace: ws, file: join(ws, "be.csv"), now: NOW });
    expect([r.encoding, r.added]).toEqual(["utf-16be (BOM)", 1]);
  });

  it("an empty file is E_CSV_EMPTY (exit 2)", async () => {
    await expectCode(importFixture(await workspace(), "empty.csv"), "E_CSV_EMPTY");
  });

  it("a binary file is E_CSV_BINARY (exit 2)", async () => {
    const ws = await workspace();
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37) % 256;
    await writeFile(join(ws, "sheet.xlsx"), Buffer.concat([Buffer.from("PK\u0003\u0004"), bytes]));
    await expectCode(
      importDirectoryFile({ workspace: ws, file: join(ws, "sheet.xlsx"), now: NOW }),
      "E_CSV_BINARY",
    );
  });

  it("a file that is neither UTF-8 nor Windows-1252 is E_CSV_ENCODING", async () => {
    const ws = await workspace();
    await writeFile(
      join(ws, "odd.csv"),
      Buffer.from([...Buffer.from("country,email\nAR,a"), 0x81, 0x8d, ...Buffer.from("@x.example\n")]),
    );
    await expectCode(
      importDirectoryFile({ workspace: ws, file: join(ws, "odd.csv"), now: NOW }),
      "E_CSV_ENCODING",
    );
  });

  it("a 2 MB field rejects that row only; the other rows are imported", async () => {
    const ws = await workspace();
    const big = "x".repeat(2 * 1024 * 1024);
    await writeFile(
      join(ws, "big.csv"),
      `country,name,email,notes\nAR,Big Row,big@mincom.ar.example,"${big}"\nBR,Small Row,small@mcom.br.example,ok\n`,
    );
    const r = await importDirectoryFile({ workspace: ws, file: join(ws, "big.csv"), now: NOW });
    expect([r.added, r.rejected]).toEqual([1, 1]);
    expect(r.problems).toContainEqual(
      expect.objectContaining({ line: 2, field: "notes", severity: "error" }),
    );
  });

  it("no country column is E_CSV_HEADER naming the problem; --map fixes it", async () => {
    const ws = await workspace();
    await expectCode(importFixture(ws, "no-country-column.csv"), "E_CSV_HEADER");
    const custom = await importFixture(ws, "custom-headers.csv", {
      map: {
        Nación: "country",
        "Correo institucional": "email",
        Responsable: "name",
        "Observaciones internas": "ignore",
      },
    });
    expect([custom.added, custom.rejected]).toEqual([1, 0]);
    expect(custom.columns.map((c) => c.field)).toEqual(["country", "email", "name", null]);
  });

  it("an unclosed quote is E_CSV_PARSE and imports nothing", async () => {
    const ws = await workspace();
    await expectCode(importFixture(ws, "unclosed-quote.csv"), "E_CSV_PARSE");
    expect(await readdir(join(ws, "contacts"))).toEqual([]);
  });

  it("a shared mailbox: two people at one address are one contact listing both; the combined values are reported", async () => {
    const ws = await workspace();
    const r = await importFixture(ws, "shared-mailbox.csv");
    expect([r.rows, r.added, r.duplicates, r.rejected]).toEqual([3, 1, 2, 0]);
    const { contacts } = await readDirectory(join(ws, "contacts", "directory.csv"));
    expect(contacts.map((c) => [c.honorific, c.name, c.title])).toEqual([
      ["M.; Mme", "Mamadou Exemple; Awa Exemple", "Directeur; Conseillère"],
    ]);
    expect(r.problems.map((p) => [p.line, p.field, p.severity])).toEqual([
      [3, "email", "warning"],
      [4, undefined, "warning"],
      [4, "title", "warning"],
    ]);
    expect(r.problems[2]?.message).toBe(
      'for Mamadou Exemple, kept "Directeur" (line 4), dropped "Directeur adjoint" (line 2)',
    );
  });

  it("an address reused for another country: that row rejected naming the other line, nothing merged for it", async () => {
    const ws = await workspace();
    const r = await importFixture(ws, "address-other-country.csv");
    expect([r.rows, r.added, r.rejected]).toEqual([3, 2, 1]);
    const errors = r.problems.filter((p) => p.severity === "error");
    expect(errors.map((p) => [p.line, p.field])).toEqual([[3, "email"]]);
    expect(errors[0]?.message).toContain("line 2 (SN)");
    const { contacts } = await readDirectory(join(ws, "contacts", "directory.csv"));
    expect(contacts.map((c) => [c.country, c.name])).toEqual([
      ["FR", "Sophie Exemple"],
      ["SN", "Mamadou Exemple"],
    ]);
    const rejects = await readFile(r.rejectsFile ?? "", "utf8");
    expect(rejects.split("\n")[1]).toMatch(
      /^FR,.*Pierre Martin,cooperation@numerique\.sn\.example,3,"email: .*line 2 \(SN\)/,
    );
  });

  it("no fixture corrupts an existing directory: failures leave it byte-for-byte unchanged", async () => {
    const ws = await workspace();
    await importFixture(ws, "semicolon-es.csv");
    const before = await readFile(join(ws, "contacts", "directory.csv"));
    for (const name of ["empty.csv", "no-country-column.csv", "unclosed-quote.csv"]) {
      await importFixture(ws, name).catch(() => undefined);
      expect(await readFile(join(ws, "contacts", "directory.csv"))).toEqual(before);
    }
  });

  it("importing the same file twice: the second run adds and updates nothing", async () => {
    const ws = await workspace();
    for (const name of [
      "semicolon-es.csv",
      "tab-fr.tsv",
      "duplicates.csv",
      "quoted-newlines.csv",
      "header-injection.csv",
      "shared-mailbox.csv",
      "address-other-country.csv",
    ]) {
      const first = await importFixture(ws, name);
      const before = await readFile(join(ws, "contacts", "directory.csv"), "utf8");
      const second = await importFixture(ws, name, { now: new Date("2026-12-01T00:00:00Z") });
      expect([name, second.added, second.updated, second.unchanged]).toEqual([
        name,
        0,
        0,
        first.added + first.updated + first.unchanged,
      ]);
      expect(second.written).toBe(false);
      expect(await readFile(join(ws, "contacts", "directory.csv"), "utf8")).toBe(before);
    }
  });
});

describe("outreach directory import (CLI exit codes)", () => {
  const cases: [string, number][] = [
    ["semicolon-es.csv", 0],
    ["tab-fr.tsv", 0],
    ["invalid-emails.csv", 1],
    ["header-injection.csv", 1],
    ["unknown-country.csv", 1],
    ["shared-mailbox.csv", 0],
    ["address-other-country.csv", 1],
    ["windows-1252.csv", 0],
    ["empty.csv", 2],
    ["no-country-column.csv", 2],
    ["unclosed-quote.csv", 2],
    ["does-not-exist.csv", 2],
  ];
  it.each(cases)("%s exits %i", async (name, code) => {
    const ws = await workspace();
    const run = await runInProcess(["directory", "import", fixture(name)], { workspace: ws });
    expect(run.code).toBe(code);
    if (code === 2) expect(run.stderr).toMatch(/^error \[E_[A-Z_]+\]/m);
  });
});

describe("progress of long imports", () => {
  it("reports every 10,000 records on stderr as plain lines when not on a terminal, and nothing for small files", async () => {
    const ws = await workspace();
    const lines = ["country,organisation,name,email"];
    for (let i = 0; i < 20_500; i++) lines.push(`AR,Ministerio ${i % 9},Persona ${i},p${i}@min.ar.example`);
    const file = join(ws, "big.csv");
    await writeFile(file, lines.join("\n") + "\n");
    const run = await runInProcess(["directory", "import", file], { workspace: ws });
    expect(run.code).toBe(0);
    expect(run.stderr.split("\n").filter((l) => l.endsWith("rows read"))).toEqual([
      "10000 rows read",
      "20000 rows read",
    ]);
    const small = await runInProcess(["directory", "import", fixture("semicolon-es.csv")], { workspace: ws });
    expect(small.stderr).not.toMatch(/rows read/);
  });
});
