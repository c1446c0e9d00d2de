/**
 * `outreach signatories list|approve|reject`, and what every `signatories` command shares: the campaign's
 * signatories.csv opened (every row, E_SIGNATORIES_INVALID when a row is bad) and written back atomically.
 */
import { relative } from "node:path";
import type { Campaign } from "../../campaign/campaign-schema.js";
import { escapesFolder } from "../../campaign/inside-folder.fs.js";
import { loadCampaignFrame } from "../../campaign/load-campaign.fs.js";
import {
  readSignatoriesFile,
  writeSignatoriesFile,
  type SignatoriesFile,
} from "../../campaign/signatories-file.fs.js";
import { decideSignatories, signatoryRevision } from "../../campaign/signatory-intake.js";
import { approvedList, statusOf, type SignatoryEntry } from "../../campaign/signatory-schema.js";
import { calendarDateIn, isCalendarDate } from "../../core/calendar-date.js";
import { formatProblem, InputError } from "../../core/errors.js";
import { closestNames } from "../../render/closest-names.js";
import type { CliContext } from "../context.js";
import type { DecideOptions, ListOptions } from "../definitions/signatories.js";
import { EXIT_CODES } from "../exit-codes.js";
import { formatCsv, formatJson, formatTable } from "../output.js";

export interface OpenSignatories {
  campaign: Campaign;
  path: string;
  /** Workspace-relative, for messages. */
  shown: string;
  entries: SignatoryEntry[];
  /** The file as read: its hash (a write checks nobody changed it since) and the user's own columns. */
  file: SignatoriesFile;
}

/**
 * Opens the campaign's signatories.csv. `forRewrite` (every command but `list`): a bad row of any status,
 * pending ones included, is E_SIGNATORIES_INVALID, since writing the file back would lose it; `list`
 * only looks, and shows a bad pending row as a warning.
 */
export async function openSignatories(
  ctx: CliContext,
  campaignId: string,
  { forRewrite }: { forRewrite: boolean } = { forRewrite: true },
): Promise<OpenSignatories> {
  const frame = await loadCampaignFrame(ctx.workspace, campaignId);
  const path = frame.paths.signatories;
  const shown = relative(ctx.workspace, path).split("\\").join("/");
  const escape = await escapesFolder(frame.paths.campaignDir, path);
  if (escape) throw new InputError("E_CAMPAIGN_PATH", `${shown}: ${escape}`);
  const file = await readSignatoriesFile(path, shown, { forRewrite });
  return { campaign: frame.campaign, path, shown, entries: file.entries, file };
}

/** Writes the file back; E_SIGNATORIES_CHANGED when it changed since `open` read it (`doing`: "approving"). */
export async function saveSignatories(
  open: OpenSignatories,
  entries: readonly SignatoryEntry[],
  doing: string,
): Promise<void> {
  await writeSignatoriesFile(open.path, open.shown, open.file, entries, doing);
}

