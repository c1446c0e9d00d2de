/**
 * `outreach inbox fetch <campaign>`: new mail from the IMAP mailbox of config.json's `imap` section, with
 * the password from the environment variable `imap.passwordEnv` names (registered with the scrubber when
 * the config is loaded), imported as `inbox import` imports files. Progress on stderr, the result on stdout.
 */
import { ConfigError, formatProblem } from "../../core/errors.js";
import { readImapPassword } from "../../inbox/imap-settings.js";
import {
  fetchInboxForCampaign,
  type FetchProgress,
  type InboxFetchResult,
} from "../../inbox/imap-fetch.imap.js";
import type { CliContext } from "../context.js";
import { importResultRows } from "./inbox.js";
import { formatCsv, formatJson, formatTable, type OutputFormat } from "../output.js";

export async function runInboxFetch(
  ctx: CliContext,
  campaign: string,
  options: { format: OutputFormat; moveProcessed?: string },
): Promise<void> {
  const { config } = await ctx.loadConfig();
  const imap = config.imap;
  if (!imap) {
    throw new ConfigError("E_IMAP_NOT_CONFIGURED", "no imap section in config.json", {
      hint: "add one (host, user, folders; see config.example.json), or export the mailbox and use `outreach inbox import`",
    });
  }
  const password = readImapPassword(imap, ctx.env);
  const progress = ctx.progress();
  let result: InboxFetchResult;
  try {
    result = await fetchInboxForCampaign({
      workspace: ctx.workspace,
      campaign,
      imap,
      password,
      clock: ctx.clock,
      scrub: ctx.scrub,
      ...(options.moveProcessed !== undefined ? { moveProcessedTo: options.moveProcessed } : {}),
      onProgress: (p) => progress.update(progressState(p)),
      signal: ctx.signal,
    });
  } finally {
    progress.end();
  }
  for (const p of [...result.stateProblems, ...result.ledgerProblems])
    ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
  for (const f of result.folders.filter((f) => f.reset))
    ctx.stderr(
      `note: ${f.folder} has a new UIDVALIDITY (${f.uidValidity}): it was read again from its first message; what was recorded before is skipped\n`,
    );
  printFetch(ctx, result, options.format);
}

function progressState(p: FetchProgress) {
  const line = `fetching ${p.folder}: ${p.done}/${p.total} new messages`;
  return { line, fraction: p.done / Math.max(1, p.total) };
}

/** The rows `inbox import` prints (commands/inbox.ts), then what the fetch did. */
function printFetch(ctx: CliContext, r: InboxFetchResult, format: OutputFormat): void {
  if (format === "json") {
    ctx.stdout(
      formatJson({
        account: r.account,
        fetched: r.fetched,
        folders: r.folders.map((f) => ({
          folder: f.folder,
          uidValidity: f.uidValidity,
          fromUid: f.fromUid,
          lastUid: f.lastUid,
          reset: f.reset,
          fetched: f.fetched,
        })),
        messages: r.messages,
        eventsAdded: r.events.length,
        imported: r.imported,
        unmatched: r.unmatched,
        directoryUpdated: r.directoryUpdated,
        doNotContact: r.doNotContact,
        moved: r.moved,
        ...(r.movedTo !== undefined ? { movedTo: r.movedTo } : {}),
      }),
    );
    return;
  }
  const { headers, rows } = importResultRows(r);
  if (format === "csv") {
    ctx.stdout(formatCsv(headers, rows));
    return;
  }
  if (rows.length > 0) ctx.stdout(formatTable(headers, rows) + "\n");
  const perFolder = r.folders.map((f) => `${f.folder}: ${f.fetched}`).join(", ");
  const recorded = r.imported.filter((i) => !i.duplicate).length;
  const dupes = r.imported.length - recorded;
  ctx.stdout(
    `fetched ${r.fetched} new message${r.fetched === 1 ? "" : "s"} from ${r.account} (${perFolder}); ` +
      `${recorded} recorded, ${dupes} already imported, ${r.unmatched.length} unmatched; ${r.events.length} ledger events added\n`,
  );
  if (r.directoryUpdated.length > 0)
    ctx.stdout(`directory: marked bounced: ${r.directoryUpdated.join(", ")}\n`);
  if (r.doNotContact.length > 0)
    ctx.stdout(`directory: marked do-not-contact: ${r.doNotContact.join(", ")}\n`);
  if (r.movedTo !== undefined) ctx.stdout(`moved ${r.moved} recorded message(s) to ${r.movedTo}\n`);
}
