/**
 * Partner packs' CSV: the one format for `contacts.csv` in a partner's folder, which the partner fills
 * in (outcome, date, notes) and sends back for `outreach partners import`. Pure: building the rows,
 * and parsing a returned file with every bad row reported as `file:line field: message`.
 */
import { z } from "zod";
import { parseCsvTable } from "../core/csv-table.js";
import { formatCsvRows, restoreCsvCell } from "../core/csv-write.js";
import type { Problem } from "../core/errors.js";
import { problemsFromZod } from "../core/zod-problems.js";
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

/** One returned row as read (every column text); the outcome and date are checked after. */
export const returnedRowSchema = z.object({
  contact_id: z.string().trim().min(1, "is empty"),
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

/**
 * Parse a returned partner CSV. `knownContacts` are the campaign's contact ids. Rows without an outcome
 * are the partner's "nothing to report" and are skipped, not errors.
 */
export function parseReturnedCsv(
  text: string,
  file: string,
  knownContacts: ReadonlySet<string>,
): { outcomes: ReturnedOutcome[]; problems: Problem[]; blank: number } {
  const problems: Problem[] = [];
  const table = parseCsvTable(text, file);
  if (!table.ok) return { outcomes: [], blank: 0, problems: [table.problem] };
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
    return {
      outcomes: [],
      blank: 0,
      problems: [{ file, line: 1, message: "the header needs at least the columns contact_id and outcome" }],
    };
  }
  const outcomes: ReturnedOutcome[] = [];
  let blank = 0;
  for (const { values: record, line } of table.records) {
    // A cell our writer neutralised (`'-` before a note starting with a dash) reads back as written.
    const cell = (i: number) => (i >= 0 ? restoreCsvCell(record[i] ?? "") : "");
    const parsed = returnedRowSchema.safeParse({
      contact_id: cell(idx.contact_id),
      outcome: cell(idx.outcome),
      date: cell(idx.date),
      notes: cell(idx.notes),
    });
    if (!parsed.success) {
      problems.push(...problemsFromZod(parsed.error.issues, file, { line }));
      continue;
    }
    const row = parsed.data;
    if (row.outcome === "") {
      blank += 1;
      continue;
    }
    const checked = checkReturnedRow(row, { file, line }, knownContacts);
    if ("problems" in checked) {
      problems.push(...checked.problems);
      continue;
    }
    const { outcome, date } = checked;
    outcomes.push({
      line,
      contact: row.contact_id,
      outcome,
      ...(date ? { date } : {}),
      ...(row.notes ? { note: row.notes } : {}),
    });
  }
  return { outcomes, problems, blank };
}

/** One returned row's contact, outcome and date checked; every problem of the row at once. */
function checkReturnedRow(
  row: { contact_id: string; outcome: string; date: string },
  at: { file: string; line: number },
  knownContacts: ReadonlySet<string>,
): { outcome: MarkOutcome; date: string | undefined } | { problems: Problem[] } {
  const { file, line } = at;
  const rowProblems: Problem[] = [];
  if (!knownContacts.has(row.contact_id)) {
    rowProblems.push({
      file,
      line,
      field: "contact_id",
      message: `unknown contact "${row.contact_id}" (not in this campaign)`,
    });
  }
  const parsedOutcome = parseOutcome(row.outcome);
  // sent / not-sent say whether our email reached the server: only the organiser can check that.
  const outcome = isSendMarkOutcome(parsedOutcome) ? undefined : parsedOutcome;
  if (!outcome) {
    rowProblems.push({
      file,
      line,
      field: "outcome",
      message: isSendMarkOutcome(parsedOutcome)
        ? `"${row.outcome}" is not a partner outcome (the organiser records it with \`outreach mark\`); a letter handed over in person is "delivered"`
        : `unknown outcome "${row.outcome}"; use one of ${PARTNER_OUTCOME_WORDS.join(", ")}`,
    });
  }
  const date = row.date === "" ? undefined : parseEventDate(row.date);
  if (row.date !== "" && !date)
    rowProblems.push({ file, line, field: "date", message: `"${row.date}" is not a date (YYYY-MM-DD)` });
  if (rowProblems.length > 0 || !outcome) return { problems: rowProblems };
  return { outcome, date };
}
