/**
 * Import, the writing: a translated letter rebuilt from the segments. When the translation has the same
 * structure as the source (the same segments in the same places) its own file is the skeleton, so its
 * fonts, spacing and address layout stay and an unchanged import is byte-identical. Otherwise the source
 * letter is the skeleton (its structure is what changed), keeping the translation's own <mj-head> and
 * <mjml> attributes; a new letter gets `lang` and, for right-to-left languages, `dir="rtl"`. Pure.
 */
import { directionOf } from "../render/merge-fields.js";
import { alignTranslation, translatedTexts } from "./align-segments.js";
import type { LetterTexts, SegmentedLetter } from "./letter-segments.js";
import { fillSkeleton, slotIds } from "./segment-letter.js";
import type { LanguageRecord } from "./translations-record.js";

export interface RebuiltLetter {
  texts: LetterTexts;
  /** The source's structure was used (the translation's differed, or there was none). */
  restructured: boolean;
  /** Segments that hold the source text because nothing translated them (a new letter). */
  sourceText: string[];
}

export function rebuildLetter(
  language: string,
  source: SegmentedLetter,
  target: SegmentedLetter | undefined,
  imported: ReadonlyMap<string, string>,
  record?: LanguageRecord,
): RebuiltLetter {
  // The translation's text for each source segment, its places shifted if the source's structure changed.
  const current = translatedTexts(source, target, alignTranslation(source, target, record));
  const sourceText: string[] = [];
  const texts = new Map<string, string>();
  for (const s of source.segments) {
    const text = imported.get(s.id) ?? current.get(s.id);
    if (text === undefined && s.kind !== "salutation") sourceText.push(s.id);
    texts.set(s.id, text ?? s.text);
  }
  const sameMjml = target !== undefined && same(slotIds(target.mjml.skeleton), slotIds(source.mjml.skeleton));
  let mjml: string;
  if (sameMjml) mjml = fillSkeleton(target.mjml.skeleton, texts);
  else if (target)
    mjml = keepHead(fillSkeleton(source.mjml.skeleton, texts), fillSkeleton(target.mjml.skeleton, texts));
  else mjml = withLanguage(fillSkeleton(source.mjml.skeleton, texts), language);
  const subject = fillSkeleton((target ?? source).subject.skeleton, texts);
  const text = target?.textPart ? fillSkeleton(target.textPart.skeleton, texts) : undefined;
  const salutations = rebuildSalutations(source, target, texts, imported);
  // With no salutation translated, a new letter keeps the source's (see rebuildSalutations).
  if (!target && !source.salutations.some((s) => imported.has(s.id)))
    sourceText.push(...source.salutations.map((s) => s.id));
  return {
    texts: { mjml, subject, salutations, ...(text !== undefined ? { text } : {}) },
    restructured: !sameMjml,
    sourceText,
  };
}

/**
 * In source order, the salutations the translation has or the file translates; then any the translation
 * has that the source lacks. A new letter with no salutation translated keeps the source's, so
 * `{{salutation}}` still says something.
 */
function rebuildSalutations(
  source: SegmentedLetter,
  target: SegmentedLetter | undefined,
  texts: ReadonlyMap<string, string>,
  imported: ReadonlyMap<string, string>,
): string[] {
  const current = new Set(target?.salutations.map((s) => s.id) ?? []);
  const kept = source.salutations.filter((s) => current.has(s.id) || imported.has(s.id));
  const fromSource = (kept.length || target ? kept : source.salutations).map(
    (s) => texts.get(s.id) ?? s.text,
  );
  const sourceIds = new Set(source.salutations.map((s) => s.id));
  const extra = (target?.salutations ?? []).filter((s) => !sourceIds.has(s.id)).map((s) => s.text);
  return [...fromSource, ...extra];
}

const HEAD = /<mj-head(\s[^>]*)?>[\s\S]*?<\/mj-head\s*>/;
const ROOT = /<mjml(\s[^>]*)?>/;

function keepHead(rebuilt: string, translation: string): string {
  let out = rebuilt;
  const head = HEAD.exec(translation)?.[0];
  if (head && HEAD.test(out)) out = out.replace(HEAD, () => head);
  const root = ROOT.exec(translation)?.[0];
  if (root) out = out.replace(ROOT, () => root);
  return out;
}

function withLanguage(mjml: string, language: string): string {
  return mjml.replace(ROOT, (tag, attrs: string | undefined) => {
    let a = (attrs ?? "").replace(/\s(lang|dir)\s*=\s*("[^"]*"|'[^']*')/g, "");
    a += ` lang="${language}"`;
    if (directionOf(language) === "rtl") a += ` dir="rtl"`;
    return `<mjml${a}>`;
  });
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
