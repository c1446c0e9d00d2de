/** `outreach partners export|import`: packs for national partner groups, and their outcomes back into the ledger. */
import { formatProblem } from "../../core/errors.js";
import { importPartnerCsv } from "../../inbox/import-partner-returns.fs.js";
import { exportPartnerPacks } from "../../report/partner-packs.fs.js";
import type { CliContext } from "../context.js";
import { EXIT_CODES } from "../exit-codes.js";

export async function runPartnersExport(
  ctx: CliContext,
  campaign: string,
  options: { partner?: string; out?: string },
): Promise<number> {
  const r = await exportPartnerPacks(ctx.workspace, campaign, options, ctx.clock);
  for (const p of r.problems) ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
  for (const pack of r.packs)
    ctx.stdout(`${pack.partner}\t${pack.contacts} contacts\t${pack.letters} letters\t${pack.dir}\n`);
  return r.problems.some((p) => (p.severity ?? "error") === "error")
    ? EXIT_CODES.finishedWithFailures
    : EXIT_CODES.success;
}

export async function runPartnersImport(
  ctx: CliContext,
  campaign: string,
  csv: string,
  options: { partner?: string },
): Promise<number> {
  const r = await importPartnerCsv(ctx.workspace, campaign, csv, options, ctx.clock);
  for (const p of r.problems) ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
  const rejected = r.problems.filter((p) => (p.severity ?? "error") === "error").length;
  ctx.stdout(
    `${r.recorded.length} outcomes recorded, ${r.duplicates} already recorded, ${r.blank} rows without outcome, ${rejected} rows rejected\n`,
  );
  if (r.directoryUpdated.length > 0)
    ctx.stdout(`directory: do-not-contact: ${r.directoryUpdated.join(", ")}\n`);
  return rejected > 0 ? EXIT_CODES.finishedWithFailures : EXIT_CODES.success;
}
