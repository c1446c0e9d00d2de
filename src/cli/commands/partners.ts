/**
 * `outreach partners export|import`: packs for national partner groups, and their outcomes back into the
 * ledger. Text for people by default; `--format json` prints one object on stdout and the text on stderr.
 */
import { formatProblem, type Problem } from "../../core/errors.js";
import { importPartnerCsv, type PartnerImportResult } from "../../inbox/import-partner-returns.fs.js";
import { exportPartnerPacks } from "../../report/partner-packs.fs.js";
import { unreviewedNotice } from "../../report/partner-readme.js";
import { partnerPackLetters } from "../attach-pdfs.js";
import type { CliContext } from "../context.js";
import type { PartnersExportOptions, PartnersImportOptions } from "../definitions/partners.js";
import { EXIT_CODES } from "../exit-codes.js";
import { formatJson } from "../output.js";

const isError = (p: Problem) => (p.severity ?? "error") === "error";
const problemLine = (p: Problem) => `${p.severity ?? "error"}: ${formatProblem(p)}\n`;

export async function runPartnersExport(
  ctx: CliContext,
  campaign: string,
  options: PartnersExportOptions,
): Promise<number> {
  const json = options.format === "json";
  // Each pack also gets its languages' page and PDFs (src/publish/), printed by one browser for all packs.
  const letters = await partnerPackLetters(ctx, options);
  const r = await exportPartnerPacks(
    ctx.workspace,
    campaign,
    { ...options, addLetters: letters.hook },
    ctx.clock,
  ).finally(letters.close);
  for (const p of r.problems) ctx.stderr(problemLine(p));
  // One line per partner and language whose letters are a draft translation: said before anyone delivers them.
  const warnings = r.packs.flatMap((pack) =>
    pack.unreviewed.map((language) => ({
      partner: pack.partner,
      language,
      message: `${unreviewedNotice(language)} (campaign.json: letters.${language}.reviewed is false)`,
    })),
  );
  for (const w of warnings) ctx.stderr(`warning: ${w.partner}: ${w.message}\n`);
  const human = json ? ctx.stderr : ctx.stdout;
  for (const pack of r.packs)
    human(`${pack.partner}\t${pack.contacts} contacts\t${pack.letters} letters\t${pack.dir}\n`);
  const errors = r.problems.filter(isError).length;
  if (json) {
    const sum = (f: (p: (typeof r.packs)[number]) => number) => r.packs.reduce((n, p) => n + f(p), 0);
    ctx.stdout(
      formatJson({
        command: "partners export",
        campaign,
        counts: {
          packs: r.packs.length,
          contacts: sum((p) => p.contacts),
          letters: sum((p) => p.letters),
          files: sum((p) => p.files.length),
          warnings: warnings.length,
          errors,
        },
        packs: r.packs,
        warnings,
        problems: r.problems.map((p) => ({ ...p, severity: p.severity ?? "error" })),
      }),
    );
  }
  return errors > 0 ? EXIT_CODES.finishedWithFailures : EXIT_CODES.success;
}

export async function runPartnersImport(
  ctx: CliContext,
  campaign: string,
  csv: string,
  options: PartnersImportOptions,
): Promise<number> {
  const json = options.format === "json";
  const r = await importPartnerCsv(ctx.workspace, campaign, csv, options, ctx.clock);
  for (const p of r.problems) ctx.stderr(problemLine(p));
  (json ? ctx.stderr : ctx.stdout)(`${importSummary(r)}\n`);
  // The rejected rows' problems, under the summary that counts the rows: a row with two problems is one row.
  for (const row of r.rejected) for (const p of row.problems) ctx.stderr(`  ${formatProblem(p)}\n`);
  if (r.directoryUpdated.length > 0)
    (json ? ctx.stderr : ctx.stdout)(`directory: do-not-contact: ${r.directoryUpdated.join(", ")}\n`);
  if (json) {
    ctx.stdout(
      formatJson({
        command: "partners import",
        campaign,
        file: csv,
        partner: r.partner ?? null,
        counts: {
          rows: r.rows,
          recorded: r.recorded.length,
          alreadyRecorded: r.duplicates,
          withoutOutcome: r.blank,
          rejected: r.rejected.length,
        },
        recorded: r.recorded,
        rejected: r.rejected.map(({ line, contact, problems }) => ({ line, contact, problems })),
        problems: r.problems.map((p) => ({ ...p, severity: p.severity ?? "error" })),
        directoryUpdated: r.directoryUpdated,
      }),
    );
  }
  return r.rejected.length > 0 || r.problems.some(isError)
    ? EXIT_CODES.finishedWithFailures
    : EXIT_CODES.success;
}

function importSummary(r: PartnerImportResult): string {
  return (
    `${r.recorded.length} outcomes recorded, ${r.duplicates} already recorded, ` +
    `${r.blank} row(s) without outcome, ${r.rejected.length} row(s) rejected`
  );
}
