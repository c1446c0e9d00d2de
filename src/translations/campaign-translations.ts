/**
 * Every translation of a campaign against its source letter: the status of each language, the warnings
 * `plan` and `preview` print for stale segments, and which languages count as reviewed for a real send.
 * The rule: a translation is reviewed when its approval (`translations approve`) covers the source and
 * the translation as they are now; campaign.json's `reviewed: true` stays a manual override that lets a
 * letter go without one (plan then warns if it is stale). The source language is governed by its flag
 * alone. Pure.
 */
import type { LoadedCampaign } from "../campaign/loaded-campaign.js";
import type { Language } from "../contacts/contact-schema.js";
import type { Problem } from "../core/errors.js";
import { segmentLetter, sourceLetterFor, type LetterTexts } from "./letter-segments.js";
import { describeStale, translationStatus, type LanguageStatus } from "./translation-status.js";
import type { TranslationsRecord } from "./translations-record.js";

/** A letter's texts, when its templates were read. */
export function letterTextsOf(loaded: LoadedCampaign, language: string): LetterTexts | undefined {
  const source = loaded.letters[language as Language];
  const letter = loaded.campaign.letters[language as Language];
  if (!source || !letter) return undefined;
  return {
    mjml: source.mjml.text,
    subject: letter.subject ?? source.subject.text,
    salutations: letter.salutations,
    ...(source.text ? { text: source.text.text } : {}),
  };
}

/** The status of every translation that has its templates (the source language left out). */
export function campaignTranslationStatus(
  loaded: LoadedCampaign,
  record: TranslationsRecord,
  only?: string,
): { sourceLanguage: string; languages: LanguageStatus[] } {
  const sourceLanguage = loaded.campaign.defaultLanguage;
  const sourceTexts = letterTextsOf(loaded, sourceLanguage);
  if (!sourceTexts) return { sourceLanguage, languages: [] };
  const languages = Object.keys(loaded.campaign.letters)
    .filter((l) => l !== sourceLanguage && (only === undefined || l === only))
    .map((l) => {
      const target = letterTextsOf(loaded, l);
      const source = sourceLetterFor(sourceTexts, target);
      return translationStatus(l, source, target && segmentLetter(target, source), record.languages[l]);
    });
  return { sourceLanguage, languages };
}

/** One warning per translation with stale segments, naming them, for `plan` and `preview`. */
export function staleTranslationWarnings(loaded: LoadedCampaign, record: TranslationsRecord): Problem[] {
  const { sourceLanguage, languages } = campaignTranslationStatus(loaded, record);
  return languages
    .filter((s) => s.stale.length > 0)
    .map((s) => ({
      severity: "warning" as const,
      file: loaded.letters[s.language as Language]?.mjml.file ?? `letters.${s.language}`,
      field: "translation",
      message:
        `the ${s.language} translation is out of date with the ${sourceLanguage} letter in ${s.stale.length} segment(s): ${describeStale(s)}` +
        `${loaded.campaign.letters[s.language as Language]?.reviewed ? " (campaign.json's reviewed: true still lets it be sent)" : ""}; ` +
        `outreach translations export ${loaded.campaign.id} --lang ${s.language}`,
    }));
}

export interface ReviewState {
  reviewed: boolean;
  /** Why not, for the send gate's message. */
  reason?: string;
}

/** Whether each letter language counts as reviewed for a real send (see the rule above). */
export function reviewStates(loaded: LoadedCampaign, record: TranslationsRecord): Map<string, ReviewState> {
  const states = new Map<string, ReviewState>();
  const { sourceLanguage, languages } = campaignTranslationStatus(loaded, record);
  for (const [language, letter] of Object.entries(loaded.campaign.letters))
    states.set(language, { reviewed: Boolean(letter?.reviewed) });
  for (const status of languages) {
    if (states.get(status.language)?.reviewed) continue;
    states.set(
      status.language,
      status.approvalCurrent
        ? { reviewed: true }
        : { reviewed: false, reason: reasonOf(status, sourceLanguage) },
    );
  }
  return states;
}

function reasonOf(status: LanguageStatus, sourceLanguage: string): string {
  if (!status.approved) return "never approved (outreach translations approve) and not marked reviewed: true";
  if (status.stale.length)
    return `approved by ${status.approved.by} on ${status.approved.at.slice(0, 10)}, but out of date with the ${sourceLanguage} letter: ${describeStale(status)}`;
  return `approved by ${status.approved.by} on ${status.approved.at.slice(0, 10)}, but the ${status.approved.source === status.sourceRevision ? "translation" : `${sourceLanguage} letter`} changed since`;
}
