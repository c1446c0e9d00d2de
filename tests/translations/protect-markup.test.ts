/** What a translation must keep: Handlebars expressions and inline markup, as a multiset, properly nested. */
import { describe, expect, it } from "vitest";
import { markupMismatch, protectedTokens } from "../../src/translations/protect-markup.js";

const SOURCE =
  'Dear {{name}}, see <a href="https://coalition.example/">our page</a> and <strong>act</strong>.';

describe("markupMismatch", () => {
  it("accepts a translation with the same placeholders and markup in another order", () => {
    const th =
      'ดู <strong>ลงมือ</strong> และ <a href="https://coalition.example/">หน้าของเรา</a> เรียน {{ name }}';
    expect(markupMismatch(SOURCE, th)).toBeUndefined();
  });

  it("names a removed placeholder", () => {
    expect(markupMismatch(SOURCE, SOURCE.replace("{{name}}", ""))).toBe("missing {{name}}");
  });

  it("names an added one", () => {
    expect(markupMismatch("Dear Sir,", "Dear {{name}},")).toBe("not in the source {{name}}");
  });

  it("finds a broken <a>: a missing closing tag, a lost '>', a changed address", () => {
    expect(markupMismatch(SOURCE, SOURCE.replace("</a>", ""))).toBe("missing </a>");
    expect(markupMismatch(SOURCE, SOURCE.replace("</a>", "</a"))).toBe("missing </a>");
    expect(markupMismatch(SOURCE, SOURCE.replace('/">our', '/" our'))).toMatch(/^missing <a href=/);
    expect(markupMismatch(SOURCE, SOURCE.replace("coalition.example", "evil.example"))).toMatch(
      /^missing <a href="https:\/\/coalition\.example\/">; not in the source <a href="https:\/\/evil\.example\/">$/,
    );
  });

  it("finds tags and blocks that do not nest", () => {
    expect(markupMismatch("<strong><em>x</em></strong>", "<strong><em>x</strong></em>")).toMatch(
      /do not nest/,
    );
    expect(markupMismatch("{{#if a}}x{{/if}} <b>y</b>", "{{/if}}x{{#if a}} <b>y</b>")).toMatch(/do not nest/);
  });

  it("lets a translator add or drop a line break", () => {
    expect(markupMismatch("Yours faithfully,", "此致<br />敬礼！")).toBeUndefined();
    expect(protectedTokens("a<br/>b<br />c")).toEqual([]);
  });
});
