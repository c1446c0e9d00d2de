/** `outreach status <campaign>`: the state of every targeted contact, or counts grouped by country, partner, language or organisation. */
import { formatProblem } from "../../core/errors.js";
import { CONTACT_STATES } from "../../ledger/fold-status.js";
import { readCampaignStatus } from "../../report/campaign-status.fs.js";
import { countStates, groupStatusRows, type StatusRow } from "../../report/status-rows.js";
import type { CliContext } from "../context.js";
import { displayWidth, formatCsv, formatJson, formatTable } from "../output.js";
import type { StatusOptions } from "../definitions/status.js";

export async function runStatus(ctx: CliContext, campaign: string, options: StatusOptions): Promise<void> {
  const status = await readCampaignStatus(ctx.workspace, campaign, { withRehearsals: true });
  for (const p of status.ledgerProblems) ctx.stderr(`${p.severity ?? "error"}: ${formatProblem(p)}\n`);
  const older = status.rows.filter((r) => r.signatoryList === "older");
  const rows = options.olderSignatories ? older : status.rows;
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
  } else if (options.format === "table") {
    writeStatusTable(rows, ctx.stdout);
  } else {
    ctx.stdout(
      formatCsv(
        CSV_COLUMNS,
        rows.map((r) => CSV_COLUMNS.map((c) => r[CSV_FIELDS[c]])),
      ),
    );
  }
  if (options.format === "table") {
    const summary = CONTACT_STATES.filter((s) => totals[s] > 0).map((s) => `${s} ${totals[s]}`);
    ctx.stdout(`\n${rows.length} contacts: ${summary.join(", ") || "none"}\n`);
    const rehearsed = rows.filter((r) => r.state === "planned" && r.detail.startsWith("rehearsed")).length;
    if (older.length > 0 && !options.olderSignatories)
      ctx.stdout(
        `${older.length} contact(s) received an older signatory list: ` +
          `outreach status ${campaign} --older-signatories lists them\n`,
      );
    if (rehearsed > 0)
      ctx.stdout(
        `${rehearsed} planned contact(s) were only rehearsed (written to the outbox, not delivered): ` +
          `outreach send ${campaign} --transport smtp delivers them\n`,
      );
    if (uncertain.length > 0) {
      ctx.stdout(
        `uncertain (attempted, outcome unknown; never re-sent automatically): ${uncertain.map((r) => r.contact).join(", ")}\n` +
          `  check the server's logs, then \`outreach mark ${campaign} <contact> sent\` (it went out) or \`not-sent\` (the next send retries it), or \`outreach send ${campaign} --retry-uncertain\`\n`,
      );
    }
  }
}

/** The CSV is for spreadsheets and mail merges: it also names the person and the address, as the JSON does. */
const CSV_FIELDS = {
  contact: "contact",
  country: "country",
  organisation: "organisation",
  name: "name",
  email: "email",
  language: "language",
  partner: "partner",
  delivery: "delivery",
  state: "state",
  last_event: "lastEventAt",
  detail: "detail",
} as const satisfies Record<string, keyof StatusRow>;
const CSV_COLUMNS = Object.keys(CSV_FIELDS) as (keyof typeof CSV_FIELDS)[];

/** The terminal table leaves out the name and address, to fit. */
const STATUS_FIELDS: Omit<typeof CSV_FIELDS, "name" | "email"> = CSV_FIELDS;
const STATUS_COLUMNS = CSV_COLUMNS.filter(
  (c): c is keyof typeof STATUS_FIELDS => c !== "name" && c !== "email",
);

/** Rows per write: output streams out in pieces instead of one string of every row. */
const ROWS_PER_WRITE = 2000;

/**
 * The per-contact table, byte for byte what `formatTable` prints, but written in pieces and without a
 * cell array per row: for 100k contacts that halves the time of the table format.
 */
export function writeStatusTable(rows: readonly StatusRow[], write: (text: string) => void): void {
  const fields = STATUS_COLUMNS.map((c) => STATUS_FIELDS[c]);
  const widths = STATUS_COLUMNS.map((c) => displayWidth(c));
  for (const r of rows) {
    for (let i = 0; i < fields.length; i++) {
      const w = displayWidth(cell(r[fields[i] ?? "contact"]));
      if (w > (widths[i] ?? 0)) widths[i] = w;
    }
  }
  const line = (cells: readonly string[]): string => {
    let text = "";
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i] ?? "";
      if (i > 0) text += "  ";
      text += c + " ".repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(c)));
    }
    return text.trimEnd() + "\n";
  };
  write(line(STATUS_COLUMNS) + line(widths.map((w) => "-".repeat(w))));
  const cells: string[] = new Array<string>(fields.length);
  let chunk = "";
  for (let n = 0; n < rows.length; n++) {
    const r = rows[n];
    if (!r) continue;
    for (let i = 0; i < fields.length; i++) cells[i] = cell(r[fields[i] ?? "contact"]);
    chunk += line(cells);
    if ((n + 1) % ROWS_PER_WRITE === 0) {
      write(chunk);
      chunk = "";
    }
  }
  if (chunk) write(chunk);
}

const CONTROL_WHITESPACE = /[\r\n\t]+/g;

/** As output.ts's cells: single-line text. */
function cell(value: string | boolean): string {
  const s = typeof value === "string" ? value : String(value);
  return s.indexOf("\n") === -1 && s.indexOf("\r") === -1 && s.indexOf("\t") === -1
    ? s
    : s.replace(CONTROL_WHITESPACE, " ");
}
