/** `outreach report <campaign>`: write the self-contained campaigns/<id>/report.html. */
import { formatProblem } from "../../core/errors.js";
import { writeReport } from "../../report/write-report.fs.js";
import type { CliContext } from "../context.js";

export async function runReport(ctx: CliContext, campaign: string): Promise<void> {
  const result = await writeReport(ctx.workspace, campaign, ctx.clock);
  for (const p of result.problems) ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
  const t = result.data.totals;
  ctx.stderr(
    `${t.contacts} contacts in ${t.countriesTargeted} countries: ${t.accepted} accepted, ${t.replied} replied, ` +
      `${t.bounced} bounced, ${t.failed} failed, ${t.uncertain} uncertain\n`,
  );
  ctx.stdout(`${result.path}\n`);
}
