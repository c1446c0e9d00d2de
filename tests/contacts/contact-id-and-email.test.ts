import { describe, expect, it } from "vitest";
import { contactIdFor, normaliseKeyText } from "../../src/contacts/contact-id.js";
import { checkEmail } from "../../src/contacts/email-address.js";
import { cleanText, hasControlCharacters } from "../../src/contacts/clean-text.js";

describe("contactIdFor", () => {
  it("derives a stable, readable id from the normalised email", () => {
    const a = contactIdFor({ email: "Ana@MINCOM.ar.example", country: "AR" });
    expect(a).toMatch(/^ar-[0-9a-f]{10}$/);
    expect(contactIdFor({ email: " ana@mincom.ar.example ", country: "AR", name: "other" })).toBe(a);
    expect(contactIdFor({ email: "pablo@mincom.ar.example", country: "AR" })).not.toBe(a);
  });
  it("falls back to country + organisation + name without email", () => {
    const a = contactIdFor({ country: "UY", organisation: "Ministerio", name: "Martín  Ejemplo" });
    expect(contactIdFor({ country: "uy", organisation: "MINISTERIO", name: "martín ejemplo" })).toBe(a);
    expect(contactIdFor({ country: "UY", organisation: "Ministerio", name: "Otro" })).not.toBe(a);
  });
  it("normalises key text (case, width, spaces)", () => {
    expect(normaliseKeyText("  Ａna \t Ejemplo ")).toBe("ana ejemplo");
  });
});

describe("checkEmail", () => {
  it("accepts plain addresses and lower-cases only the domain", () => {
    expect(checkEmail("Ana.Ejemplo+itu@MinCom.AR.example")).toEqual({
      ok: true,
      email: "Ana.Ejemplo+itu@mincom.ar.example",
    });
    expect(checkEmail("mailto:ana@mincom.ar.example")).toEqual({ ok: true, email: "ana@mincom.ar.example" });
  });
  it.each([
    ['"Ana" <ana@mincom.ar.example>'],
    ["ana(comment)@mincom.ar.example"],
    ["a@mincom.ar.example,b@mincom.ar.example"],
    ["a@b@mincom.ar.example"],
    ["ana ejemplo@mincom.ar.example"],
    ["ana@mincom.ar.example\r\nBcc: x@attacker.example"],
    ["ana@localhost"],
    ["ana..x@mincom.ar.example"],
    [".ana@mincom.ar.example"],
    ["ana@-mincom.ar.example"],
    ["ana@mincom.ar.e"],
    ["@mincom.ar.example"],
    ["ana"],
    [""],
  ])("rejects %j", (text) => {
    expect(checkEmail(text).ok).toBe(false);
  });
});

describe("cleanText", () => {
  it("strips control characters and normalises whitespace", () => {
    expect(cleanText("  Ana\r\n\tEjemplo\u0000 \u00a0 ")).toBe("Ana Ejemplo");
    expect(cleanText("plain text")).toBe("plain text");
    expect(cleanText("e\u0301")).toBe("é");
    expect(hasControlCharacters("a\nb")).toBe(true);
    expect(hasControlCharacters("a b")).toBe(false);
  });
});
