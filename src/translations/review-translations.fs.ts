/**
 * `translations status` and `translations approve`, and what `plan`, `preview` and `send` read: the
 * status of every translation, the stale-segment warnings and the review state of each language.
 * Effects: reads the campaign and translations.json; `approve` writes translations.json atomically.
 */
import { relative } from "node:path";
import type { LoadedCampaign } from "../campaign/loaded-campaign.js";
import type { Clock } from "../core/clock.js";
import { InputError } from "../core/errors.js";
import {
  campaignTranslationStatus,
  letterTextsOf,
  reviewStates,
  staleTranslationWarnings,
  type ReviewState,
} from "./campaign-translations.js";
import { checkTargetLanguage } from "./export-translation.fs.js";
import { readTranslationContext } from "./letter-files.fs.js";
import { segmentHashes, sourceLetterFor } from "./letter-segments.js";
import { describeStale, type LanguageStatus } from "./translation-status.js";
import { readTranslationsRecord, translationsPath, writeTranslationsRecord } from "./translations-file.fs.js";
import type { Approval } from "./translations-record.js";
import type { Problem } from "../core/errors.js";

export async function translationsStatus(
  workspace: string,
  campaignId: string,
  options: { lang?: string | undefined } = {},
): Promise<{ sourceLanguage: string; languages: LanguageStatus[] }> {
  const ctx = await readTranslationContext(workspace, campaignId);
  const only =
    options.lang === undefined ? undefined : checkTargetLanguage(options.lang, ctx.sourceLanguage, "--lang");
  return campaignTranslationStatus(ctx.loaded, ctx.record, only);
}

export async function approveTranslation(
  workspace: string,
  campaignId: string,
  options: { lang: string; by: string },
  clock: Clock,
): Promise<{ language: string; approval: Approval; refreshed: string[] }> {
  const ctx = await readTranslationContext(workspace, campaignId);
  const language = checkTargetLanguage(options.lang, ctx.sourceLanguage, "--lang");
  const status = campaignTranslationStatus(ctx.loaded, ctx.record, language).languages[0];
  if (!status?.exists || status.translationRevision === undefined)
    throw new InputError(
      "E_TRANSLATION_INCOMPLETE",
      `campaign ${campaignId} has no ${language} letter to approve`,
      {
        hint: `outreach translations export ${campaignId} --lang ${language}, then import the translated file`,
      },
    );
  // A salutation pattern the language goes without is no gap: approving records it as left out.
  const incomplete = status.stale.filter((s) => s.state !== "changed" && s.kind !== "salutation");
  if (incomplete.length)
    throw new InputError(
      "E_TRANSLATION_INCOMPLETE",
      `the ${language} letter does not follow the ${ctx.sourceLanguage} letter's segments; nothing was approved`,
      {
        problems: incomplete.map((s) => ({
          file: ctx.loaded.letters[language as keyof typeof ctx.loaded.letters]?.mjml.file ?? language,
          field: s.id,
          message: s.state === "new" ? "not translated" : `not in the ${ctx.sourceLanguage} letter any more`,
        })),
        hint: `outreach translations export ${campaignId} --lang ${language}, translate, import, then approve`,
      },
    );
  // Approving says the translation fits the source as it is now: every segment's record moves to it.
  const refreshed = status.segments
    .filter((s) => s.state === "changed" || s.state === "untracked")
    .map((s) => s.id);
  const approval: Approval = {
    by: options.by,
    at: new Date(clock.now()).toISOString(),
    source: status.sourceRevision,
    translation: status.translationRevision,
  };
  ctx.record.languages[language] = {
    segments: segmentHashes(sourceLetterFor(ctx.source, letterTextsOf(ctx.loaded, language))),
    approved: approval,
  };
  await writeTranslationsRecord(ctx.recordPath, ctx.record);
  return { language, approval, refreshed };
}

/**
 * A campaign's problems as `plan` and `preview` list them: the plan's "not reviewed" warning dropped for
 * a translation whose approval holds, and a warning per translation with stale segments added.
 */
export async function withTranslationReview(
  loaded: LoadedCampaign,
  problems: readonly Problem[],
): Promise<Problem[]> {
  const { warnings, states } = await readTranslationReview(loaded);
  const approved = (p: Problem) =>
    p.severity === "warning" &&
    /^letters\.[a-z]+\.reviewed$/.test(p.field ?? "") &&
    states.get(p.field?.split(".")[1] ?? "")?.reviewed === true;
  return [...problems.filter((p) => !approved(p)), ...warnings];
}

/** What `plan`, `preview` and `send` need from the translations, for a campaign already loaded. */
export async function readTranslationReview(
  loaded: LoadedCampaign,
): Promise<{ warnings: Problem[]; states: Map<string, ReviewState> }> {
  const path = translationsPath(loaded.paths.campaignDir);
  const record = await readTranslationsRecord(path, relative(loaded.paths.root, path));
  return { warnings: staleTranslationWarnings(loaded, record), states: reviewStates(loaded, record) };
}

export { describeStale };
