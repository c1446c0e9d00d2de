/**
 * `directory import` and its documented edge cases (docs/ERRORS.md): only regular files are read (a FIFO,
 * a device or /dev/zero is E_NOT_A_FILE at once), a header-only file is E_CSV_EMPTY, and UTF-16 without a
 * byte-order mark is E_CSV_ENCODING with a hint naming the --encoding to use.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIRECTORY_COLUMNS } from "../../src/contacts/contact-schema.js";
import { isOutreachError } from "../../src/core/errors.js";
import { decodeCsvBytes, guessBomlessUtf16 } from "../../src/directory/decode-bytes.js";
import { importDirectoryFile } from "../../src/directory/import-directory.fs.js";
import { makeTempDir, runInProcess } from "../helpers/cli.js";

const NOW = new Date("2026-11-29T09:00:00Z");
const CSV =
  "country,name,email\nAR,Ana Ejemplo,ana@mincom.ar.example\nBR,João Exemplo,joao@mcom.br.example\n";

async function workspace(): Promise<string> {
  const ws = await makeTempDir("outreach-import-bounds-");
  await mkdir(join(ws, "contacts"), { recursive: true });
  return ws;
}

async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isOutreachError(error)) throw new Error(`expected an OutreachError, got ${String(error)}`);
  return error;
}

describe("directory import: only regular files", () => {
  it("a FIFO is E_NOT_A_FILE at once (before: the read blocked for ever); exit 2", async () => {
    const ws = await workspace();
    const fifo = join(ws, "contacts.csv");
    execFileSync("mkfifo", [fifo]);
    const error = await errorOf(importDirectoryFile({ workspace: ws, file: fifo, now: NOW }));
    expect(error.code).toBe("E_NOT_A_FILE");
    expect(error.message).toContain("FIFO");
    const run = await runInProcess(["directory", "import", fifo], { workspace: ws });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("E_NOT_A_FILE");
  });

  it("/dev/zero, /dev/null and a directory are E_NOT_A_FILE, and nothing is written", async () => {
    const ws = await workspace();
    for (const file of ["/dev/zero", "/dev/null", join(ws, "contacts")]) {
      const error = await errorOf(importDirectoryFile({ workspace: ws, file, now: NOW }));
      expect([file, error.code]).toEqual([file, "E_NOT_A_FILE"]);
    }
    expect(existsSync(join(ws, "contacts", "directory.csv"))).toBe(false);
  });
});

describe("directory import: a header only", () => {
  it("is E_CSV_EMPTY (exit 2) and leaves directory.csv as it was, also with blank rows under the header", async () => {
    const ws = await workspace();
    await writeFile(join(ws, "first.csv"), CSV);
    await importDirectoryFile({ workspace: ws, file: join(ws, "first.csv"), now: NOW });
    const before = await readFile(join(ws, "contacts", "directory.csv"), "utf8");
    for (const text of ["country,name,email\n", "country,name,email", "country;name;email\n;;\n;;\n\n"]) {
      await writeFile(join(ws, "header.csv"), text);
      const error = await errorOf(
        importDirectoryFile({ workspace: ws, file: join(ws, "header.csv"), now: NOW }),
      );
      expect([text, error.code]).toEqual([text, "E_CSV_EMPTY"]);
    }
    const run = await runInProcess(["directory", "import", join(ws, "header.csv")], { workspace: ws });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("E_CSV_EMPTY");
    expect(await readFile(join(ws, "contacts", "directory.csv"), "utf8")).toBe(before);
  });

  it("an empty directory.csv written by init (a header only) stays readable as an empty directory", async () => {
    const ws = await workspace();
    await writeFile(join(ws, "contacts", "directory.csv"), `${DIRECTORY_COLUMNS.join(",")}\n`);
    await writeFile(join(ws, "in.csv"), CSV);
    const r = await importDirectoryFile({ workspace: ws, file: join(ws, "in.csv"), now: NOW });
    expect(r.added).toBe(2);
  });

  it("allowHeaderOnly (the crawler's own output) reports 0 rows instead", async () => {
    const ws = await workspace();
    await writeFile(join(ws, "crawl.csv"), `${DIRECTORY_COLUMNS.join(",")}\n`);
    const r = await importDirectoryFile({
      workspace: ws,
      file: join(ws, "crawl.csv"),
      now: NOW,
      allowHeaderOnly: true,
    });
    expect([r.rows, r.added, r.written]).toEqual([0, 0, false]);
  });
});

describe("directory import: UTF-16 without a byte-order mark", () => {
  const le = Buffer.from(CSV, "utf16le");
  const be = Buffer.from(le.map((_, i) => le[i ^ 1] ?? 0));

  it("is E_CSV_ENCODING with a hint naming --encoding utf-16le / utf-16be (before: E_CSV_BINARY)", async () => {
    const ws = await workspace();
    for (const [name, bytes, encoding] of [
      ["le.csv", le, "utf-16le"],
      ["be.csv", be, "utf-16be"],
    ] as const) {
      await writeFile(join(ws, name), bytes);
      const error = await errorOf(importDirectoryFile({ workspace: ws, file: join(ws, name), now: NOW }));
      expect(error.code).toBe("E_CSV_ENCODING");
      expect(error.hint).toContain(`--encoding ${encoding}`);
      const run = await runInProcess(["directory", "import", join(ws, name)], { workspace: ws });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--encoding ${encoding}`);
    }
  });

  it("imports with the --encoding the hint names", async () => {
    const ws = await workspace();
    await writeFile(join(ws, "le.csv"), le);
    const run = await runInProcess(["directory", "import", join(ws, "le.csv"), "--encoding", "utf-16le"], {
      workspace: ws,
    });
    expect(run.code).toBe(0);
    const r = await importDirectoryFile({
      workspace: ws,
      file: join(ws, "le.csv"),
      now: NOW,
      encoding: "utf-16le",
      dryRun: true,
    });
    expect([r.encoding, r.unchanged]).toEqual(["utf-16le", 2]);
  });

  it("the guess needs NULs in one half of the bytes only: binary, UTF-8 and tiny inputs are not UTF-16", () => {
    expect(guessBomlessUtf16(le)).toBe("utf-16le");
    expect(guessBomlessUtf16(be)).toBe("utf-16be");
    expect(guessBomlessUtf16(Buffer.from(CSV))).toBeUndefined();
    expect(guessBomlessUtf16(Buffer.from([0x61, 0x00, 0x62]))).toBeUndefined();
    const binary = Buffer.alloc(4096);
    for (let i = 0; i < binary.length; i++) binary[i] = i % 3 === 0 ? 0 : (i * 37) % 251;
    expect(guessBomlessUtf16(binary)).toBeUndefined();
    expect(() => decodeCsvBytes(binary, "x.bin")).toThrow(/binary/);
  });
});
