/**
 * A small, fast CSV record reader for the two big files, the directory and imported spreadsheets
 * (pure: text in, records out). RFC 4180 plus the leniency spreadsheets need: `\n`, `\r\n` or `\r` line
 * ends, quoted fields with embedded delimiters, quotes and line breaks, and a stray quote inside an
 * unquoted field kept as text. A quoted field with text after its closing quote marks the record as
 * malformed (the caller rejects that row); an unclosed quote is an error for the whole file, because
 * it swallows every row after it. Works on strings with `indexOf`, which is about twice as fast as
 * csv-parse on a 100,000-row import and allocates far less (see bench/import.bench.ts). The matching
 * writer (src/core/csv-write.ts) quotes only what must be quoted and neutralises formula-like cells;
 * tests check both against csv-parse and csv-stringify.
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based line the record starts on. */
  line: number;
  /** Set when the record has a quoting error; its fields are best effort. */
  malformed?: string;
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Line breaks inside a field's text: `\r\n`, `\n` or a lone `\r` each count once. */
function countLineBreaks(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && value.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

/** Position of the next `char` at or after `from`, or the end of the text when there is none. */
function indexOrEnd(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at === -1 ? text.length : at;
}

/** Position of the first delimiter (char code `d`) or line end at or after `from`, or the end of the text. */
function fieldEnd(text: string, from: number, d: number): number {
  let k = from;
  while (k < text.length) {
    const c = text.charCodeAt(k);
    if (c === d || c === LF || c === CR) break;
    k++;
  }
  return k;
}

/** Call `onRecord` for every record of `text`, in order. Throws CsvSyntaxError on an unclosed quote. */
export function forEachCsvRecord(
  text: string,
  delimiter: string,
  onRecord: (record: CsvRecord) => void,
): void {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  let nextDelimiter = -1;
  let nextLf = -1;
  let nextCr = -1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let malformed: string | undefined;
    for (;;) {
      // One field, starting at i.
      if (text.charCodeAt(i) === QUOTE) {
        let value: string;
        // Pieces between doubled quotes, joined once: `+=` would leave a chain of concatenated strings
        // that every later reader (matching, sorting, writing) has to walk.
        let pieces: string[] | undefined;
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1)
            throw new CsvSyntaxError(`a quoted field starting on line ${line} is never closed`, line);
          if (text.charCodeAt(q + 1) === QUOTE) {
            (pieces ??= []).push(text.slice(j, q));
            j = q + 2;
            continue;
          }
          if (pieces === undefined) value = text.slice(j, q);
          else {
            pieces.push(text.slice(j, q));
            value = pieces.join('"');
          }
          if (value.includes("\n") || value.includes("\r")) line += countLineBreaks(value);
          i = q + 1;
          break;
        }
        // After the closing quote: the delimiter, a line end or the end of text; anything else is malformed.
        const k = fieldEnd(text, i, d);
        if (k > i) {
          malformed ??= `text after the closing quote of field ${fields.length + 1}`;
          value += text.slice(i, k);
          i = k;
        }
        fields.push(value);
      } else {
        // The field ends at the next delimiter or line end. indexOf scans far faster than a loop over
        // characters; each position is looked up again only once the reader has passed it.
        if (nextDelimiter < i) nextDelimiter = indexOrEnd(text, delimiter, i);
        if (nextLf < i) nextLf = indexOrEnd(text, "\n", i);
        if (nextCr < i) nextCr = indexOrEnd(text, "\r", i);
        const k = Math.min(nextDelimiter, nextLf, nextCr);
        fields.push(text.slice(i, k));
        i = k;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === d) {
        i++;
        if (i >= n) {
          fields.push("");
          break;
        }
        continue;
      }
      // Line end: \r\n, \n or \r.
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    onRecord(malformed === undefined ? { fields, line: startLine } : { fields, line: startLine, malformed });
  }
}

// The writer lives in core so every CSV the tool writes goes through the same formula neutralising.
export { formatCsvField, formatCsvRow, formatCsvRows } from "../core/csv-write.js";
