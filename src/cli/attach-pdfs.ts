/**
 * The hook `send` and `preview` give the render stage for `letters.<lang>.attachPdf`: the letter's PDF
 * made (or found in `outbox/pdf-cache/`) once per language and revision, attached to the compiled
 * letter. The publish stage and the browser are loaded only when a letter asks for its PDF.
 */
import type { LoadedCampaign } from "../campaign/loaded-campaign.js";
import { isOutreachError, type Problem } from "../core/errors.js";
import { workspacePaths } from "../core/workspace.js";
import type { Renderer } from "../render/create-renderer.js";
import type { PackLetters } from "../report/partner-packs.fs.js";
import type { CliContext } from "./context.js";

export async function attachLetterPdfsFor(
  ctx: Pick<CliContext, "workspace" | "env" | "clock" | "stderr">,
  loaded: LoadedCampaign,
  renderer: Renderer,
): Promise<void> {
  if (!Object.values(loaded.campaign.letters).some((l) => l?.attachPdf === true)) return;
  const [{ attachLetterPdfs }, { findBrowser }, { createPdfPrinter }] = await Promise.all([
    import("../publish/attach-letter-pdfs.fs.js"),
    import("../publish/find-browser.fs.js"),
    import("../publish/pdf-printer.fs.js"),
  ]);
  let printer: Awaited<ReturnType<typeof createPdfPrinter>> | undefined;
  try {
    const attached = await attachLetterPdfs({
      loaded,
      renderer,
      cacheDir: `${workspacePaths(ctx.workspace).outbox(loaded.campaign.id)}/pdf-cache`,
      openPrinter: async () => (printer = createPdfPrinter(await findBrowser({ env: ctx.env }))),
      today: new Date(ctx.clock.now()).toISOString().slice(0, 10),
    });
    for (const a of attached) {
      ctx.stderr(`attaching ${a.path}${a.made ? " (made now)" : ""} to the ${a.language} letters\n`);
    }
  } finally {
    await printer?.close();
  }
}

/**
 * The hook `partners export` gives the report stage: each pack gets its languages' page and PDFs and
 * one PDF per contact delivered by hand. No browser found is a warning (the pages are still written);
 * `--no-pdf` asks for none. `close` stops the browser when the export is done.
 */
export async function partnerPackLetters(
  ctx: Pick<CliContext, "env" | "clock">,
  opts: { pdf?: boolean; browser?: string | undefined },
): Promise<{ hook: PackLetters; close: () => Promise<void> }> {
  const [{ createPackLetters }, { findBrowser }, { createPdfPrinter }] = await Promise.all([
    import("../publish/partner-pack-letters.fs.js"),
    import("../publish/find-browser.fs.js"),
    import("../publish/pdf-printer.fs.js"),
  ]);
  let printer: ReturnType<typeof createPdfPrinter> | undefined;
  let browserProblem: Problem | undefined;
  if (opts.pdf !== false) {
    try {
      printer = createPdfPrinter(await findBrowser({ explicit: opts.browser, env: ctx.env }));
    } catch (e) {
      if (!isOutreachError(e) || e.code !== "E_BROWSER_NOT_FOUND") throw e;
      browserProblem = {
        severity: "warning",
        code: "E_BROWSER_NOT_FOUND",
        message: `${e.message}: the packs have the letter's pages but no PDFs (${e.hint ?? ""})`,
      };
    }
  }
  const hook = createPackLetters({
    printer,
    browserProblem,
    settings: { date: new Date(ctx.clock.now()).toISOString().slice(0, 10) },
  });
  return { hook, close: async () => printer?.close() };
}
