/**
 * The PO file a translator gets: one entry per segment, msgctxt its id, msgid the source text, msgstr the
 * current translation (marked fuzzy when the source changed since it was made), a reference to the
 * source file and line, and notes (where it sits, what to keep, the source hash `status` compares). Written
 * by gettext-parser: a well-kept PO reader/writer, so Poedit, Weblate, OmegaT and msgfmt accept the file.
 * Pure.
 */
import { po, type GetTextTranslation } from "gettext-parser";
import { alignTranslation, translatedTexts } from "./align-segments.js";
import type { SegmentedLetter } from "./letter-segments.js";
import { protectedTokens } from "./protect-markup.js";
import type { Segment } from "./segment-letter.js";
import { sourceHash } from "./source-hash.js";
import type { LanguageRecord } from "./translations-record.js";

export interface CatalogueInput {
  campaignId: string;
  letter: string;
  sourceLanguage: string;
  language: string;
  source: SegmentedLetter;
  target?: SegmentedLetter | undefined;
  record?: LanguageRecord | undefined;
  /** Where the source segments come from, for the `#:` references. */
  files: { mjml: string; subject: string; text?: string | undefined; campaign: string };
  /** The partner group translating it, for Language-Team. */
  team?: string | undefined;
  date: Date;
}

/** Weblate's check for the placeholders a translation must keep; msgfmt ignores flags it does not know. */
const PLACEHOLDER_FLAG = String.raw`placeholders:r"\{\{[^{}]*\}\}"`;

export function buildCatalogue(input: CatalogueInput): string {
  const map = alignTranslation(input.source, input.target, input.record);
  const targetTexts = translatedTexts(input.source, input.target, map);
  const translations: Record<string, Record<string, GetTextTranslation>> = {
    "": { "": { msgid: "", msgstr: [""] } },
  };
  for (const s of input.source.segments) {
    const translation = targetTexts.get(s.id) ?? "";
    const recorded = input.record?.segments[map.get(s.id) ?? s.id];
    const stale = translation !== "" && recorded !== undefined && recorded !== sourceHash(s.text);
    const flags = [...(stale ? ["fuzzy"] : []), ...(/\{\{/.test(s.text) ? [PLACEHOLDER_FLAG] : [])];
    translations[s.id] = {
      [s.text]: {
        msgctxt: s.id,
        msgid: s.text,
        msgstr: [translation],
        comments: {
          reference: referenceOf(s, input.files),
          extracted: notesOf(s, stale).join("\n"),
          ...(flags.length ? { flag: flags.join(", ") } : {}),
        },
      },
    };
  }
  const date = poDate(input.date);
  const headers: Record<string, string> = {
    "Project-Id-Version": `outreach ${input.campaignId} ${input.letter}`,
    "POT-Creation-Date": date,
    "PO-Revision-Date": date,
    "Last-Translator": input.team ?? "",
    "Language-Team": input.team ?? "",
    Language: input.language,
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "X-Outreach-Campaign": input.campaignId,
    "X-Outreach-Letter": input.letter,
    "X-Outreach-Source-Language": input.sourceLanguage,
  };
  return po.compile({ charset: "utf-8", headers, translations }).toString("utf8") + "\n";
}

function referenceOf(s: Segment, files: CatalogueInput["files"]): string {
  if (s.kind === "salutation") return files.campaign;
  const file = s.kind === "subject" ? files.subject : s.id.startsWith("textpart.") ? files.text : files.mjml;
  // A subject kept in campaign.json is named "<file> letters.en.subject"; PO references are space-separated.
  return `${(file ?? files.mjml).split(" ")[0]}:${s.line}`;
}

const WHERE: Record<Segment["kind"], string> = {
  subject: "The subject line of the email.",
  preview: "The preview line an email program shows after the subject; not shown in the letter itself.",
  heading: "A heading of the letter.",
  paragraph: "A paragraph of the letter.",
  "list-item": "An item of a bulleted list in the letter.",
  text: "A block of text in the letter.",
  updated: "The date line under the signatories; {{updated}} is the date of the latest signature.",
  "text-part": "A line of the plain-text version of the email (its own file, not derived from the letter).",
  salutation:
    "A salutation pattern ({{salutation}} in the letter): the first one whose fields the contact has is used.",
};

function notesOf(s: Segment, stale: boolean): string[] {
  const keep = [...new Set(protectedTokens(s.text))];
  return [
    WHERE[s.kind],
    ...(keep.length
      ? [`Keep exactly, in any order that reads well: ${keep.join(" ")} (line breaks <br /> may change).`]
      : []),
    ...(stale
      ? ["The English changed since this translation was made: check it, then clear the fuzzy mark."]
      : []),
    `source-hash: ${sourceHash(s.text)}`,
  ];
}

/** "2012-11-20 09:30+0000", the date form PO headers use. */
function poDate(date: Date): string {
  return date.toISOString().slice(0, 16).replace("T", " ") + "+0000";
}
