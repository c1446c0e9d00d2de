/**
 * What a translator must keep: the Handlebars expressions (`{{name}}`, `{{#if partner}}…{{/if}}`) and the
 * inline markup (`<a href="…">`, `<strong>`) of a segment. A translation passes when it has the same
 * multiset of them as the source, properly nested; `<br>` is free (a translator may break a line where
 * the language needs it, as the Chinese letter's closing does). Pure.
 */

const HANDLEBARS = /\{\{\{?[^{}]*\}?\}\}/g;
const TAG = /<\/?([A-Za-z][\w-]*)\b[^<>]*>/g;
/** Void elements a translator may add or drop. */
const FREE_TAGS = new Set(["br", "wbr"]);

/** A kept token: the expression or tag as the comparison sees it (inner whitespace of `{{ x }}` ignored). */
export function protectedTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const m of text.matchAll(HANDLEBARS)) tokens.push(normaliseExpression(m[0]));
  for (const m of text.matchAll(TAG)) {
    const name = (m[1] ?? "").toLowerCase();
    if (!FREE_TAGS.has(name)) tokens.push(normaliseTag(m[0], name));
  }
  return tokens;
}

/** Text with every protected token and `<br>` removed: what is left for a translator to translate. */
export function translatableText(text: string): string {
  return text.replace(HANDLEBARS, "").replace(TAG, "");
}

/**
 * Why a translation does not keep the source's placeholders and markup, or undefined when it does:
 * tokens missing, tokens added, or tags and blocks that do not nest.
 */
export function markupMismatch(source: string, translation: string): string | undefined {
  const missing = multisetMinus(protectedTokens(source), protectedTokens(translation));
  const added = multisetMinus(protectedTokens(translation), protectedTokens(source));
  const parts: string[] = [];
  if (missing.length) parts.push(`missing ${missing.join(" ")}`);
  if (added.length) parts.push(`not in the source ${added.join(" ")}`);
  if (parts.length) return parts.join("; ");
  const stray = strayAngle(translation);
  if (stray) return stray;
  return nestingProblem(translation);
}

function normaliseExpression(expr: string): string {
  return expr.replace(/^(\{\{\{?)\s*/, "$1").replace(/\s*(\}?\}\})$/, "$1");
}

function normaliseTag(tag: string, name: string): string {
  if (tag.startsWith("</")) return `</${name}>`;
  const attrs = tag
    .slice(1 + name.length, -1)
    .replace(/\/\s*$/, "")
    .trim();
  return attrs ? `<${name} ${attrs}>` : `<${name}>`;
}

function multisetMinus(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const t of b) left.set(t, (left.get(t) ?? 0) + 1);
  const out: string[] = [];
  for (const t of a) {
    const n = left.get(t) ?? 0;
    if (n > 0) left.set(t, n - 1);
    else out.push(t);
  }
  return out;
}

/** A `<` that opens no tag (a tag broken by a missing `>` or quote) breaks the letter's HTML. */
function strayAngle(text: string): string | undefined {
  const rest = text.replace(HANDLEBARS, "").replace(TAG, "");
  const at = rest.search(/<[A-Za-z/!]/);
  return at >= 0 ? `broken tag near "${rest.slice(at, at + 24)}"` : undefined;
}

/** Tags must close in the order they opened, and Handlebars blocks likewise. */
function nestingProblem(text: string): string | undefined {
  const stack: string[] = [];
  const tokens = [...text.matchAll(new RegExp(`${HANDLEBARS.source}|${TAG.source}`, "g"))];
  for (const m of tokens) {
    const token = m[0];
    const open = openerOf(token);
    const close = closerOf(token);
    if (open) stack.push(open);
    else if (close) {
      const top = stack.pop();
      if (top !== close) return `${token} closes ${top ? `"${top}"` : "nothing"}: tags or blocks do not nest`;
    }
  }
  return stack.length ? `"${stack.join(", ")}" never closed` : undefined;
}

function openerOf(token: string): string | undefined {
  const block = /^\{\{#\s*([\w-]+)/.exec(token);
  if (block) return `{{/${block[1]}}}`;
  const tag = /^<([A-Za-z][\w-]*)/.exec(token);
  if (!tag || token.endsWith("/>")) return undefined;
  const name = (tag[1] ?? "").toLowerCase();
  return FREE_TAGS.has(name) ? undefined : `</${name}>`;
}

function closerOf(token: string): string | undefined {
  const block = /^\{\{\/\s*([\w-]+)/.exec(token);
  if (block) return `{{/${block[1]}}}`;
  const tag = /^<\/([A-Za-z][\w-]*)/.exec(token);
  return tag ? `</${(tag[1] ?? "").toLowerCase()}>` : undefined;
}
