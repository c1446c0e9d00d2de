/**
 * `outreach inbox import <campaign> <mailbox...>`: bounces, auto-replies and replies into the ledger.
 * `outreach inbox sample <campaign>`: the example's sample mailbox, threaded on this workspace's own
 * (keyed) Message-IDs, so its bounces and replies verify.
 */
import { join, relative, resolve } from "node:path";
import { writeFileAtomic } from "../../core/atomic-write.fs.js";
import { formatProblem } from "../../core/errors.js";
import { workspacePaths } from "../../core/workspace.js";
import { loadTrackedCampaign } from "../../campaign/campaign-targets.fs.js";
import { importInboxForCampaign, type InboxImportResult } from "../../inbox/import-inbox.fs.js";
import { buildSampleInbox, SAMPLE_INBOX_FILE } from "../../inbox/sample-inbox.js";
import type { CliContext } from "../context.js";
import { formatCsv, formatJson, formatTable, type OutputFormat } from "../output.js";

export async function runInboxImport(
  ctx: CliContext,
  campaign: string,
  mailboxes: string[],
  options: { format: OutputFormat },
): Promise<void> {
  const result = await importInboxForCampaign(ctx.workspace, campaign, mailboxes, ctx.clock);
  for (const p of result.ledgerProblems) ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
  printImport(ctx, result, options.format);
}

export async function runInboxSample(
  ctx: CliContext,
  campaign: string,
  options: { out?: string },
): Promise<void> {
  const { targets } = await loadTrackedCampaign(ctx.workspace, campaign);
  const out = options.out
    ? resolve(options.out)
    : join(workspacePaths(ctx.workspace).campaignDir(campaign), SAMPLE_INBOX_FILE);
  await writeFileAtomic(out, buildSampleInbox(targets));
  ctx.stderr(`wrote ${relative(process.cwd(), out) || out}\n`);
}

function printImport(ctx: CliContext, r: InboxImportResult, format: OutputFormat): void {
  if (format === "json") {
    ctx.stdout(
      formatJson({
        messages: r.messages,
        eventsAdded: r.events.length,
        imported: r.imported,
        unmatched: r.unmatched,
        directoryUpdated: r.directoryUpdated,
        doNotContact: r.doNotContact,
      }),
    );
    return;
  }
  const { headers, rows } = importResultRows(r);
  ctx.stdout((format === "csv" ? formatCsv : formatTable)(headers, rows));
  if (format === "table") {
    const count = (k: string) => r.imported.filter((i) => i.kind === k && !i.duplicate && i.verified).length;
    const dupes = r.imported.filter((i) => i.duplicate).length;
    const unverified = r.imported.filter((i) => !i.duplicate && !i.verified).length;
    ctx.stdout(
      `\n${r.messages} messages: ${count("bounce")} bounces, ${count("auto-reply")} auto-replies, ${count("reply")} replies, ${count("complaint")} complaints recorded; ` +
        `${unverified ? `${unverified} unverified (recorded, not counted; see README, Security); ` : ""}` +
        `${dupes} already imported; ${r.unmatched.length} unmatched (listed above); ${r.events.length} ledger events added\n`,
    );
    if (r.directoryUpdated.length > 0)
      ctx.stdout(`directory: marked bounced: ${r.directoryUpdated.join(", ")}\n`);
    if (r.doNotContact.length > 0)
      ctx.stdout(`directory: marked do-not-contact (complaints): ${r.doNotContact.join(", ")}\n`);
  }
}

/** One row per message read (imported or not), as `inbox import` and `inbox fetch` list them. */
export function importResultRows(r: InboxImportResult): { headers: string[]; rows: string[][] } {
  const headers = ["source", "result", "contact", "matched_by", "detail"];
  const rows = [
    ...r.imported.map((i) => [
      i.source,
      `${i.kind === "bounce" ? `${i.bounceKind ?? ""} bounce` : i.kind}${i.verified ? "" : " (unverified)"}`,
      i.contact,
      i.matchedBy,
      [
        i.duplicate ? "already imported" : "",
        i.unverifiedReason,
        i.status,
        i.diagnostic ?? (i.kind !== "bounce" ? `${i.from ?? ""} ${i.subject}` : ""),
      ]
        .filter(Boolean)
        .join("; "),
    ]),
    ...r.unmatched.map((u) => [
      u.source,
      `unmatched (${u.looksLike})`,
      "",
      "",
      `${u.from ?? ""} "${u.subject}": ${u.reason}`,
    ]),
  ];
  return { headers, rows };
}
