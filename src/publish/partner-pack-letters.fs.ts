/**
 * What a partner pack gets from the publish stage, so partners can post and circulate the letter too:
 * `site/<lang>.html` for each language of its letters (and the partner's own), with how to sign; the
 * website copy as PDF beside it, made once per language for all packs of the run; and one addressed
 * PDF per contact the partner delivers by hand (`delivery: "partner"`), in `letters/`. Without a
 * browser the pages are still written and a warning says the PDFs are missing. Effects: writes the
 * pack's files atomically; the printer runs the browser.
 */
import { join } from "node:path";
import type { PlanEntry } from "../campaign/build-plan.js";
import type { LoadedCampaign } from "../campaign/loaded-campaign.js";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import { isOutreachError, type Problem } from "../core/errors.js";
import type { Renderer } from "../render/create-renderer.js";
import { directionOf } from "../render/merge-fields.js";
import { letterBlocks } from "./letter-blocks.js";
import { createLetterPdfMaker, type LetterPdfMaker, type PdfSettings } from "./letter-pdf.fs.js";
import type { PdfPrinter } from "./pdf-printer.fs.js";
import { signOnAddressOf } from "./publish-site.fs.js";
import { renderPublicLetter } from "./public-letter.js";
import { letterPage, type SiteLanguage } from "./site-pages.js";
import { byLanguage, safeFileName } from "./write-letter-pdfs.fs.js";

export interface PackLettersOptions {
  /** The run's printer; undefined when no browser was found (`browserProblem` says why). */
  printer: PdfPrinter | undefined;
  browserProblem?: Problem | undefined;
  settings: PdfSettings;
}

export interface PackInput {
  partner: { id: string; language: string };
  dir: string;
  entries: readonly PlanEntry[];
  loaded: LoadedCampaign;
  renderer: Pick<Renderer, "languages" | "letterFor" | "render">;
  problems: Problem[];
}

/** The hook `partners export` hands to the report stage: one call per pack, one PDF maker for all. */
export function createPackLetters(options: PackLettersOptions): (pack: PackInput) => Promise<string[]> {
  let maker: LetterPdfMaker | undefined;
  let warned = false;
  return async (pack) => {
    const { campaign } = pack.loaded;
    if (options.printer)
      maker ??= createLetterPdfMaker(campaign, pack.renderer, options.printer, options.settings);
    else if (!warned && options.browserProblem) {
      warned = true;
      pack.problems.push(options.browserProblem);
    }
    const wanted = new Set([...pack.entries.map((e) => e.language), pack.partner.language]);
    const languages = Object.keys(campaign.letters).filter(
      (l) => wanted.has(l) && pack.renderer.languages.includes(l),
    );
    const written: string[] = [];
    const write = async (path: string, data: string | Uint8Array) => {
      await writeFileAtomic(join(pack.dir, path), data);
      written.push(join(pack.dir, path));
    };
    const site = languages.map((lang) => {
      const copy = renderPublicLetter(
        pack.renderer.letterFor(lang) as NonNullable<ReturnType<Renderer["letterFor"]>>,
      );
      const language: SiteLanguage = {
        lang,
        dir: directionOf(lang),
        title: copy.subject,
        page: `${lang}.html`,
        pdf: maker ? `${campaign.id}-${lang}.pdf` : undefined,
      };
      return { language, blocks: letterBlocks(copy.html) };
    });
    for (const s of site) {
      if (maker && s.language.pdf)
        await write(join("site", s.language.pdf), await maker.generic(s.language.lang));
      const page = letterPage({
        campaignName: campaign.name,
        campaignLang: { lang: campaign.defaultLanguage, dir: directionOf(campaign.defaultLanguage) },
        language: s.language,
        languages: site.map((o) => o.language),
        blocks: s.blocks,
        signOnAddress: signOnAddressOf(campaign),
        indexPage: `${s.language.lang}.html`,
      });
      await write(join("site", s.language.page), page);
    }
    if (maker) await handDelivered(maker, pack, write);
    return written;
  };
}

/** One addressed PDF per contact the partner delivers by hand; a letter that cannot render is a problem. */
async function handDelivered(
  maker: LetterPdfMaker,
  pack: PackInput,
  write: (path: string, data: Uint8Array) => Promise<void>,
): Promise<void> {
  for (const entry of byLanguage(pack.entries.filter((e) => e.delivery === "partner"))) {
    const path = join("letters", `${safeFileName(entry.contact.id)}.pdf`);
    try {
      await write(path, await maker.addressed(entry));
    } catch (e) {
      if (!isOutreachError(e) || e.code === "E_PDF_RENDER" || e.code === "E_BROWSER_LAUNCH") throw e;
      pack.problems.push(
        ...(e.problems.length ? e.problems : [{ message: `${entry.contact.id}: ${e.message}` }]),
      );
    }
  }
}
