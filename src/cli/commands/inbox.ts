/**
 * `outreach inbox import <campaign> <mailbox...>`: bounces, auto-replies and replies into the ledger.
 * `outreach inbox sample <campaign>`: the example's sample mailbox, threaded on this workspace's own
 * (keyed) Message-IDs, so its bounces and replies verify.
 */
import { join, relative, resolve } from "node:path";
import { Option, type Command } from "commander";
import { writeFileAtomic } from "../../core/atomic-write.fs.js";
import { formatProblem } from "../../core/errors.js";
import { workspacePaths } from "../../core/workspace.js";
import { loadTrackedCampaign } from "../../track/campaign-targets.fs.js";
import { importInboxForCampaign, type InboxImportResult } from "../../track/import-inbox.fs.js";
import { buildSampleInbox, SAMPLE_INBOX_FILE } from "../../track/sample-inbox.js";
import type { CliContext } from "../context.js";
import { formatCsv, formatJson, formatTable, OUTPUT_FORMATS, type OutputFormat } from "../output.js";
import { withExample, type CommandResult } from "../program.js";

export function registerInboxCommand(parent: Command, ctx: CliContext, _result: CommandResult): void {
  const inbox = parent
    .command("inbox")
    .description("read replies and delivery reports into a campaign's ledger");
  inbox.configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) });
  withExample(
    inbox
      .command("import")
      .description(
        "import mbox files, maildirs or .eml files: bounces (hard/soft), auto-replies and replies matched to contacts; unmatched messages are listed",
      )
      .argument("<campaign>", "campaign id")
      .argument(
        "<mailbox...>",
        "mbox file, maildir folder (cur/ and new/), folder of .eml files, or .eml files",
      )
      .addOption(new Option("--format <format>", "output format").choices(OUTPUT_FORMATS).default("table"))
      .action(async (campaign: string, mailboxes: string[], options: { format: OutputFormat }) => {
        const result = await importInboxForCampaign(ctx.workspace, campaign, mailboxes, ctx.clock);
        for (const p of result.ledgerProblems) ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
        printImport(ctx, result, options.format);
      }),
    "outreach inbox import wcit-2012 ~/Mail/coalition.mbox",
    "outreach inbox import wcit-2012 ~/Maildir/.WCIT campaigns/wcit-2012/sample-inbox/inbox.mbox",
  );
  withExample(
    inbox
      .command("sample")
      .description(
        "write the example campaign's sample mailbox (invented bounces, auto-replies, replies) for this workspace's Message-IDs",
      )
      .argument("<campaign>", "campaign id (the example contacts must be planned in it)")
      .option("--out <file>", `where to write it (default: campaigns/<id>/${SAMPLE_INBOX_FILE})`)
      .action(async (campaign: string, options: { out?: string }) => {
        const { targets } = await loadTrackedCampaign(ctx.workspace, campaign);
        const out = options.out
          ? resolve(options.out)
          : join(workspacePaths(ctx.workspace).campaignDir(campaign), SAMPLE_INBOX_FILE);
        await writeFileAtomic(out, buildSampleInbox(targets));
        ctx.stderr(`wrote ${relative(process.cwd(), out) || out}\n`);
      }),
    "outreach inbox sample wcit-2012 && outreach inbox import wcit-2012 campaigns/wcit-2012/sample-inbox/inbox.mbox",
  );
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
      }),
    );
    return;
  }
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
  ctx.stdout((format === "csv" ? formatCsv : formatTable)(headers, rows));
  if (format === "table") {
    const count = (k: string) => r.imported.filter((i) => i.kind === k && !i.duplicate && i.verified).length;
    const dupes = r.imported.filter((i) => i.duplicate).length;
    const unverified = r.imported.filter((i) => !i.duplicate && !i.verified).length;
    ctx.stdout(
      `\n${r.messages} messages: ${count("bounce")} bounces, ${count("auto-reply")} auto-replies, ${count("reply")} replies recorded; ` +
        `${unverified ? `${unverified} unverified (recorded, not counted; see README, Security); ` : ""}` +
        `${dupes} already imported; ${r.unmatched.length} unmatched (listed above); ${r.events.length} ledger events added\n`,
    );
    if (r.directoryUpdated.length > 0)
      ctx.stdout(`directory: marked bounced: ${r.directoryUpdated.join(", ")}\n`);
  }
}
