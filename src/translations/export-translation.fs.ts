/**
 * `translations export`: a language's PO file, from the source letter and the current translation (an
 * empty catalogue for a language the campaign does not have yet). Effects: reads the campaign, writes
 * the PO file atomically.
 */
import { resolve } from "node:path";
import { LANGUAGES } from "../contacts/contact-schema.js";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import type { Clock } from "../core/clock.js";
import { InputError } from "../core/errors.js";
import { letterTextsOf } from "./campaign-translations.js";
import type { LoadedCampaign } from "../campaign/loaded-campaign.js";
import { readTranslationContext, translationContextOf, type TranslationContext } from "./letter-files.fs.js";
import { segmentLetter, sourceLetterFor } from "./letter-segments.js";
import { buildCatalogue } from "./po-catalogue.js";
import { translationStatus, type SegmentState } from "./translation-status.js";

export interface ExportResult {
  language: string;
  /** Absolute path of the PO file written. */
  file: string;
  /** The campaign has no letter in this language yet: the catalogue is empty. */
  newLetter: boolean;
  segments: number;
  counts: Record<SegmentState, number>;
}

/** Where `export` writes by default: `campaigns/<id>/translations/<letter>.<lang>.po`. */
export function defaultPoPath(ctx: TranslationContext, language: string): string {
  return resolve(ctx.loaded.paths.campaignDir, "translations", `${ctx.template}.${language}.po`);
}

export async function exportTranslation(
  workspace: string,
  campaignId: string,
  options: { lang: string; out?: string | undefined },
  clock: Clock,
): Promise<ExportResult> {
  const ctx = await readTranslationContext(workspace, campaignId);
  const language = checkTargetLanguage(options.lang, ctx.sourceLanguage, "--lang");
  const file = options.out ? resolve(options.out) : defaultPoPath(ctx, language);
  const { text, status } = catalogueOf(ctx, language, new Date(clock.now()));
  await writeFileAtomic(file, text);
  return {
    language,
    file,
    newLetter: !status.exists,
    segments: status.segments.length,
    counts: status.counts,
  };
}

/** A language's PO text and its status (for partner packs too). */
export function catalogueOf(ctx: TranslationContext, language: string, date: Date) {
  const targetTexts = letterTextsOf(ctx.loaded, language);
  const source = sourceLetterFor(ctx.source, targetTexts);
  const target = targetTexts && segmentLetter(targetTexts, source);
  const record = ctx.record.languages[language];
  const partner = ctx.loaded.partners.find((p) => p.language === language);
  const text = buildCatalogue({
    campaignId: ctx.loaded.campaign.id,
    letter: ctx.template,
    sourceLanguage: ctx.sourceLanguage,
    language,
    source,
    target,
    record,
    files: ctx.files,
    team: partner ? `${partner.name} <${partner.email}>` : undefined,
    date,
  });
  return { text, status: translationStatus(language, source, target, record) };
}

/** A letter language other than the source one, or a usage error. */
export function checkTargetLanguage(value: string, sourceLanguage: string, what: string): string {
  const language = value
    .trim()
    .toLowerCase()
    .replace(/[_-].*$/, "");
  if (!(LANGUAGES as readonly string[]).includes(language))
    throw new InputError("E_USAGE", `${what} "${value}" is not a letter language (${LANGUAGES.join(", ")})`);
  if (language === sourceLanguage)
    throw new InputError(
      "E_USAGE",
      `${what} ${language} is the campaign's source language; translations are made from it`,
    );
  return language;
}

/**
 * A partner pack's PO file for the partner's language (the README says how to return it); none
 * when the partner's language is the source language or no letter language.
 */
export async function partnerCatalogue(
  loaded: LoadedCampaign,
  language: string,
  date: Date,
): Promise<{ name: string; text: string } | undefined> {
  const sourceLanguage = loaded.campaign.defaultLanguage;
  if (language === sourceLanguage || !(LANGUAGES as readonly string[]).includes(language)) return undefined;
  if (!loaded.letters[sourceLanguage]) return undefined;
  const ctx = await translationContextOf(loaded.paths.root, loaded);
  const name = `${ctx.template}.${language}.po`;
  const { text } = catalogueOf(ctx, language, date);
  return { name, text };
}
