/**
 * A campaign's letters as translation sees them: the source letter (the campaign's default language) and
 * a translation, each as texts (MJML, subject, salutations), and writing a translated letter back: its
 * `templates/<letter>/<lang>.mjml`, its subject (the `.subject.hbs` file, or campaign.json when the
 * subject lives there) and its salutations (campaign.json, rewritten only when they change or the letter
 * is new). Effects: reads the campaign; writes templates and campaign.json atomically.
 */
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Campaign } from "../campaign/campaign-schema.js";
import { loadCampaign, type LoadedCampaign } from "../campaign/load-campaign.fs.js";
import type { Language } from "../contacts/contact-schema.js";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import { InputError } from "../core/errors.js";
import { workspacePaths } from "../core/workspace.js";
import { letterTextsOf } from "./campaign-translations.js";
import type { LetterTexts } from "./letter-segments.js";
import { readTranslationsRecord, translationsPath } from "./translations-file.fs.js";
import type { TranslationsRecord } from "./translations-record.js";

export interface TranslationContext {
  loaded: LoadedCampaign;
  workspace: string;
  sourceLanguage: string;
  /** Folder under templates/ of the source letter (a new translation goes beside it). */
  template: string;
  source: LetterTexts;
  record: TranslationsRecord;
  recordPath: string;
  /** Workspace-relative paths for messages and PO references. */
  files: { mjml: string; subject: string; text?: string | undefined; campaign: string; record: string };
  show: (abs: string) => string;
}

export async function readTranslationContext(
  workspace: string,
  campaignId: string,
): Promise<TranslationContext> {
  return translationContextOf(workspace, await loadCampaign(workspace, campaignId));
}

/** The context of a campaign already loaded (partner packs). */
export async function translationContextOf(
  workspace: string,
  loaded: LoadedCampaign,
): Promise<TranslationContext> {
  const sourceLanguage = loaded.campaign.defaultLanguage;
  const show = (abs: string) => relative(workspace, abs) || ".";
  const source = letterTextsOf(loaded, sourceLanguage);
  const letter = loaded.letters[sourceLanguage];
  if (!source || !letter)
    throw new InputError(
      "E_TEMPLATE_MISSING",
      `the source letter (${sourceLanguage}, the campaign's defaultLanguage) has no templates`,
      { problems: loaded.problems.filter((p) => p.code === "E_TEMPLATE_MISSING") },
    );
  const recordPath = translationsPath(loaded.paths.campaignDir);
  const record = await readTranslationsRecord(recordPath, show(recordPath));
  const campaignFile = show(loaded.paths.campaignFile);
  return {
    loaded,
    workspace,
    sourceLanguage,
    template: letter.template,
    source,
    record,
    recordPath,
    files: {
      mjml: letter.mjml.file,
      subject: letter.subject.file,
      text: letter.text?.file,
      campaign: campaignFile,
      record: show(recordPath),
    },
    show,
  };
}

/** Writes a translated letter; returns the workspace-relative files written. */
export async function writeLetterTexts(
  ctx: TranslationContext,
  language: string,
  texts: LetterTexts,
): Promise<string[]> {
  const campaign = ctx.loaded.campaign;
  const existing = campaign.letters[language as Language];
  const template = existing?.template ?? ctx.template;
  const dir = workspacePaths(ctx.workspace).letterDir(template);
  const written: string[] = [];
  const write = async (path: string, text: string) => {
    const before = await readFile(path, "utf8").catch(() => undefined);
    if (before === text) return;
    await writeFileAtomic(path, text);
    written.push(ctx.show(path));
  };
  await write(join(dir, `${language}.mjml`), texts.mjml);
  if (!existing?.subject) await write(join(dir, `${language}.subject.hbs`), texts.subject);
  if (texts.text !== undefined) await write(join(dir, `${language}.txt.hbs`), texts.text);
  const campaignChanged = await updateCampaignJson(ctx, campaign, language, texts, template);
  if (campaignChanged) written.push(ctx.files.campaign);
  return written;
}

/** campaign.json's letter entry: its salutations (and subject, when it lives there); a new letter's entry. */
async function updateCampaignJson(
  ctx: TranslationContext,
  campaign: Campaign,
  language: string,
  texts: LetterTexts,
  template: string,
): Promise<boolean> {
  const existing = campaign.letters[language as Language];
  const sameSubject = !existing?.subject || existing.subject === texts.subject;
  const sameSalutations =
    existing !== undefined && JSON.stringify(existing.salutations) === JSON.stringify(texts.salutations);
  if (existing && sameSubject && sameSalutations) return false;
  const path = ctx.loaded.paths.campaignFile;
  const json = JSON.parse(await readFile(path, "utf8")) as {
    letters: Record<string, Record<string, unknown>>;
  };
  const entry = json.letters[language] ?? { template, reviewed: false };
  entry.salutations = [...texts.salutations];
  if (existing?.subject) entry.subject = texts.subject;
  json.letters[language] = entry;
  await writeFileAtomic(path, JSON.stringify(json, null, 2) + "\n");
  return true;
}
