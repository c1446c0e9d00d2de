/**
 * Segments: the translatable pieces of one letter in one language, each with a stable id (its place in
 * the letter: `subject`, `preview`, `text2.5` for the fifth block of the second mj-text, `salutation.name`),
 * and the template's skeleton (everything else, byte for byte) to put translations back into. A block
 * (paragraph, heading, list item) is a segment when something is left to translate once its Handlebars
 * expressions and tags are set aside; the address block and `{{salutation}}` line stay in the skeleton.
 * Salutations come from campaign.json and are keyed by the fields they use, since languages have
 * different numbers of them. Pure.
 */
import { translatableText } from "./protect-markup.js";

export type SegmentKind =
  | "subject"
  | "preview"
  | "heading"
  | "paragraph"
  | "list-item"
  | "text"
  | "updated"
  | "text-part"
  | "salutation";

export interface Segment {
  id: string;
  kind: SegmentKind;
  text: string;
  /** 1-based line in the template file it comes from (1 for campaign.json values). */
  line: number;
}

export type SkeletonPart = string | { slot: string };

export interface SegmentedTemplate {
  segments: Segment[];
  skeleton: SkeletonPart[];
}

const CONTAINER = /<(mj-text|mj-button)(\s[^>]*?)?(?<!\/)>([\s\S]*?)<\/\1\s*>/g;
const BLOCK_OPEN = /<(p|h[1-6]|li)(\s[^>]*)?>/gi;
const PREVIEW = /<mj-preview(\s[^>]*)?>([\s\S]*?)<\/mj-preview\s*>/;

/**
 * The segments of an MJML letter and its skeleton. A translation is segmented with its source's ids in
 * `align`: a block at a source segment's place is a segment even when nothing in it is a word.
 */
export function segmentMjml(source: string, align: ReadonlySet<string> = new Set()): SegmentedTemplate {
  const found: { start: number; end: number; id: string; kind: SegmentKind }[] = [];
  const preview = PREVIEW.exec(source);
  if (preview) {
    const start = preview.index + preview[0].indexOf(">") + 1;
    pushTrimmed(found, source, start, start + (preview[2] ?? "").length, "preview", "preview", align);
  }
  let t = 0;
  for (const m of source.matchAll(CONTAINER)) {
    t += 1;
    const contentStart = m.index + m[0].indexOf(">") + 1;
    const content = m[3] ?? "";
    const blocks = findBlocks(content);
    if (blocks.length === 0) {
      pushTrimmed(found, source, contentStart, contentStart + content.length, `text${t}.1`, "text", align);
    }
    blocks.forEach((b, i) => {
      const kind = /{{\s*updated\s*}}/.test(content.slice(b.start, b.end)) ? "updated" : b.kind;
      const id = `text${t}.${i + 1}`;
      pushTrimmed(found, source, contentStart + b.start, contentStart + b.end, id, kind, align);
    });
  }
  found.sort((a, b) => a.start - b.start);
  return build(source, found);
}

/** A subject template: one segment, the whitespace around it kept. */
export function segmentSubject(source: string): SegmentedTemplate {
  const found: { start: number; end: number; id: string; kind: SegmentKind }[] = [];
  pushTrimmed(found, source, 0, source.length, "subject", "subject", new Set(["subject"]));
  return build(source, found);
}

/**
 * A plain-text part (`<lang>.txt.hbs`): each line with words is a segment (`textpart.<n>`, n counting the
 * file's non-blank lines); indentation, list markers' spacing and lines of placeholders stay in the skeleton.
 */
export function segmentTextPart(source: string, align: ReadonlySet<string> = new Set()): SegmentedTemplate {
  const found: { start: number; end: number; id: string; kind: SegmentKind }[] = [];
  let offset = 0;
  let n = 0;
  for (const line of source.split("\n")) {
    if (line.trim() !== "") {
      n += 1;
      const kind: SegmentKind = /{{\s*updated\s*}}/.test(line) ? "updated" : "text-part";
      pushTrimmed(found, source, offset, offset + line.length, `textpart.${n}`, kind, align);
    }
    offset += line.length + 1;
  }
  return build(source, found);
}

/** Salutation patterns keyed by the fields each uses (`salutation.honorific+name`, `salutation.generic`). */
export function segmentSalutations(patterns: readonly string[]): Segment[] {
  const seen = new Map<string, number>();
  return patterns.map((text) => {
    const key = salutationKey(text);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return { id: n === 1 ? key : `${key}.${n}`, kind: "salutation" as const, text, line: 1 };
  });
}

export function salutationKey(pattern: string): string {
  const fields = [...pattern.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? "");
  return `salutation.${[...new Set(fields)].sort().join("+") || "generic"}`;
}

/** The template with each slot replaced by its text (an unknown slot is left empty). */
export function fillSkeleton(skeleton: readonly SkeletonPart[], texts: ReadonlyMap<string, string>): string {
  return skeleton.map((p) => (typeof p === "string" ? p : (texts.get(p.slot) ?? ""))).join("");
}

/** The ids of a skeleton's slots, in order: two templates with the same list have the same structure. */
export function slotIds(skeleton: readonly SkeletonPart[]): string[] {
  return skeleton.flatMap((p) => (typeof p === "string" ? [] : [p.slot]));
}

function findBlocks(content: string): { start: number; end: number; kind: SegmentKind }[] {
  const blocks: { start: number; end: number; kind: SegmentKind }[] = [];
  BLOCK_OPEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BLOCK_OPEN.exec(content))) {
    const tag = (m[1] ?? "").toLowerCase();
    const start = m.index + m[0].length;
    const end = closingTag(content, tag, start);
    if (end < 0) break;
    const kind: SegmentKind = tag === "li" ? "list-item" : tag === "p" ? "paragraph" : "heading";
    blocks.push({ start, end, kind });
    BLOCK_OPEN.lastIndex = end;
  }
  return blocks;
}

/** Where the element opened before `from` closes (same-name elements inside it counted), or -1. */
function closingTag(content: string, tag: string, from: number): number {
  const re = new RegExp(`<(/?)${tag}(\\s[^>]*)?>`, "gi");
  re.lastIndex = from;
  let depth = 1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(content))) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index;
  }
  return -1;
}

function pushTrimmed(
  found: { start: number; end: number; id: string; kind: SegmentKind }[],
  source: string,
  start: number,
  end: number,
  id: string,
  kind: SegmentKind,
  align: ReadonlySet<string>,
): void {
  const text = source.slice(start, end);
  // Words make a segment; a block of placeholders and punctuation (the address lines) stays in the skeleton.
  if (!align.has(id) && !/[\p{L}\p{N}]/u.test(translatableText(text))) return;
  if (!/\S/.test(text)) return;
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  found.push({ start: start + lead, end: end - trail, id, kind });
}

function build(
  source: string,
  found: readonly { start: number; end: number; id: string; kind: SegmentKind }[],
): SegmentedTemplate {
  const segments: Segment[] = [];
  const skeleton: SkeletonPart[] = [];
  let cursor = 0;
  for (const f of found) {
    skeleton.push(source.slice(cursor, f.start), { slot: f.id });
    const line = 1 + (source.slice(0, f.start).match(/\n/g)?.length ?? 0);
    segments.push({ id: f.id, kind: f.kind, text: source.slice(f.start, f.end), line });
    cursor = f.end;
  }
  skeleton.push(source.slice(cursor));
  return { segments, skeleton };
}
