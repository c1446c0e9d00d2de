/**
 * The letter as a print document, for Chromium to turn into a PDF: the rendered letter's blocks
 * (`letter-blocks.ts`) under a place-and-date line, set in the bundled fonts (inline, `font-src data:`
 * only), with the page size and the page numbers given by the printer (`pdf-printer.fs.ts`). Blocks
 * with no text (the blank address of the website copy) are left out. Pure.
 */
import { HTML_FILE_CSP, cspMetaTag } from "../core/content-security-policy.js";
import { escapeHtml, unescapeHtml } from "../report/escape-html.js";
import type { LetterBlock } from "./letter-blocks.js";

export interface PrintDocument {
  lang: string;
  dir: "ltr" | "rtl";
  /** The document's title (the letter's subject). */
  title: string;
  /** "Geneva, 7 December 2026", or just the date. */
  dateLine: string;
  blocks: readonly LetterBlock[];
  /** The `@font-face` rules with the fonts inline (`bundled-fonts.fs.ts`). */
  fontCss: string;
  /** The CSS font stack matching those rules. */
  fontStack: string;
}

/** The page's policy: the files' policy plus inline fonts, the only thing a print document loads. */
export const PRINT_CSP = `${HTML_FILE_CSP}; font-src data:`;

export function printHtml(doc: PrintDocument): string {
  const e = escapeHtml;
  const blocks = visibleBlocks(doc.blocks)
    .map(
      (b) =>
        `<section class="${e(b.className)}" dir="${b.dir}" lang="${e(b.lang || doc.lang)}">${b.html}</section>`,
    )
    .join("\n");
  // Nastaliq stands tall: Urdu needs more room between lines than the other scripts.
  const lineHeight = doc.lang === "ur" ? 2.2 : 1.5;
  return `<!doctype html>
<html lang="${e(doc.lang)}" dir="${doc.dir}">
<head>
<meta charset="utf-8">
${cspMetaTag(PRINT_CSP)}
<title>${e(doc.title)}</title>
<style>
${doc.fontCss}
html { font-family: ${doc.fontStack}; font-size: 10.5pt; line-height: ${lineHeight}; color: #111; }
body { margin: 0; }
p { margin: 0 0 0.7em; }
ul { margin: 0 0 0.7em; padding-inline-start: 1.4em; }
li { margin: 0 0 0.25em; }
h1 { font-size: 13pt !important; line-height: 1.35 !important; margin: 0 0 1em !important; }
section { margin: 0 0 1em; }
.dateline { text-align: end; margin: 0 0 2em; }
.signatories ul { columns: 2; column-gap: 2em; font-size: 9.5pt; }
.signatories li { break-inside: avoid; }
</style>
</head>
<body>
<p class="dateline">${e(doc.dateLine)}</p>
${blocks}
</body>
</html>
`;
}

/** The text a print document shows, to choose the font subsets it needs (and the page numbers' digits). */
export function printedText(doc: Pick<PrintDocument, "title" | "dateLine" | "blocks">): string {
  return [doc.title, doc.dateLine, "0123456789 /", ...visibleBlocks(doc.blocks).map((b) => b.text)].join(
    "\n",
  );
}

export function visibleBlocks(blocks: readonly LetterBlock[]): LetterBlock[] {
  return blocks.filter((b) => b.text !== "");
}

/**
 * A document's head (everything before `<body>`, the title left out) and body: two letters with the
 * same head (same language, same inline fonts) can share a loaded page, the printer only swapping the
 * body. Undefined when the document has no plain `<body>…</body>`.
 */
export function documentParts(html: string): { head: string; title: string; body: string } | undefined {
  const open = html.indexOf("<body>");
  const close = html.lastIndexOf("</body>");
  if (open < 0 || close < open) return undefined;
  const before = html.slice(0, open);
  const title = /<title>([^<]*)<\/title>/.exec(before);
  return {
    head: title ? before.replace(title[0], "") : before,
    title: unescapeHtml(title?.[1] ?? ""),
    body: html.slice(open + "<body>".length, close),
  };
}
