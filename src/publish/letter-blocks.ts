/**
 * The letter as the renderer rendered it, taken apart for the page and the printed letter: the content
 * of each of its text blocks (every `mj-text` of the template, which `compile-letter.ts` wraps in a
 * `<div dir lang>`), with the block's CSS class from the template (`letter`, `signatories`...). MJML's
 * table layout for mail clients stays behind; what the template wrote (paragraphs, headings, the
 * signatory list and its Updated line, any inline style) comes through as it was rendered, already
 * escaped. Pure.
 */
import * as cheerio from "cheerio";

export interface LetterBlock {
  /** The template's `css-class` of the block ("" when none). */
  className: string;
  dir: "ltr" | "rtl";
  lang: string;
  /** The block's HTML, as rendered (data escaped by the letter's templates). */
  html: string;
  /** Its text, to tell an empty block (a blank address on the website copy) from a real one. */
  text: string;
}

export function letterBlocks(renderedHtml: string): LetterBlock[] {
  const $ = cheerio.load(renderedHtml);
  const blocks: LetterBlock[] = [];
  // The wrapper MJML puts around the whole body carries lang/dir too, with role="article": skip it.
  $("div[dir][lang]:not([role])").each((_, el) => {
    const node = $(el);
    if (node.parents("div[dir][lang]:not([role])").length > 0) return;
    const cell = node.closest("td");
    blocks.push({
      className: (cell.attr("class") ?? "").trim(),
      dir: node.attr("dir") === "rtl" ? "rtl" : "ltr",
      lang: node.attr("lang") ?? "",
      html: (node.html() ?? "").trim(),
      text: node.text().replace(/\s+/g, " ").trim(),
    });
  });
  return blocks;
}
