/**
 * Derives a plain-text Handlebars template from a compiled HTML template, once per letter and language,
 * for letters without `<lang>.txt.hbs`. Handlebars expressions sit in text nodes, so they survive the
 * walk and are filled per recipient like any other template. Pure.
 */
import * as cheerio from "cheerio/slim";

/** The few fields of cheerio's DOM nodes the walk reads. */
interface DomNode {
  type: string;
  data?: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

const SKIP = new Set(["head", "style", "script", "title", "template"]);
const PARAGRAPH = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "table"]);
const BLOCK = new Set(["div", "tr", "section", "article", "header", "footer"]);

export function deriveTextTemplate(html: string): string {
  const $ = cheerio.load(html);
  const out: string[] = [];
  const body = $("body").get(0) as unknown as DomNode | undefined;
  walk(body?.children ?? [], out);
  return tidyDerived(out.join(""));
}

/** Per recipient: drop trailing spaces and the blank lines empty conditionals leave; keep indentation. */
export function tidyText(text: string): string {
  return (
    text
      .replace(/[ \t]+$/gm, "")
      .replace(/\n{3,}/g, "\n\n")
      .replace(/^\n+/, "")
      .trimEnd() + "\n"
  );
}

function tidyDerived(text: string): string {
  return tidyText(
    text
      .split("\n")
      .map((l) => l.replace(/[ \t]+/g, " ").trim())
      .join("\n"),
  );
}

function walk(nodes: readonly DomNode[], out: string[]): void {
  for (const node of nodes) {
    if (node.type === "text") {
      out.push((node.data ?? "").replace(/\s+/g, " "));
    } else if (node.type === "tag") {
      walkElement(node, out);
    }
    // Comments (including Outlook conditionals) carry nothing for the reader.
  }
}

function walkElement(el: DomNode, out: string[]): void {
  const name = (el.name ?? "").toLowerCase();
  if (SKIP.has(name)) return;
  // Hidden blocks such as MJML's inbox preview line are not part of the letter.
  if (/display\s*:\s*none/i.test(el.attribs?.style ?? "")) return;
  if (name === "br") {
    out.push("\n");
    return;
  }
  if (name === "hr") {
    out.push("\n\n----\n\n");
    return;
  }
  if (PARAGRAPH.has(name)) out.push("\n\n");
  else if (BLOCK.has(name)) out.push("\n");
  if (name === "li") out.push("\n- ");
  walk(el.children ?? [], out);
  if (name === "a") {
    const href = el.attribs?.href ?? "";
    if (/^https?:/i.test(href)) out.push(` <${href}>`);
  }
  if (PARAGRAPH.has(name)) out.push("\n\n");
  else if (BLOCK.has(name)) out.push("\n");
}
