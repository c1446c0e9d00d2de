/**
 * `translations import`: a returned PO file into the letter. Segments whose placeholders or markup do
 * not match are reported (file:line) and left out, the rest imported; segments the file does not
 * translate keep the letter's current text and are listed; the record in translations.json learns which
 * source text each imported segment was made from. Effects: reads the file and the campaign, writes the
 * letter's templates, campaign.json (salutations, a new letter) and translations.json atomically.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { InputError, type Problem } from "../core/errors.js";
import { applyCatalogue, type AppliedCatalogue } from "./apply-catalogue.js";
import { letterTextsOf } from "./campaign-translations.js";
import { checkTargetLanguage } from "./export-translation.fs.js";
import { readTranslationContext, writeLetterTexts, type TranslationContext } from "./letter-files.fs.js";
import { alignTranslation } from "./align-segments.js";
import { segmentLetter, sourceLetterFor, type SegmentedLetter } from "./letter-segments.js";
import { readCatalogue, type ReadCatalogue } from "./read-catalogue.js";
import { rebuildLetter } from "./rebuild-letter.js";
import { writeTranslationsRecord } from "./translations-file.fs.js";
import type { LanguageRecord } from "./translations-record.js";

export interface ImportResult {
  language: string;
  file: string;
  newLetter: boolean;
  imported: string[];
  missing: AppliedCatalogue["missing"];
  /** Rejected segments (errors) and ignored entries (warnings), each with file:line. */
  problems: Problem[];
  /** Segments that hold the source text for want of a translation (a new letter, a new paragraph). */
  sourceText: string[];
  /** The source letter's structure was used (the translation's differed). */
  restructured: boolean;
  /** Workspace-relative files changed. */
  written: string[];
}

export async function importTranslation(
  workspace: string,
  campaignId: string,
  path: string,
  options: { lang?: string | undefined },
): Promise<ImportResult> {
  const ctx = await readTranslationContext(workspace, campaignId);
  const shown = ctx.show(resolve(path));
  const raw = await readFile(path, "utf8").catch((e: NodeJS.ErrnoException) => {
    throw new InputError("E_PO_PARSE", `cannot read ${shown}: ${e.code ?? e.message}`);
  });
  const catalogue = readCatalogue(raw, shown);
  const language = languageOf(ctx, catalogue, options.lang, shown);
  const targetTexts = letterTextsOf(ctx.loaded, language);
  const source = sourceLetterFor(ctx.source, targetTexts);
  const target = targetTexts && segmentLetter(targetTexts, source);
  const applied = applyCatalogue(source, catalogue.entries, shown);
  const previous = ctx.record.languages[language];
  const rebuilt = rebuildLetter(language, source, target, applied.imported, previous);
  const written = await writeLetterTexts(ctx, language, rebuilt.texts);
  const segments = recordedHashes(source, target, previous, applied.hashes);
  if (JSON.stringify(segments) !== JSON.stringify(previous?.segments)) {
    ctx.record.languages[language] = { ...previous, segments };
    await writeTranslationsRecord(ctx.recordPath, ctx.record);
    written.push(ctx.files.record);
  }
  return {
    language,
    file: shown,
    newLetter: target === undefined,
    imported: [...applied.imported.keys()],
    missing: applied.missing,
    problems: [...catalogue.problems, ...applied.problems],
    sourceText: rebuilt.sourceText,
    restructured: target !== undefined && rebuilt.restructured,
    written,
  };
}

/**
 * What the record holds after an import, keyed by the source's segment ids (the letter now follows its
 * structure): the hash each imported segment was made from, else what was recorded for its translation.
 */
function recordedHashes(
  source: SegmentedLetter,
  target: SegmentedLetter | undefined,
  previous: LanguageRecord | undefined,
  imported: Readonly<Record<string, string>>,
): Record<string, string> {
  const map = alignTranslation(source, target, previous);
  const out: Record<string, string> = {};
  for (const s of source.segments) {
    const hash = imported[s.id] ?? previous?.segments[map.get(s.id) ?? s.id];
    if (hash !== undefined) out[s.id] = hash;
  }
  return out;
}

/** The file's language (its `Language` header, or --lang), checked against the campaign it claims. */
function languageOf(
  ctx: TranslationContext,
  catalogue: ReadCatalogue,
  lang: string | undefined,
  file: string,
): string {
  const mismatch = (message: string) =>
    new InputError("E_PO_MISMATCH", `${file}: ${message}; nothing was imported`);
  const campaignId = ctx.loaded.campaign.id;
  if (catalogue.campaign && catalogue.campaign !== campaignId)
    throw mismatch(`it was exported for campaign ${catalogue.campaign}, not ${campaignId}`);
  if (catalogue.letter && catalogue.letter !== ctx.template)
    throw mismatch(`it was exported for letter ${catalogue.letter}, not ${ctx.template}`);
  const declared = lang ?? catalogue.language;
  if (!declared) throw mismatch("it has no Language header; pass --lang");
  if (
    lang &&
    catalogue.language &&
    checkTargetLanguage(catalogue.language, "", "Language") !== checkTargetLanguage(lang, "", "--lang")
  )
    throw mismatch(`its Language header says ${catalogue.language}, not ${lang}`);
  try {
    return checkTargetLanguage(declared, ctx.sourceLanguage, lang ? "--lang" : "its Language header");
  } catch (e) {
    throw mismatch((e as Error).message);
  }
}
