/** `outreach report <campaign>`: write the self-contained campaigns/<id>/report.html (or `--out FILE`). */
import { resolve } from "node:path";
import { formatProblem } from "../../core/errors.js";
import { writeReport } from "../../report/write-report.fs.js";
import type { CliContext } from "../context.js";
import type { ReportOptions } from "../definitions/report.js";
import { formatJson } from "../output.js";

export async function runReport(ctx: CliContext, campaign: string, options: ReportOptions): Promise<void> {
  const out = options.out === undefined ? undefined : resolve(options.out);
  const result = await writeReport(ctx.workspace, campaign, ctx.clock, out === undefined ? {} : { out });
  for (const p of result.problems) ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
  const t = result.data.totals;
  ctx.stderr(
    `${t.contacts} contacts in ${t.countriesTargeted} countries: ${t.accepted} accepted, ${t.replied} replied, ` +
      `${t.bounced} bounced, ${t.failed} failed, ${t.uncertain} uncertain\n`,
  );
  if (options.format === "json") {
    const targeted = result.data.countries.filter((c) => c.contacts > 0);
    ctx.stdout(
      formatJson({ campaign, path: result.path, totals: t, countries: targeted, problems: result.problems }),
    );
    return;
  }
  ctx.stdout(`${result.path}\n`);
}
