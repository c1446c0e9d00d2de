/**
 * `outreach letter pdf <campaign>`: finds the browser, prints the PDFs asked for (`writeLetterPdfs`)
 * with one browser for the whole run, and lists the files. Also the pieces `publish` and
 * `partners export` share: the PDF settings from the options, and the run's printer.
 */
import { InputError } from "../../core/errors.js";
import { findBrowser } from "../../publish/find-browser.fs.js";
import type { PdfSettings } from "../../publish/letter-pdf.fs.js";
import { createPdfPrinter, type PdfPrinter } from "../../publish/pdf-printer.fs.js";
import { writeLetterPdfs } from "../../publish/write-letter-pdfs.fs.js";
import type { CliContext } from "../context.js";
import type { LetterPdfOptions, PdfOptions } from "../definitions/letter.js";
import { formatJson } from "../output.js";

export async function runLetterPdf(
  ctx: CliContext,
  campaignId: string,
  opts: LetterPdfOptions,
): Promise<void> {
  const settings = pdfSettings(ctx, opts);
  const languages = listOption(opts.lang);
  const contacts = listOption(opts.contact);
  const printer = await openPrinter(ctx, opts);
  try {
    const result = await writeLetterPdfs({
      workspace: ctx.workspace,
      campaignId,
      languages,
      contacts,
      out: opts.out,
      settings,
      printer,
    });
    if (result.unreviewed.length) {
      ctx.stderr(
        `warning: not reviewed yet (have a native speaker check it before it is printed): ${result.unreviewed.join(", ")}\n`,
      );
    }
    ctx.stderr(
      `${result.pdfs.length} PDF(s) in ${result.dir}; browser ${printer.browserPath}, started ${printer.launches} time(s)\n`,
    );
    if (opts.format === "json") {
      ctx.stdout(
        formatJson({
          campaign: campaignId,
          dir: result.dir,
          pdfs: result.pdfs,
          unreviewed: result.unreviewed,
          browserLaunches: printer.launches,
        }),
      );
      return;
    }
    for (const pdf of result.pdfs) ctx.stdout(`${pdf.path}\n`);
  } finally {
    await printer.close();
  }
}

/** `--paper`, `--place`, `--date` as the PDF makers take them; the date defaults to today (the run's clock). */
export function pdfSettings(ctx: Pick<CliContext, "clock">, opts: PdfOptions): PdfSettings {
  const date = opts.date ?? new Date(ctx.clock.now()).toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new InputError("E_USAGE", `--date must be a date as YYYY-MM-DD, not ${date}`);
  }
  return { date, ...(opts.paper ? { paper: opts.paper } : {}), ...(opts.place ? { place: opts.place } : {}) };
}

/** The run's one printer, with the browser `--browser`, `$OUTREACH_BROWSER` or the usual places give. */
export async function openPrinter(
  ctx: Pick<CliContext, "env">,
  opts: Pick<PdfOptions, "browser">,
): Promise<PdfPrinter> {
  return createPdfPrinter(await findBrowser({ explicit: opts.browser, env: ctx.env }));
}

function listOption(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  return items.length ? [...new Set(items)] : undefined;
}
