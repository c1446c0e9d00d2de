/**
 * A contact page flattened to lines of text, the shape the contact grouping reads. Two-cell table rows
 * whose first cell is a label and definition lists become `label: value` lines, `<br>` and block
 * elements end a line, and headings, rules, tables and definition lists add a SEPARATOR line (a person
 * never spans one). Input: the page's root node. Output: the lines. Pure.
 */
import type { AnyNode, Element, Text } from "domhandler";
import { recogniseLabel } from "./recognise-label.js";

/** A line of its own between groups of details. */
export const SEPARATOR = "\u0000";

const BLOCK = new Set([
  "p",
  "div",
  "li",
  "ul",
  "ol",
  "section",
  "article",
  "header",
  "footer",
  "main",
  "aside",
  "address",
  "blockquote",
  "pre",
  "form",
  "fieldset",
  "center",
  "tbody",
  "thead",
  "tfoot",
  "caption",
  "nav",
]);
/** Elements that start a new group of details: a person never spans two of these. */
const BOUNDARY = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "dl", "section", "article"]);
const SKIP = new Set([
  "script",
  "style",
  "noscript",
  "head",
  "template",
  "iframe",
  "select",
  "option",
  "button",
]);

/** The text under `root` as lines, whitespace squashed, empty lines dropped. */
export function flattenToLines(root: AnyNode | undefined): string[] {
  const lines: string[] = [];
  const buffer: string[] = [];
  const flush = () => {
    const line = buffer.join("").replace(/\s+/g, " ").trim();
    buffer.length = 0;
    if (line) lines.push(line);
  };
  flattenNode(root, lines, buffer, flush);
  flush();
  return lines;
}

// domhandler's node types are an enum; compare as strings to stay independent of its exports.
const isText = (n: AnyNode): n is Text => (n.type as string) === "text";
const isElement = (n: AnyNode): n is Element => (n.type as string) === "tag";

function flattenNode(node: AnyNode | undefined, lines: string[], buffer: string[], flush: () => void): void {
  if (!node) return;
  if (isText(node)) {
    buffer.push(node.data);
    return;
  }
  if (!isElement(node) && (node.type as string) !== "root") return;
  const el = node as Element;
  const name = isElement(node) ? el.name.toLowerCase() : "";
  if (SKIP.has(name)) return;
  if (name === "br") return flush();
  if (name === "tr" && !hasNestedTable(el)) {
    flush();
    const cells = el.children.filter(
      (c): c is Element => isElement(c) && (c.name === "td" || c.name === "th"),
    );
    const texts = cells.map((c) => cellText(c));
    if (texts.length === 2 && texts[0] && recogniseLabel(texts[0]) !== undefined)
      lines.push(`${texts[0].replace(/[:：]\s*$/, "")}: ${texts[1]}`);
    else for (const t of texts) if (t) lines.push(t);
    return;
  }
  if (name === "dl") {
    flush();
    lines.push(SEPARATOR);
    flattenDefinitions(el, lines);
    lines.push(SEPARATOR);
    return;
  }
  const isBlock = BLOCK.has(name) || BOUNDARY.has(name) || name === "td" || name === "th" || name === "tr";
  if (isBlock) flush();
  if (BOUNDARY.has(name)) lines.push(SEPARATOR);
  for (const child of el.children) flattenNode(child, lines, buffer, flush);
  if (isBlock) flush();
  if (BOUNDARY.has(name)) lines.push(SEPARATOR);
}

/** dt/dd pairs as `label: value` lines; `<dl><div><dt/><dd/></div></dl>` is valid HTML too. */
function flattenDefinitions(dl: Element, lines: string[]): void {
  let label = "";
  const visit = (parent: Element) => {
    for (const child of parent.children) {
      if (!isElement(child)) continue;
      const tag = child.name.toLowerCase();
      if (tag === "dt") label = cellText(child).replace(/[:：]\s*$/, "");
      else if (tag === "dd") lines.push(label ? `${label}: ${cellText(child)}` : cellText(child));
      else if (tag === "div") visit(child);
    }
  };
  visit(dl);
}

function hasNestedTable(el: Element): boolean {
  return el.children.some((c) => isElement(c) && (c.name === "table" || hasNestedTable(c)));
}

function cellText(el: Element): string {
  const parts: string[] = [];
  const walk = (n: AnyNode) => {
    if (isText(n)) parts.push(n.data);
    else if (isElement(n)) {
      if (SKIP.has(n.name)) return;
      if (n.name === "br" || BLOCK.has(n.name)) parts.push(", ");
      for (const c of n.children) walk(c);
    }
  };
  for (const c of el.children) walk(c);
  return parts
    .join("")
    .replace(/\s+/g, " ")
    .replace(/(?:\s*,\s*)+/g, ", ")
    .replace(/^[\s,]+|[\s,]+$/g, "");
}
