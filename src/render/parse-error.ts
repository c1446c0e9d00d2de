/**
 * A Handlebars parse error as the author needs it: the parser's whole message (its line, the quoted
 * source with a caret, what it expected), pointed at the tag that is wrong rather than where the parser
 * gave up. A block never closed is found at the end of the file, a `{{name` missing its `}}` at the next
 * tag; the line given is the opening tag's, in the file the author wrote (for a letter, the .mjml file,
 * never the HTML MJML makes of it). Pure.
 */

export interface ParseErrorReport {
  message: string;
  /** 1-based line of the tag at fault, in the parsed text. */
  line?: number;
}

/** One `{{…}}` tag of a template, as a light scan of the text sees it. */
interface Tag {
  line: number;
  /** `{{#if title}}`, shortened; the opening of an unterminated tag. */
  text: string;
  kind: "open" | "close" | "other";
  /** Whether its `}}` comes before the next `{{`. */
  terminated: boolean;
}

const SHOWN_TAG = 40;

export function describeParseError(error: unknown, text: string): ParseErrorReport {
  const raw = error instanceof Error ? error.message : String(error);
  const full = `Handlebars: ${raw.split("\n").join("\n    ")}`;
  // Errors Handlebars raises on a node (`if doesn't match iff - 2:3`) carry that node's line: the opening tag.
  const nodeLine = (error as { lineNumber?: unknown }).lineNumber;
  if (typeof nodeLine === "number") return { message: full, line: nodeLine };
  const parserLine = Number(/^Parse error on line (\d+)/.exec(raw)?.[1] ?? NaN);
  const at = Number.isNaN(parserLine) ? undefined : parserLine;
  const tags = scanTags(text);
  const broken = tags.find((t) => !t.terminated && (at === undefined || t.line <= at));
  if (broken) return { message: `${broken.text} is not closed with "}}"; ${full}`, line: broken.line };
  const { unclosed, stray } = matchBlocks(tags);
  const last = unclosed[unclosed.length - 1];
  if (/got 'EOF'/.test(raw) && last) {
    return { message: `${last.text} is never closed; ${full}`, line: last.line };
  }
  if (/got 'OPEN_ENDBLOCK'/.test(raw) && stray) {
    return { message: `${stray.text} closes no open block; ${full}`, line: stray.line };
  }
  return { message: full, ...(at !== undefined ? { line: at } : {}) };
}

/** The blocks still open at the end, and the first close with no open block. */
function matchBlocks(tags: readonly Tag[]): { unclosed: Tag[]; stray: Tag | undefined } {
  const open: Tag[] = [];
  let stray: Tag | undefined;
  for (const tag of tags) {
    if (tag.kind === "open") open.push(tag);
    else if (tag.kind === "close" && open.pop() === undefined) stray ??= tag;
  }
  return { unclosed: open, stray };
}

/**
 * The tags of a template, in order, with their lines: comments (`{{!-- --}}`, `{{! }}`) and escaped
 * `\{{` are skipped; an opening `{{#x}}`/`{{^x}}` or closing `{{/x}}` is told apart from the rest.
 */
function scanTags(text: string): Tag[] {
  const tags: Tag[] = [];
  let line = 1;
  let counted = 0;
  let from = 0;
  for (let start = text.indexOf("{{", from); start >= 0; start = text.indexOf("{{", from)) {
    for (; counted < start; counted++) if (text[counted] === "\n") line++;
    if (text[start - 1] === "\\" && text[start - 2] !== "\\") {
      from = start + 2;
      continue;
    }
    const comment = text.startsWith("{{!--", start)
      ? "--}}"
      : text.startsWith("{{!", start)
        ? "}}"
        : undefined;
    if (comment) {
      const end = text.indexOf(comment, start + 3);
      from = end < 0 ? text.length : end + comment.length;
      continue;
    }
    const end = text.indexOf("}}", start + 2);
    const next = text.indexOf("{{", start + 2 + (text[start + 2] === "{" ? 1 : 0));
    const terminated = end >= 0 && (next < 0 || end < next);
    const body = text.slice(start, terminated ? end + 2 : next < 0 ? text.length : next);
    const sigil = /^\{\{~?\s*([#^/])/.exec(body)?.[1];
    tags.push({
      line,
      text: shorten(terminated ? body : (body.split("\n")[0] ?? body)),
      kind: sigil === "/" ? "close" : sigil && !/^\{\{~?\s*\^\s*~?\}\}/.test(body) ? "open" : "other",
      terminated,
    });
    from = terminated ? end + 2 : start + 2;
  }
  return tags;
}

function shorten(tag: string): string {
  const one = tag.trim().replace(/\s+/g, " ");
  return one.length > SHOWN_TAG ? `${one.slice(0, SHOWN_TAG - 1)}…` : one;
}
