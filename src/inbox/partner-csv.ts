/**
 * Partner packs' CSV: the one format for `contacts.csv` in a partner's folder, which the partner fills
 * in (outcome, date, notes) and sends back for `outreach partners import`. Pure: building the rows,
 * and parsing a returned file with every bad row reported as `file:line field: message`.
 */
import { z } from "zod";
import { parseCsvTable } from "../core/csv-table.js";
import { formatCsvRows, restoreCsvCell } from "../core/csv-write.js";
import type { ErrorCode, Problem } from "../core/errors.js";
import { isSendMarkOutcome } from "../ledger/ledger-event-schema.js";
import { parseEventDate, parseOutcome, type MarkOutcome, PARTNER_OUTCOME_WORDS } from "./mark-outcome.js";

/** Columns of the exported CSV; the partner fills the last three. Import needs only contact_id and outcome. */
export const PARTNER_CSV_COLUMNS = [
  "contact_id",
  "country",
  "organisation",
  "department",
  "honorific",
  "name",
  "title",
  "email",
  "phone",
  "address",
  "language",
  "delivery",
  "status",
  "status_detail",
  "letter",
  "outcome",
  "date",
  "notes",
] as const;

export type PartnerCsvRow = Record<(typeof PARTNER_CSV_COLUMNS)[number], string>;

/** The pack's CSV: formula-like cells (a phone `+41 ...`) are written `'+41 ...`, which import undoes. */
export function stringifyPartnerCsv(rows: readonly PartnerCsvRow[]): string {
  return formatCsvRows([PARTNER_CSV_COLUMNS, ...rows.map((r) => PARTNER_CSV_COLUMNS.map((c) => r[c]))]);
}

/** One returned row as read (every column text); the contact, outcome and date are checked after. */
export const returnedRowSchema = z.object({
  contact_id: z.string().trim(),
  outcome: z.string().trim().default(""),
  date: z.string().trim().default(""),
  notes: z.string().trim().default(""),
});

export interface ReturnedOutcome {
  line: number;
  contact: string;
  outcome: MarkOutcome;
  date?: string;
  note?: string;
}

/** A returned row that is not recorded, with every problem it has (one row, however many problems). */
export interface RejectedPartnerRow {
  file: string;
  line: number;
  /** The row's contact_id as written (may be empty). */
  contact: string;
  problems: Problem[];
}

export interface ReturnedCsv {
  outcomes: ReturnedOutcome[];
  rejected: RejectedPartnerRow[];
  /** Problems of the whole file (not CSV, no contact_id or outcome column): nothing in it is read. */
  problems: Problem[];
  /** Rows without an outcome: the partner's "no news". */
  blank: number;
  /** Data rows read (not counting the header and blank lines). */
  rows: number;
}

export interface ReturnedCsvChecks {
  /** The campaign's contact ids. */
  knownContacts: ReadonlySet<string>;
  /**
   * Why a known contact is not this partner's to report on (`E_PARTNER_SCOPE`), or undefined when it
   * is; absent when the organiser imports on their own authority.
   */
  outOfScope?: (contact: string) => string | undefined;
}

/**
 * Parse a returned partner CSV. Rows without an outcome are the partner's "nothing to report" and are
 * skipped, not errors; every other row is recorded or rejected with all of its problems.
 */
export function parseReturnedCsv(text: string, file: string, checks: ReturnedCsvChecks): ReturnedCsv {
  const none = { outcomes: [], rejected: [], blank: 0, rows: 0 };
  const table = parseCsvTable(text, file);
  if (!table.ok) return { ...none, problems: [table.problem] };
  const header = table.header.map((h) => h.trim().toLowerCase().replace(/\s+/g, "_"));
  const column = (name: string, ...aliases: string[]) =>
    [name, ...aliases].map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1;
  const idx = {
    contact_id: column("contact_id", "contact", "id"),
    outcome: column("outcome"),
    date: column("date"),
    notes: column("notes", "note"),
  };
  if (idx.contact_id < 0 || idx.outcome < 0) {
    const message = "the header needs at least the columns contact_id and outcome";
    return { ...none, problems: [{ file, line: 1, code: "E_PARTNER_CSV_COLUMNS", message }] };
  }
  const result: ReturnedCsv = { ...none, problems: [], rows: table.records.length };
  for (const { values: record, line } of table.records) {
    // A cell our writer neutralised (`'-` before a note starting with a dash) reads back as written.
    const cell = (i: number) => (i >= 0 ? restoreCsvCell(record[i] ?? "") : "");
    const row = returnedRowSchema.parse({
      contact_id: cell(idx.contact_id),
      outcome: cell(idx.outcome),
      date: cell(idx.date),
      notes: cell(idx.notes),
    });
    if (row.outcome === "") {
      result.blank += 1;
      continue;
    }
    const checked = checkReturnedRow(row, { file, line }, checks);
    if ("problems" in checked) {
      result.rejected.push({ file, line, contact: row.contact_id, problems: checked.problems });
      continue;
    }
    result.outcomes.push({
      line,
      contact: row.contact_id,
      outcome: checked.outcome,
      ...(checked.date ? { date: checked.date } : {}),
      ...(row.notes ? { note: row.notes } : {}),
    });
  }
  return result;
}

/** One returned row's contact, outcome and date checked; every problem of the row at once. */
function checkReturnedRow(
  row: { contact_id: string; outcome: string; date: string },
  at: { file: string; line: number },
  checks: ReturnedCsvChecks,
): { outcome: MarkOutcome; date: string | undefined } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (field: string, code: ErrorCode, message: string) =>
    problems.push({ ...at, field, code, message });
  const contactProblem = checkContact(row.contact_id, checks);
  if (contactProblem) problem("contact_id", contactProblem.code, contactProblem.message);
  const parsedOutcome = parseOutcome(row.outcome);
  // sent / not-sent say whether our email reached the server: only the organiser can check that.
  const outcome = isSendMarkOutcome(parsedOutcome) ? undefined : parsedOutcome;
  if (!outcome) {
    problem(
      "outcome",
      "E_MARK_OUTCOME",
      isSendMarkOutcome(parsedOutcome)
        ? `"${row.outcome}" is not a partner outcome (the organiser records it with \`outreach mark\`); a letter handed over in person is "delivered"`
        : `unknown outcome "${row.outcome}"; use one of ${PARTNER_OUTCOME_WORDS.join(", ")} (or the Spanish or French words the pack's README lists)`,
    );
  }
  const date = row.date === "" ? undefined : parseEventDate(row.date);
  if (row.date !== "" && !date) problem("date", "E_MARK_DATE", `"${row.date}" is not a date (YYYY-MM-DD)`);
  if (problems.length > 0 || !outcome) return { problems };
  return { outcome, date };
}

function checkContact(
  contact: string,
  checks: ReturnedCsvChecks,
): { code: ErrorCode; message: string } | undefined {
  if (contact === "") return { code: "E_CONTACT_UNKNOWN", message: "is empty" };
  if (!checks.knownContacts.has(contact))
    return { code: "E_CONTACT_UNKNOWN", message: `unknown contact "${contact}" (not in this campaign)` };
  const outside = checks.outOfScope?.(contact);
  return outside === undefined ? undefined : { code: "E_PARTNER_SCOPE", message: outside };
}
