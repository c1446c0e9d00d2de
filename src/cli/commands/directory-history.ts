/** `outreach directory history <contact>`: every campaign event for one contact, across all campaigns. */
import { formatProblem } from "../../core/errors.js";
import { describeEvent, readContactHistory } from "../../report/contact-history.fs.js";
import type { CliContext } from "../context.js";
import { formatCsv, formatJson, formatTable, type OutputFormat } from "../output.js";

export async function runHistory(
  ctx: CliContext,
  contact: string,
  options: { format: OutputFormat },
): Promise<void> {
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
  if (options.format === "table" && events.length === 0) ctx.stderr(`no campaign events for ${contact}\n`);
}
