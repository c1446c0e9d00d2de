/**
 * A letter as PDF: the rendered letter (the website copy, or one contact's) laid out for print
 * (`print-html.ts`) in the bundled fonts and printed by the run's one browser (`pdf-printer.fs.ts`).
 * Effects: reads the font files; the printer drives the browser.
 */
import type { PlanEntry } from "../campaign/build-plan.js";
import type { Campaign } from "../campaign/campaign-schema.js";
import { InputError } from "../core/errors.js";
import type { CompiledLetter } from "../render/compile-letter.js";
import type { Renderer } from "../render/create-renderer.js";
import { dateFormatter } from "../render/merge-fields.js";
import { PAGE_NUMBER_FONT, PRINT_FONT_STACK, fontCss, pageNumberFontCss } from "./bundled-fonts.fs.js";
import { letterBlocks } from "./letter-blocks.js";
import { pageStrings } from "./page-strings.js";
import { renderPublicLetter } from "./public-letter.js";
import type { PaperSize, PdfPrinter } from "./pdf-printer.fs.js";
import { printedText, printHtml, type PrintDocument } from "./print-html.js";

/** How a run prints its letters; `paper` and `place` default to each letter's own (campaign.json). */
export interface PdfSettings {
  paper?: PaperSize | undefined;
  place?: string | undefined;
  /** The letter's date, `YYYY-MM-DD` (today by default, from the run's clock). */
  date: string;
}

/** The print document of a rendered letter: its blocks under the place and date, fonts inline. */
export async function letterPrintHtml(
  letter: CompiledLetter,
  campaign: Campaign,
  rendered: { html: string; subject: string },
  settings: PdfSettings,
): Promise<string> {
  const place = settings.place ?? campaign.letters[letter.language as keyof Campaign["letters"]]?.place;
  const date = dateFormatter(letter.base.locale)(settings.date);
  const strings = pageStrings(letter.language);
  const doc: Omit<PrintDocument, "fontCss"> = {
    lang: letter.language,
    dir: letter.base.dir,
    title: rendered.subject,
    dateLine: place ? `${place}${strings.placeDateSeparator}${date}` : date,
    blocks: letterBlocks(rendered.html),
    fontStack: PRINT_FONT_STACK,
  };
  return printHtml({ ...doc, fontCss: await fontCss(printedText(doc)) });
}

/** The paper a letter prints on: the run's choice, else the letter's `paper` in campaign.json. */
export function paperFor(campaign: Campaign, language: string, settings: PdfSettings): PaperSize {
  return settings.paper ?? campaign.letters[language as keyof Campaign["letters"]]?.paper ?? "a4";
}

export async function printLetterPdf(
  printer: PdfPrinter,
  letter: CompiledLetter,
  campaign: Campaign,
  rendered: { html: string; subject: string },
  settings: PdfSettings & { label: string },
): Promise<Uint8Array> {
  const html = await letterPrintHtml(letter, campaign, rendered, settings);
  return printer.print(html, {
    paper: paperFor(campaign, letter.language, settings),
    label: settings.label,
    pageNumberFont: { css: await pageNumberFontCss(), family: PAGE_NUMBER_FONT },
  });
}

/** Makes a run's PDFs: the website copy of each language once (kept for the run), and addressed letters. */
export interface LetterPdfMaker {
  /** The generic PDF of a language, made on first request and reused for the rest of the run. */
  generic(language: string): Promise<Uint8Array>;
  /** One contact's letter, addressed as the email would be (`renderer.render`). */
  addressed(entry: PlanEntry): Promise<Uint8Array>;
  /** How many generic PDFs were made (one per language asked for, however often it was asked). */
  readonly genericMade: number;
}

export function createLetterPdfMaker(
  campaign: Campaign,
  renderer: Pick<Renderer, "letterFor" | "render">,
  printer: PdfPrinter,
  settings: PdfSettings,
): LetterPdfMaker {
  const generic = new Map<string, Promise<Uint8Array>>();
  const letterOf = (language: string): CompiledLetter => {
    const letter = renderer.letterFor(language);
    if (!letter) {
      throw new InputError(
        "E_TEMPLATE_MISSING",
        `no compiled "${language}" letter in campaign ${campaign.id}`,
        {
          problems: [
            {
              file: `campaigns/${campaign.id}/campaign.json`,
              field: `letters.${language}`,
              message: "letter missing or broken",
            },
          ],
        },
      );
    }
    return letter;
  };
  return {
    generic(language) {
      let made = generic.get(language);
      if (!made) {
        const letter = letterOf(language);
        made = printLetterPdf(printer, letter, campaign, renderPublicLetter(letter), {
          ...settings,
          label: `the ${language} letter (website copy)`,
        });
        generic.set(language, made);
      }
      return made;
    },
    async addressed(entry) {
      const letter = letterOf(entry.language);
      const message = renderer.render(entry);
      return printLetterPdf(
        printer,
        letter,
        campaign,
        { html: message.mail.html, subject: message.mail.subject },
        { ...settings, label: `the ${entry.language} letter for contact ${entry.contact.id}` },
      );
    },
    get genericMade() {
      return generic.size;
    },
  };
}
