/**
 * The one CSV writer for every CSV the tool writes (directory store, `--format csv` output, partner
 * packs, rejects files, crawl output), pure: rows in, text out. Fields are quoted only when they must
 * be, and every cell a spreadsheet would run as a formula is neutralised (OWASP "CSV injection"): a
 * cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (after any spaces or single
 * quotes) gets a leading `'` and is quoted, so Excel and LibreOffice show it as text. Data crawled from
 * the web or returned by a partner can then never run `=HYPERLINK(...)` or `=cmd|...` on an organiser's
 * machine. `restoreCsvCell` undoes it exactly, so the tool's readers get the original value back (a
 * phone number `+41 22 ...` is written `'+41 22 ...` and read back as `+41 22 ...`).
 */

/** A cell a spreadsheet would treat as a formula: a trigger character after any spaces or quotes. */
const FORMULA_START = /^[ ']*[=+\-@\t\r]/;
/**
 * Spreadsheets in locales whose list separator is `;` (es, fr, de, …) split a double-clicked .csv at
 * every `;`, quoted or not: each `;` starts a cell there, so the same rule applies after it.
 */
const SEGMENT_FORMULA = /;(?=[ ']*[=+\-@\t\r])/g;
const SEGMENT_RESTORE = /;'(?=[ ']*[=+\-@\t\r])/g;
const APOSTROPHE = 39;

/** True when the cell is written with a `'` added (at its start, or after a `;`). Also true for a value
 * that already has `'` before a trigger (`'=x` is written `''=x`), which is what makes `restoreCsvCell`
 * its exact inverse. */
export function needsNeutralising(value: string): boolean {
  if (FORMULA_START.test(value)) return true;
  if (value.indexOf(";") === -1) return false;
  SEGMENT_FORMULA.lastIndex = 0;
  return SEGMENT_FORMULA.test(value);
}

/** The cell as written: a `'` before every start (of the cell, or after a `;`) a spreadsheet would run. */
export function neutraliseCsvCell(value: string): string {
  const segments = value.indexOf(";") === -1 ? value : value.replace(SEGMENT_FORMULA, ";'");
  return FORMULA_START.test(value) ? `'${segments}` : segments;
}

/** Exact inverse of `neutraliseCsvCell`: each `'` it added before a formula start is removed, once. */
export function restoreCsvCell(value: string): string {
  const head =
    value.charCodeAt(0) === APOSTROPHE && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
  return head.indexOf(";'") === -1 ? head : head.replace(SEGMENT_RESTORE, ";");
}

/** Restore every cell of a record in place (cells without a `'` cost one or two comparisons). */
export function restoreCsvCells(record: string[]): string[] {
  for (let i = 0; i < record.length; i++) {
    const v = record[i] as string;
    if (v.charCodeAt(0) === APOSTROPHE || v.indexOf(";'") !== -1) record[i] = restoreCsvCell(v);
  }
  return record;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
// On a row joined with commas: a quote, a line break, or whitespace at the edge of any field.
// Or a `;` before a formula start (see SEGMENT_FORMULA).
const ROW_NEEDS_CHECK = /["\r\n]|^\s|\s$|,\s|\s,|;[ ']*[=+\-@\t\r]/;

/**
 * One CSV field: neutralised and quoted when it could be a formula, otherwise quoted only when it must be
 * (delimiter, quote, line break, or edge spaces).
 */
export function formatCsvField(value: string): string {
  if (needsNeutralising(value)) return `"${neutraliseCsvCell(value).replace(/"/g, '""')}"`;
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** First characters that may start a formula (or a quote before one); anything else needs no look. */
function mayNeedNeutralising(value: string): boolean {
  const c = value.charCodeAt(0);
  // = + - @ tab CR space '
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 || c === 32 || c === APOSTROPHE;
}

/**
 * One row as a CSV line (no line end). Most rows need no quoting at all: that is checked on the joined
 * line with one regex and a comma count (a field containing a comma adds one), instead of a regex per
 * field; any doubt (including a first character that might start a formula) falls back to formatting
 * field by field.
 */
export function formatCsvRow(row: readonly string[]): string {
  let plain = true;
  for (const v of row) {
    if (mayNeedNeutralising(v)) {
      plain = false;
      break;
    }
  }
  if (plain) {
    const line = row.join(",");
    if (!ROW_NEEDS_CHECK.test(line)) {
      let commas = 0;
      for (let i = line.indexOf(","); i !== -1; i = line.indexOf(",", i + 1)) commas++;
      if (commas === row.length - 1) return line;
    }
  }
  return row.map(formatCsvField).join(",");
}

/** Rows as comma-separated CSV text with `\n` line ends. */
export function formatCsvRows(rows: readonly (readonly string[])[]): string {
  // join() builds each string once; += in a loop would leave a chain of intermediate strings.
  return rows.map((row) => formatCsvRow(row) + "\n").join("");
}
