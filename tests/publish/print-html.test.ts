/** The print document, pure: blocks as rendered under the place and date, the fonts' policy, and its parts for a body swap. */
import { describe, expect, it } from "vitest";
import { letterBlocks } from "../../src/publish/letter-blocks.js";
import { documentParts, PRINT_CSP, printedText, printHtml } from "../../src/publish/print-html.js";

const rendered = `<html lang="ur" dir="rtl"><body><div role="article" lang="ur" dir="rtl">
<table><tr><td class="letter"><div><div dir="rtl" lang="ur"><p><br /></p></div></div></td></tr>
<tr><td class="letter signatories"><div><div dir="rtl" lang="ur"><ul><li>A &amp; B، پاکستان</li></ul></div></div></td></tr></table></div></body></html>`;

describe("print document", () => {
  it("takes the rendered letter's blocks with their classes, and leaves out empty ones", () => {
    const blocks = letterBlocks(rendered);
    expect(blocks.map((b) => [b.className, b.dir, b.lang, b.text])).toEqual([
      ["letter", "rtl", "ur", ""],
      ["letter signatories", "rtl", "ur", "A & B، پاکستان"],
    ]);
    const doc = {
      lang: "ur",
      dir: "rtl" as const,
      title: "خط <1>",
      dateLine: "لاہور، 7 دسمبر 2026",
      blocks,
      fontCss: "",
      fontStack: "serif",
    };
    const html = printHtml(doc);
    expect(html).toContain('<html lang="ur" dir="rtl">');
    expect(html).toContain(PRINT_CSP);
    expect(PRINT_CSP).toContain("font-src data:");
    expect(html).toContain(
      '<section class="letter signatories" dir="rtl" lang="ur"><ul><li>A &amp; B، پاکستان</li></ul></section>',
    );
    expect(html).not.toContain("<p><br></p>");
    expect(printedText(doc)).toContain("A & B، پاکستان");
    const parts = documentParts(html);
    expect(parts?.title).toBe("خط <1>");
    expect(parts?.head).not.toContain("<title>");
    expect(parts?.body).toContain('<p class="dateline">لاہور، 7 دسمبر 2026</p>');
    // Two letters of one language and fonts share the head, whatever their titles.
    expect(documentParts(printHtml({ ...doc, title: "other" }))?.head).toBe(parts?.head);
  });
});
