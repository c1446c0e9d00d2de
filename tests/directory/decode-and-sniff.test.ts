import { describe, expect, it } from "vitest";
import { decodeCsvBytes } from "../../src/directory/decode-bytes.js";
import { sniffDelimiter } from "../../src/directory/sniff-delimiter.js";
import { headingKey, mapHeader } from "../../src/directory/header-map.js";
import { validateRow } from "../../src/directory/validate-row.js";
import { isOutreachError } from "../../src/core/errors.js";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isOutreachError(e) ? e.code : "not an OutreachError";
  }
  return undefined;
}

describe("decodeCsvBytes", () => {
  it("decodes UTF-8 with and without BOM", () => {
    expect(decodeCsvBytes(Buffer.from("\ufeffa,b\n"), "f").text).toBe("a,b\n");
    expect(decodeCsvBytes(Buffer.from("é,b\n"), "f")).toMatchObject({ text: "é,b\n", encoding: "utf-8" });
  });
  it("falls back to Windows-1252 with a warning, and honours a forced encoding", () => {
    const bytes = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]); // "café" in Windows-1252
    expect(decodeCsvBytes(bytes, "f")).toMatchObject({ text: "café\n", encoding: "windows-1252" });
    expect(decodeCsvBytes(bytes, "f").warnings).toHaveLength(1);
    expect(codeOf(() => decodeCsvBytes(bytes, "f", "utf-8"))).toBe("E_CSV_ENCODING");
  });
  it("rejects empty, whitespace-only and binary input", () => {
    expect(codeOf(() => decodeCsvBytes(Buffer.alloc(0), "f"))).toBe("E_CSV_EMPTY");
    expect(codeOf(() => decodeCsvBytes(Buffer.from("\ufeff \n\n"), "f"))).toBe("E_CSV_EMPTY");
    expect(codeOf(() => decodeCsvBytes(Buffer.from([0x61, 0x00, 0x62]), "f"))).toBe("E_CSV_BINARY");
  });
});

describe("sniffDelimiter", () => {
  it("finds comma, semicolon and tab, ignoring delimiters inside quotes", () => {
    expect(sniffDelimiter("a,b,c\n1,2,3\n")).toBe(",");
    expect(sniffDelimiter("a;b;c\n1;2,5;3\n")).toBe(";");
    expect(sniffDelimiter("a\tb\n1\t2\n")).toBe("\t");
    expect(sniffDelimiter('"x;y;z;w",b\n"1;2;3;4",2\n')).toBe(",");
    expect(sniffDelimiter("single\nvalue\n")).toBe(",");
  });
});

describe("header mapping", () => {
  it("recognises English, Spanish and French headings whatever their accents and case", () => {
    const header = [
      "E-mail",
      "Correo",
      "Courriel",
      "País",
      "Pays",
      "Ministerio",
      "Ministère",
      "Nombre",
      "Nom",
      "Cargo",
      "Titre",
      "Teléfono",
      "Téléphone",
      "Fax",
    ];
    for (const [h, field] of [
      ["E-mail", "email"],
      ["CORREO ELECTRÓNICO", "email"],
      ["Courriel", "email"],
      ["País", "country"],
      ["Pays", "country"],
      ["Ministry", "organisation"],
      ["Ministerio", "organisation"],
      ["Ministère", "organisation"],
      ["Name", "name"],
      ["Nombre", "name"],
      ["Nom", "name"],
      ["Title", "title"],
      ["Cargo", "title"],
      ["Titre", "title"],
      ["Phone", "phone"],
      ["Teléfono", "phone"],
      ["Téléphone", "phone"],
      ["Fax", "fax"],
    ] as const) {
      expect([h, mapHeader([h], {}, "f").fields[0]]).toEqual([h, field]);
    }
    expect(headingKey(header[0] ?? "")).toBe("e mail");
  });
  it("reports a field claimed twice and an unknown --map target as errors, unknown columns as warnings", () => {
    const m = mapHeader(["Country", "Email", "Correo", "Extra"], { Extra: "nonsense" }, "f");
    expect(m.problems.filter((p) => p.severity !== "warning").map((p) => p.field)).toEqual([
      "--map",
      "Correo",
    ]);
    expect(m.problems.filter((p) => p.severity === "warning").map((p) => p.field)).toContain("Extra");
  });
});

describe("validateRow", () => {
  it("cleans whitespace and control characters, resolves the country, lower-cases the email domain", () => {
    const r = validateRow(
      {
        country: " argentina ",
        name: "Ana\u00a0 Ejemplo\u0007",
        email: "Ana@MINCOM.AR.EXAMPLE",
        tags: "a, b;a",
      },
      "f",
      2,
    );
    expect(r).toMatchObject({
      kind: "ok",
      patch: { country: "AR", name: "Ana Ejemplo", email: "Ana@mincom.ar.example", tags: "a;b" },
    });
  });
  it("rejects bad language, status, URL and date values with their field", () => {
    const r = validateRow(
      {
        country: "AR",
        name: "X",
        language: "klingon",
        status: "maybe",
        source_url: "ftp://x",
        retrieved_at: "soon",
      },
      "f",
      9,
    );
    expect(r.kind === "rejected" ? r.problems.map((p) => p.field) : []).toEqual([
      "language",
      "status",
      "source_url",
      "retrieved_at",
    ]);
  });
  it("accepts language and status names in English, Spanish and French", () => {
    const r = validateRow(
      { country: "FR", name: "X", language: "Français", status: "ne pas contacter" },
      "f",
      2,
    );
    expect(r).toMatchObject({ kind: "ok", patch: { language: "fr", status: "do-not-contact" } });
  });
});