/** The machine's time zone (the context's TZ when it names one, else the system's): "today" is its day. */
export function localTimeZone(ctx: CliContext): string {
  const tz = ctx.env.TZ;
  if (tz) {
    try {
      return new Intl.DateTimeFormat("en", { timeZone: tz }).resolvedOptions().timeZone;
    } catch {
      // A POSIX TZ string (":/etc/localtime", "EST5EDT,M3.2.0,M11.1.0"): Node resolved it already.
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Today as YYYY-MM-DD on the machine's calendar (from the injected clock), or the `--date` given, checked. */
export function dateOption(ctx: CliContext, date: string | undefined): string {
  if (date === undefined) return calendarDateIn(ctx.clock.now(), localTimeZone(ctx));
  if (!isCalendarDate(date))
    throw new InputError("E_USAGE", `--date "${date}": expected a date as YYYY-MM-DD`);
  return date;
}

/** The approved list the letters print now, and its revision ("" when nobody is approved). */
export function approvedRevision(entries: readonly SignatoryEntry[]): { count: number; revision: string } {
  const signatories = approvedList(entries, "signatories.csv");
  return { count: signatories.length, revision: signatories.length ? signatoryRevision(signatories) : "" };
}

const LIST_COLUMNS = [
  "id",
  "status",
  "organisation",
  "country",
  "type",
  "signed",
  "approvedOn",
  "contact",
  "source",
] as const;

function listRow(e: SignatoryEntry): string[] {
  return LIST_COLUMNS.map((c) => (c === "status" ? statusOf(e) : (e[c] ?? "")));
}

export async function runSignatoriesList(
  ctx: CliContext,
  campaignId: string,
  opts: ListOptions,
): Promise<void> {
  const open = await openSignatories(ctx, campaignId, { forRewrite: false });
  for (const w of open.file.warnings) ctx.stderr(`warning: ${formatProblem(w)}\n`);
  const rows = open.entries.filter((e) => opts.status === "all" || statusOf(e) === opts.status);
  const approved = approvedRevision(open.entries);
  if (opts.format === "json") {
    const signatories = rows.map((e) => ({
      ...Object.fromEntries(LIST_COLUMNS.map((c, i) => [c, listRow(e)[i]])),
    }));
    ctx.stdout(
      formatJson({ campaign: campaignId, file: open.shown, revision: approved.revision, signatories }),
    );
    return;
  }
  if (opts.format === "csv") {
    ctx.stdout(formatCsv(LIST_COLUMNS, rows.map(listRow)));
    return;
  }
  const shownColumns = ["id", "status", "organisation", "country", "signed", "approvedOn"] as const;
  const at = shownColumns.map((c) => LIST_COLUMNS.indexOf(c));
  ctx.stdout(
    formatTable(
      shownColumns,
      rows.map((e) => at.map((i) => listRow(e)[i] ?? "")),
    ),
  );
  const counts = (s: string) => open.entries.filter((e) => statusOf(e) === s).length;
  ctx.stderr(
    `${counts("approved")} approved (revision ${approved.revision || "none"}), ${counts("pending")} pending, ${counts("rejected")} rejected: ${open.shown}\n`,
  );
}

export async function runSignatoriesDecide(
  ctx: CliContext,
  campaignId: string,
  ids: readonly string[],
  decision: "approve" | "reject",
  opts: DecideOptions,
): Promise<number> {
  const open = await openSignatories(ctx, campaignId);
  const wanted = opts.allPending
    ? open.entries.filter((e) => statusOf(e) === "pending").map((e) => e.id)
    : ids;
  if (ids.length > 0 && opts.allPending)
    throw new InputError("E_USAGE", "give ids or --all-pending, not both");
  if (wanted.length === 0 && !opts.allPending) {
    throw new InputError(
      "E_USAGE",
      `name the signatories to ${decision} (ids from \`outreach signatories list ${campaignId}\`)`,
    );
  }
  const date = dateOption(ctx, opts.date);
  const decided = decideSignatories(
    open.entries,
    wanted,
    decision === "approve" ? "approved" : "rejected",
    date,
  );
  if (decided.unknown.length > 0) {
    const known = open.entries.map((e) => e.id);
    throw new InputError(
      "E_SIGNATORY_UNKNOWN",
      `no signatory with id ${decided.unknown.map((id) => `"${id}"`).join(", ")} in ${open.shown}; nothing changed`,
      {
        problems: decided.unknown.map((id) => {
          const near = closestNames(id, known, { prefixes: true });
          return {
            file: open.shown,
            field: "id",
            message: `"${id}"${near.length ? `: did you mean ${near.map((n) => `"${n}"`).join(" or ")}?` : ""}`,
          };
        }),
      },
    );
  }
  if (decided.changed.length > 0)
    await saveSignatories(open, decided.entries, decision === "approve" ? "approving" : "rejecting");
  const after = approvedRevision(decided.entries);
  const verb = decision === "approve" ? "approved" : "rejected";
  if (opts.format === "json") {
    ctx.stdout(
      formatJson({
        campaign: campaignId,
        [verb]: decided.changed.map((e) => e.id),
        unchanged: decided.unchanged.map((e) => e.id),
        date: decision === "approve" ? date : undefined,
        revision: after.revision,
        approvedCount: after.count,
      }),
    );
    return EXIT_CODES.success;
  }
  const rows = [
    ...decided.changed.map((e) => [verb, e.id, e.organisation]),
    ...decided.unchanged.map((e) => [`already ${verb}`, e.id, e.organisation]),
  ];
  ctx.stdout(formatTable(["outcome", "id", "organisation"], rows));
  ctx.stderr(
    decided.changed.length
      ? `${open.shown} updated: ${after.count} approved signatories, list revision ${after.revision || "none"}` +
          (decision === "approve" ? ` (batch of ${date}); messages sent from now on carry it\n` : "\n")
      : "nothing changed\n",
  );
  return EXIT_CODES.success;
}
