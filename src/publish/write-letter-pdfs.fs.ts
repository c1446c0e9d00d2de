/**
 * `letter pdf`: the letter as PDF, generic (the website copy, one per language) or addressed to
 * contacts for delivery by hand (one per contact, as the email would read). Input: a campaign and the
 * languages or contacts asked for. Output: PDF files in a folder (default `campaigns/<id>/outbox/pdf/`).
 * Effects: writes the files atomically; the printer runs the browser.
 */
import { join, resolve } from "node:path";
import pLimit from "p-limit";
import { buildPlan } from "../campaign/build-plan.js";
import { loadCampaign } from "../campaign/load-campaign.fs.js";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import { throwIfProblems } from "../core/errors.js";
import { workspacePaths } from "../core/workspace.js";
import { readWorkspaceSecret } from "../core/workspace-secret.fs.js";
import { createRenderer } from "../render/create-renderer.js";
import { findPlanEntry } from "../render/show-message.js";
import { readTranslationReview } from "../translations/review-translations.fs.js";
import { createLetterPdfMaker, type PdfSettings } from "./letter-pdf.fs.js";
import type { PdfPrinter } from "./pdf-printer.fs.js";

export interface LetterPdfInput {
  workspace: string;
  campaignId: string;
  /** Generic PDFs of these languages (default: every language with a letter, when no contact is named). */
  languages?: readonly string[] | undefined;
  /** Addressed PDFs for these contacts. */
  contacts?: readonly string[] | undefined;
  out?: string | undefined;
  settings: PdfSettings;
  printer: PdfPrinter;
}

export interface WrittenPdf {
  path: string;
  language: string;
  /** The contact it is addressed to; absent for the generic copy. */
  contact?: string;
  bytes: number;
}

export interface LetterPdfResult {
  dir: string;
  pdfs: WrittenPdf[];
  /** Languages of the PDFs whose translation is not reviewed yet (said before anyone prints them). */
  unreviewed: string[];
}

export async function writeLetterPdfs(input: LetterPdfInput): Promise<LetterPdfResult> {
  const loaded = await loadCampaign(input.workspace, input.campaignId);
  const { campaign } = loaded;
  const key = input.contacts?.length
    ? await readWorkspaceSecret(workspacePaths(input.workspace).secret)
    : undefined;
  const renderer = await createRenderer(loaded, key ? { messageIdKey: key } : {});
  throwIfProblems("E_PLAN", `the letters of campaign ${campaign.id} have problems; no PDF was made`, [
    ...renderer.problems,
  ]);
  const dir = resolve(input.out ?? join(workspacePaths(input.workspace).outbox(campaign.id), "pdf"));
  const maker = createLetterPdfMaker(campaign, renderer, input.printer, input.settings);
  const jobs: { name: string; language: string; contact?: string; make: () => Promise<Uint8Array> }[] = [];
  if (input.contacts?.length) {
    const plan = buildPlan(loaded);
    for (const id of input.contacts) {
      const entry = findPlanEntry(plan.entries, loaded.contacts, campaign.id, id);
      jobs.push({
        name: `${campaign.id}-${entry.language}-${safeFileName(id)}.pdf`,
        language: entry.language,
        contact: id,
        make: () => maker.addressed(entry),
      });
    }
  }
  const languages =
    input.languages ?? (input.contacts?.length ? [] : orderedLanguages(campaign.letters, renderer.languages));
  for (const language of languages) {
    jobs.push({ name: `${campaign.id}-${language}.pdf`, language, make: () => maker.generic(language) });
  }
  // A few letters in flight at a time (the printer prints two at once): each holds its print document,
  // fonts inline, until printed, so 200 letters never sit in memory together.
  const limit = pLimit(4);
  const print = (job: (typeof jobs)[number]) =>
    limit(async (): Promise<WrittenPdf> => {
      const bytes = await job.make();
      const path = join(dir, job.name);
      await writeFileAtomic(path, bytes);
      return {
        path,
        language: job.language,
        ...(job.contact ? { contact: job.contact } : {}),
        bytes: bytes.length,
      };
    });
  // Queued language by language, so the printer's pages keep one language's fonts loaded; listed as asked.
  const queued = new Map(byLanguage(jobs).map((job) => [job, print(job)]));
  const pdfs = await Promise.all(jobs.map((job) => queued.get(job) as Promise<WrittenPdf>));
  const review = (await readTranslationReview(loaded)).states;
  const unreviewed = [...new Set(pdfs.map((p) => p.language))]
    .filter((l) => review.get(l)?.reviewed !== true)
    .sort();
  return { dir, pdfs, unreviewed };
}

/** Items grouped by language (stable within a language): letters of one language print one after another. */
export function byLanguage<T extends { language: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.language < b.language ? -1 : a.language > b.language ? 1 : 0));
}

/** The campaign's letter languages in its own order, those that compiled. */
export function orderedLanguages(letters: object, compiled: readonly string[]): string[] {
  return Object.keys(letters).filter((l) => compiled.includes(l));
}

/** A contact id as a file name (ids are mostly safe already; anything else becomes `_`). */
export function safeFileName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, "_");
}
