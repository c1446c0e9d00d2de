/** `outreach report <campaign>`: write the self-contained campaigns/<id>/report.html. */
import type { Command } from "commander";
import { formatProblem } from "../../core/errors.js";
import { writeReport } from "../../track/write-report.fs.js";
import type { CliContext } from "../context.js";
import { withExample, type CommandResult } from "../program.js";

export function registerReportCommand(parent: Command, ctx: CliContext, _result: CommandResult): void {
  withExample(
    parent
      .command("report")
      .description(
        "write campaigns/<id>/report.html: totals, world map by status, per-country table, messages per day, reasons (works offline)",
      )
      .argument("<campaign>", "campaign id")
      .action(async (campaign: string) => {
        const result = await writeReport(ctx.workspace, campaign, ctx.clock);
        for (const p of result.problems) ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
        const t = result.data.totals;
        ctx.stderr(
          `${t.contacts} contacts in ${t.countriesTargeted} countries: ${t.accepted} accepted, ${t.replied} replied, ` +
            `${t.bounced} bounced, ${t.failed} failed, ${t.uncertain} uncertain\n`,
        );
        ctx.stdout(`${result.path}\n`);
      }),
    "outreach report wcit-2012",
  );
}
