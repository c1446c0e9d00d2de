/** `outreach publish <campaign>`: the static site to post, pages and PDFs (`publishSite`), one browser per run. */
import { publishSite } from "../../publish/publish-site.fs.js";
import type { PdfPrinter } from "../../publish/pdf-printer.fs.js";
import type { CliContext } from "../context.js";
import type { PublishOptions } from "../definitions/publish.js";
import { formatJson } from "../output.js";
import { openPrinter, pdfSettings } from "./letter.js";

export async function runPublish(ctx: CliContext, campaignId: string, opts: PublishOptions): Promise<void> {
  const settings = pdfSettings(ctx, opts);
  const printer: PdfPrinter | undefined = opts.pdf ? await openPrinter(ctx, opts) : undefined;
  try {
    const result = await publishSite({
      workspace: ctx.workspace,
      campaignId,
      out: opts.out,
      allowUnreviewed: Boolean(opts.allowUnreviewed),
      settings,
      printer,
    });
    if (result.unreviewed.length) {
      ctx.stderr(
        `left out, not reviewed yet: ${result.unreviewed.join(", ")} (mark them reviewed in campaign.json, or --allow-unreviewed)\n`,
      );
    }
    for (const name of result.removed)
      ctx.stderr(`removed ${name} (written by the previous run, not by this one)\n`);
    ctx.stderr(
      `published ${result.languages.length} language(s) (${result.languages.join(", ")}), ${result.pdfs} PDF(s)` +
        (printer ? `; browser started ${printer.launches} time(s)` : "") +
        "\n",
    );
    if (opts.format === "json") {
      ctx.stdout(formatJson({ campaign: campaignId, ...result, browserLaunches: printer?.launches ?? 0 }));
      return;
    }
    ctx.stdout(`${result.dir}/index.html\n`);
  } finally {
    await printer?.close();
  }
}
