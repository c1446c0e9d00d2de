/**
 * One letter in one language as segments: its subject, its MJML and its salutations (from campaign.json),
 * and what a translated letter needs to be written back. Pure.
 */
import { sourceHash, textRevision } from "./source-hash.js";
import {
  segmentMjml,
  segmentSalutations,
  segmentSubject,
  segmentTextPart,
  type Segment,
  type SegmentedTemplate,
} from "./segment-letter.js";

/** The texts a letter is made of, as they are on disk. */
export interface LetterTexts {
  mjml: string;
  subject: string;
  salutations: readonly string[];
  /** `<lang>.txt.hbs`, when the letter has its own text part (otherwise it is derived from the HTML). */
  text?: string | undefined;
}

export interface SegmentedLetter {
  texts: LetterTexts;
  mjml: SegmentedTemplate;
  subject: SegmentedTemplate;
  salutations: Segment[];
  textPart?: SegmentedTemplate;
  /** Every segment in letter order: subject, the MJML's, the salutations, then the text part's. */
  segments: Segment[];
}

/** A letter's segments; a translation is segmented aligned to its source (see `segmentMjml`). */
export function segmentLetter(texts: LetterTexts, source?: SegmentedLetter): SegmentedLetter {
  const align = new Set(source?.segments.map((s) => s.id));
  const mjml = segmentMjml(texts.mjml, align);
  const subject = segmentSubject(texts.subject);
  const salutations = segmentSalutations(texts.salutations);
  const textPart = texts.text === undefined ? undefined : segmentTextPart(texts.text, align);
  return {
    texts,
    mjml,
    subject,
    salutations,
    ...(textPart ? { textPart } : {}),
    segments: [...subject.segments, ...mjml.segments, ...salutations, ...(textPart?.segments ?? [])],
  };
}

/**
 * The source letter as a translation is compared with: its text part's lines count only when the
 * translation has a text part of its own (otherwise the translation's is derived from its HTML).
 */
export function sourceLetterFor(source: LetterTexts, target: LetterTexts | undefined): SegmentedLetter {
  return segmentLetter(target?.text === undefined ? { ...source, text: undefined } : source);
}

/** Segment id → text. */
export function segmentTexts(letter: SegmentedLetter): Map<string, string> {
  return new Map(letter.segments.map((s) => [s.id, s.text]));
}

/** Segment id → source hash. */
export function segmentHashes(letter: SegmentedLetter): Record<string, string> {
  return Object.fromEntries(letter.segments.map((s) => [s.id, sourceHash(s.text)]));
}

/** One hash of every byte a translated letter is made of: any edit after an approval shows. */
export function letterRevision(texts: LetterTexts): string {
  return textRevision([texts.mjml, texts.subject, texts.text ?? "", ...texts.salutations]);
}
