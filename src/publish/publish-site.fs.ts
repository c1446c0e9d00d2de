/**
 * Publish stage. Input: a campaign. Output: a static folder to post (default `campaigns/<id>/site/`):
 * `<lang>.html` per reviewed language (the letter as rendered for the website, `site-pages.ts`),
 * `<campaign>-<lang>.pdf` (the website copy as PDF, made once per language by the run's one browser),
 * `index.html`. Re-running after new signatures rewrites it; files of the previous run that this one
 * did not write are removed (only those: `site-manifest.ts`). Effects: writes files atomically, removes
 * stale ones, runs the browser.
 */
import { readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Campaign } from "../campaign/campaign-schema.js";
import { loadCampaign } from "../campaign/load-campaign.fs.js";
import type { Language } from "../contacts/contact-schema.js";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import { throwIfProblems } from "../core/errors.js";
import { workspacePaths } from "../core/workspace.js";
import { createRenderer, type Renderer } from "../render/create-renderer.js";
import { directionOf } from "../render/merge-fields.js";
import { readTranslationReview } from "../translations/review-translations.fs.js";
import { letterBlocks, type LetterBlock } from "./letter-blocks.js";
import { createLetterPdfMaker, type PdfSettings } from "./letter-pdf.fs.js";
import type { PdfPrinter } from "./pdf-printer.fs.js";
import { renderPublicLetter } from "./public-letter.js";
import { isSiteFileName, MANIFEST_FILE, manifestText, parseManifest, staleFiles } from "./site-manifest.js";
import { indexPage, letterPage, type SiteLanguage } from "./site-pages.js";

export interface PublishInput {
  workspace: string;
  campaignId: string;
  out?: string | undefined;
  /** Publish unreviewed translations too (they are left out otherwise, like a real send). */
  allowUnreviewed: boolean;
  settings: PdfSettings;
  /** The run's browser; none: pages only, without PDFs. */
  printer?: PdfPrinter | undefined;
}

export interface PublishResult {
  dir: string;
  languages: string[];
  /** Languages left out because their translation is not reviewed. */
  unreviewed: string[];
  /** Files written, relative to `dir`. */
  files: string[];
  /** Files of the previous run removed, relative to `dir`. */
  removed: string[];
  pdfs: number;
}

export async function publishSite(input: PublishInput): Promise<PublishResult> {
  const loaded = await loadCampaign(input.workspace, input.campaignId);
  const renderer = await createRenderer(loaded);
  throwIfProblems(
    "E_PLAN",
    `the letters of campaign ${input.campaignId} have problems; nothing was published`,
    [...renderer.problems],
  );
  const { campaign } = loaded;
  const dir = resolve(input.out ?? join(workspacePaths(input.workspace).campaignDir(campaign.id), "site"));
  const ordered = (Object.keys(campaign.letters) as Language[]).filter((l) => renderer.languages.includes(l));
  // The send gate's rule (approved as it is now, or marked reviewed): posting a letter is sending it to all.
  const review = input.allowUnreviewed ? undefined : (await readTranslationReview(loaded)).states;
  const unreviewed = review ? ordered.filter((l) => review.get(l)?.reviewed !== true) : [];
  const languages = ordered.filter((l) => !unreviewed.includes(l));
  const site = languages.map((lang) => siteLanguage(campaign, renderer, lang, Boolean(input.printer)));

  const files: string[] = [];
  const write = async (name: string, data: string | Uint8Array) => {
    await writeFileAtomic(join(dir, name), data);
    files.push(name);
  };
  // The PDFs first: a page is written only once the PDF it links to is there.
  if (input.printer) {
    const maker = createLetterPdfMaker(campaign, renderer, input.printer, input.settings);
    const pdfs = await Promise.all(site.map((s) => maker.generic(s.language.lang)));
    for (const [i, s] of site.entries())
      if (s.language.pdf) await write(s.language.pdf, pdfs[i] as Uint8Array);
  }
  const signOnAddress = signOnAddressOf(campaign);
  const all = site.map((s) => s.language);
  const campaignLang = { lang: campaign.defaultLanguage, dir: directionOf(campaign.defaultLanguage) };
  for (const s of site) {
    const page = letterPage({
      campaignName: campaign.name,
      campaignLang,
      language: s.language,
      languages: all,
      blocks: s.blocks,
      signOnAddress,
      indexPage: "index.html",
    });
    await write(s.language.page, page);
  }
  await write(
    "index.html",
    indexPage({ campaignName: campaign.name, ...campaignLang, languages: all, signOnAddress }),
  );
  const removed = await removeStale(dir, files);
  await writeFileAtomic(join(dir, MANIFEST_FILE), manifestText(campaign.id, files));
  return { dir, languages, unreviewed, files, removed, pdfs: input.printer ? site.length : 0 };
}

/** Where organisations write to sign: the campaign's sign-on address, else its reply-to, else the sender. */
export function signOnAddressOf(campaign: Campaign): string {
  return campaign.signOnAddress ?? campaign.replyTo?.email ?? campaign.sender.email;
}

function siteLanguage(
  campaign: Campaign,
  renderer: Renderer,
  lang: string,
  withPdf: boolean,
): { language: SiteLanguage; blocks: LetterBlock[] } {
  const letter = renderer.letterFor(lang);
  if (!letter) throw new Error(`no compiled letter for ${lang}`);
  const copy = renderPublicLetter(letter);
  return {
    language: {
      lang,
      dir: letter.base.dir,
      title: copy.subject,
      page: `${lang}.html`,
      pdf: withPdf ? `${campaign.id}-${lang}.pdf` : undefined,
    },
    blocks: letterBlocks(copy.html),
  };
}

/** Removes the previous run's files that this run did not write; returns their names. */
async function removeStale(dir: string, written: readonly string[]): Promise<string[]> {
  const previous = parseManifest(await readFile(join(dir, MANIFEST_FILE), "utf8").catch(() => undefined));
  const stale = staleFiles(previous, written).filter(isSiteFileName);
  for (const name of stale) await rm(join(dir, name), { force: true });
  return stale;
}
