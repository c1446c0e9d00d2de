/** `outreach directory history <contact>`: every campaign event for one contact, across all campaigns. */
import { Option, type Command } from "commander";
import { formatProblem } from "../../core/errors.js";
import { describeEvent, readContactHistory } from "../../track/contact-history.fs.js";
import type { CliContext } from "../context.js";
import { formatCsv, formatJson, formatTable, OUTPUT_FORMATS, type OutputFormat } from "../output.js";
import { withExample, type CommandResult } from "../program.js";

export function registerHistoryCommand(parent: Command, ctx: CliContext, _result: CommandResult): void {
  withExample(
    parent
      .command("history")
      .description("every campaign event for one contact, across all campaigns' ledgers")
      .argument("<contact>", "contact id (the `id` column of contacts/directory.csv)")
      .addOption(new Option("--format <format>", "output format").choices(OUTPUT_FORMATS).default("table"))
      .action(async (contact: string, options: { format: OutputFormat }) => {
        const { events, problems } = await readContactHistory(ctx.workspace, contact);
        for (const p of problems) ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
        if (options.format === "json") {
          ctx.stdout(formatJson({ contact, events }));
          return;
        }
        const format = options.format === "csv" ? formatCsv : formatTable;
        ctx.stdout(
          format(
            ["at", "campaign", "event", "detail"],
            events.map((e) => [e.at, e.campaign, e.type, describeEvent(e)]),
          ),
        );
        if (options.format === "table" && events.length === 0)
          ctx.stderr(`no campaign events for ${contact}\n`);
      }),
    "outreach directory history ar-19f0aeb27c",
  );
}
