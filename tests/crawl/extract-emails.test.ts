import { describe, expect, it } from "vitest";
import {
  deobfuscateEmails,
  emailFromMailto,
  extractEmails,
} from "../../src/directory/crawl/extract-emails.js";

describe("extractEmails", () => {
  it.each([
    ["plain", "Write to amina.avelar@mict.example today", "amina.avelar@mict.example"],
    ["[at] and [dot]", "amina [at] mict [dot] example", "amina@mict.example"],
    ["(at) and (dot)", "a.b(at)min-x (dot) gov (dot) test", "a.b@min-x.gov.test"],
    ["{at}", "j.doe{at}post.invalid", "j.doe@post.invalid"],
    ["spoken at and dot", "jane dot doe at ministry dot example", "jane.doe@ministry.example"],
    ["spoken at with real dots", "m.roux at telecom.gouv.test", "m.roux@telecom.gouv.test"],
    ["numeric entity", "x&#64;y&#46;invalid", "x@y.invalid"],
    ["hex entity", "x&#x40;y.invalid", "x@y.invalid"],
    ["named entity", "x&commat;y&period;invalid", "x@y.invalid"],
    ["arroba", "ana arroba mintic punto example", "ana@mintic.example"],
    ["upper-case domain", "Ana@MINTIC.Example", "Ana@mintic.example"],
  ])("finds %s", (_label, text, expected) => {
    expect(extractEmails(text)).toEqual([expected]);
  });

  it("leaves prose alone", () => {
    expect(extractEmails("The office at the ministry opens at 9. Located at Kabul. Telephone: 1")).toEqual(
      [],
    );
    expect(deobfuscateEmails("meet at noon")).toBe("meet at noon");
  });

  it("returns each address once, in order", () => {
    expect(extractEmails("a@x.example, b [at] x [dot] example, a@x.example")).toEqual([
      "a@x.example",
      "b@x.example",
    ]);
  });
});

describe("emailFromMailto", () => {
  it("drops the query and decodes", () => {
    expect(emailFromMailto("mailto:info%40mict.example?subject=Hi")).toBe("info@mict.example");
    expect(emailFromMailto("MAILTO:a@b.test")).toBe("a@b.test");
    expect(emailFromMailto("https://a.example")).toBeUndefined();
  });
});
