/**
 * `letters.<lang>.attachPdf: true`: the letter's website copy as PDF, attached to every message in that
 * language. Made once per language and letter revision (the hash of templates and signatories that
 * `compile-letter.ts` computes, and the paper and place), never per recipient: the file is kept in
 * `outbox/pdf-cache/` under that key, so a later run with the same signatory list reuses it without
 * starting a browser, and a new signature makes a new one. The messages carry it by path (the mail
 * composer streams it), so the sender's memory does not grow with the number of recipients. The PDF's
 * date is the list's latest signature, so the same revision always prints the same letter.
 * Effects: reads and writes the cache files; the printer runs the browser when a PDF is missing.
 */
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { LoadedCampaign } from "../campaign/loaded-campaign.js";
import { latestSignature } from "../campaign/signatory-schema.js";
import type { Language } from "../contacts/contact-schema.js";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import type { Renderer } from "../render/create-renderer.js";
import { createLetterPdfMaker, paperFor, type PdfSettings } from "./letter-pdf.fs.js";
import type { PdfPrinter } from "./pdf-printer.fs.js";

/** Bumped when the print layout changes, so cached PDFs of the old layout are not reused. */
const PRINT_LAYOUT = 1;

export interface AttachPdfsInput {
  loaded: LoadedCampaign;
  renderer: Pick<Renderer, "languages" | "letterFor" | "render">;
  /** Where the PDFs are kept between runs (`campaigns/<id>/outbox/pdf-cache`). */
  cacheDir: string;
  /** The run's printer, asked for only when a PDF has to be made. */
  openPrinter: () => Promise<PdfPrinter>;
  /** The date when the campaign has no signatories yet (`YYYY-MM-DD`). */
  today: string;
}

export interface AttachedPdf {
  language: string;
  path: string;
  /** False when the cache already had it. */
  made: boolean;
}

/** Attaches each `attachPdf` letter's PDF to its compiled letter; returns what was attached. */
export async function attachLetterPdfs(input: AttachPdfsInput): Promise<AttachedPdf[]> {
  const { campaign } = input.loaded;
  const languages = input.renderer.languages.filter(
    (l) => campaign.letters[l as Language]?.attachPdf === true,
  );
  if (languages.length === 0) return [];
  const settings: PdfSettings = { date: latestSignature(input.loaded.signatories) ?? input.today };
  let printer: PdfPrinter | undefined;
  const attached: AttachedPdf[] = [];
  for (const language of languages) {
    const letter = input.renderer.letterFor(language);
    if (!letter) continue;
    const key = cacheKey(
      letter.revision,
      paperFor(campaign, language, settings),
      campaign.letters[language as Language]?.place,
    );
    const path = join(input.cacheDir, `${campaign.id}-${language}-${key}.pdf`);
    let bytes = await sizeOf(path);
    const made = bytes === undefined;
    if (bytes === undefined) {
      printer ??= await input.openPrinter();
      const pdf = await createLetterPdfMaker(campaign, input.renderer, printer, settings).generic(language);
      await writeFileAtomic(path, pdf);
      bytes = pdf.length;
    }
    // The compiled letter's attachments are what every message of the language carries (build-mail.ts).
    letter.attachments.push({
      filename: `${campaign.id}-${language}.pdf`,
      path,
      contentType: "application/pdf",
      bytes,
    });
    attached.push({ language, path, made });
  }
  return attached;
}

function cacheKey(revision: string, paper: string, place: string | undefined): string {
  return createHash("sha256")
    .update(JSON.stringify([PRINT_LAYOUT, revision, paper, place ?? null]))
    .digest("hex")
    .slice(0, 12);
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() && s.size > 0 ? s.size : undefined;
  } catch {
    return undefined;
  }
}
