/** `outreach status <campaign>`: the state of every targeted contact, or counts grouped by country, partner, language or organisation. */
import { Option, type Command } from "commander";
import { formatProblem } from "../../core/errors.js";
import { CONTACT_STATES } from "../../track/fold-status.js";
import { readCampaignStatus } from "../../track/campaign-status.fs.js";
import { countStates, groupStatusRows, STATUS_GROUPS, type StatusGroup } from "../../track/status-rows.js";
import type { CliContext } from "../context.js";
import { formatCsv, formatJson, formatTable, OUTPUT_FORMATS, type OutputFormat } from "../output.js";
import { withExample, type CommandResult } from "../program.js";

export function registerStatusCommand(parent: Command, ctx: CliContext, _result: CommandResult): void {
  withExample(
    parent
      .command("status")
      .description(
        "state of every targeted contact: planned, sent, deferred, failed, uncertain, skipped, bounced, auto-replied, replied, delivered-by-partner",
      )
      .argument("<campaign>", "campaign id (folder under campaigns/)")
      .addOption(
        new Option("--by <group>", "counts per group instead of one line per contact").choices(STATUS_GROUPS),
      )
      .addOption(new Option("--format <format>", "output format").choices(OUTPUT_FORMATS).default("table"))
      .action(async (campaign: string, options: { by?: StatusGroup; format: OutputFormat }) => {
        const status = await readCampaignStatus(ctx.workspace, campaign);
        for (const p of status.ledgerProblems) ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
        const { rows } = status;
        const totals = countStates(rows);
        const uncertain = rows.filter((r) => r.state === "uncertain");
        const groups = options.by ? groupStatusRows(rows, options.by) : undefined;

        if (options.format === "json") {
          ctx.stdout(
            formatJson({
              campaign,
              totals,
              ...(groups ? { by: options.by, groups } : {}),
              uncertain: uncertain.map((r) => r.contact),
              contacts: rows,
            }),
          );
          return;
        }
        const format = options.format === "csv" ? formatCsv : formatTable;
        if (groups) {
          ctx.stdout(
            format(
              [options.by ?? "group", "total", ...CONTACT_STATES],
              groups.map((g) => [g.key, g.total, ...CONTACT_STATES.map((s) => g.counts[s])]),
            ),
          );
        } else {
          ctx.stdout(
            format(
              [
                "contact",
                "country",
                "organisation",
                "language",
                "partner",
                "delivery",
                "state",
                "last_event",
                "detail",
              ],
              rows.map((r) => [
                r.contact,
                r.country,
                r.organisation,
                r.language,
                r.partner,
                r.delivery,
                r.state,
                r.lastEventAt,
                r.detail,
              ]),
            ),
          );
        }
        if (options.format === "table") {
          const summary = CONTACT_STATES.filter((s) => totals[s] > 0).map((s) => `${s} ${totals[s]}`);
          ctx.stdout(`\n${rows.length} contacts: ${summary.join(", ") || "none"}\n`);
          if (uncertain.length > 0) {
            ctx.stdout(
              `uncertain (attempted, outcome unknown; never re-sent automatically): ${uncertain.map((r) => r.contact).join(", ")}\n` +
                `  check the server's logs, then \`outreach send ${campaign} --retry-uncertain\` or \`outreach mark\`\n`,
            );
          }
        }
      }),
    "outreach status wcit-2012",
    "outreach status wcit-2012 --by country --format csv",
  );
}
