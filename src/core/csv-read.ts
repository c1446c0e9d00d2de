/**
 * The one CSV reader (pure: text in, records out), fast enough for the two big files, the directory and
 * imported spreadsheets, and used by csv-table.ts for the small ones. RFC 4180 plus the leniency
 * spreadsheets need: `\n`, `\r\n` or `\r` line ends, quoted fields with embedded delimiters, quotes and
 * line breaks, and a stray quote inside an unquoted field kept as text (the record says so, for a
 * caller that refuses it). A quoted field with text after its closing quote marks the record as
 * malformed (the caller rejects that row); an unclosed quote is an error for the whole file, because
 * it swallows every row after it. Works on strings with `indexOf`, which is about twice as fast as
 * csv-parse on a 100,000-row import and allocates far less (see bench/import.bench.ts). The matching
 * writer (csv-write.ts) quotes only what must be quoted and neutralises formula-like cells; tests check
 * both against csv-parse and csv-stringify.
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based line the record starts on. */
  line: number;
  /** Set when the record has a quoting error; its fields are best effort. */
  malformed?: string;
  /** Set when an unquoted field holds a quote (`a"b`); the field keeps it as text. */
  strayQuote?: string;
}

export interface CsvReadOptions {
  /** Leave out the whitespace around every field, and allow it around a quoted one (` "a, b" ` is `a, b`). */
  trim?: boolean;
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
/** Whitespace a trimmed field leaves out: what String.prototype.trim removes, except line ends. */
const BLANK = /[^\S\r\n]/;

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

/** Position of the first character at or after `from` that is not blank (the delimiter never is). */
function skipBlanks(text: string, from: number, d: number): number {
  let k = from;
  while (k < text.length && text.charCodeAt(k) !== d && BLANK.test(text.charAt(k))) k++;
  return k;
}

/**
 * The quoted field whose opening quote is at `start`: its text and the position after its closing
 * quote. Throws CsvSyntaxError when the quote is never closed (`line` is where the field starts).
 */
function readQuotedField(text: string, start: number, line: number): { value: string; end: number } {
  // Pieces between doubled quotes, joined once: `+=` would leave a chain of concatenated strings
  // that every later reader (matching, sorting, writing) has to walk.
  let pieces: string[] | undefined;
  let j = start + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q === -1) throw new CsvSyntaxError(`a quoted field starting on line ${line} is never closed`, line);
    if (text.charCodeAt(q + 1) === QUOTE) {
      (pieces ??= []).push(text.slice(j, q));
      j = q + 2;
      continue;
    }
    if (pieces === undefined) return { value: text.slice(j, q), end: q + 1 };
    pieces.push(text.slice(j, q));
    return { value: pieces.join('"'), end: q + 1 };
  }
}

/**
 * Call `onRecord` for every record of `text`, in order. Throws CsvSyntaxError on an unclosed quote.
 */
export function forEachCsvRecord(
  text: string,
  delimiter: string,
  onRecord: (record: CsvRecord) => void,
  options: CsvReadOptions = {},
): void {
  const d = delimiter.charCodeAt(0);
  const trim = options.trim === true;
  const n = text.length;
  let i = 0;
  let line = 1;
  let nextDelimiter = -1;
  let nextLf = -1;
  let nextCr = -1;
  let nextQuote = -1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let malformed: string | undefined;
    let strayQuote: string | undefined;
    for (;;) {
      // One field, starting at i.
      if (trim) i = skipBlanks(text, i, d);
      if (text.charCodeAt(i) === QUOTE) {
        const quoted = readQuotedField(text, i, line);
        let value = quoted.value;
        if (value.includes("\n") || value.includes("\r")) line += countLineBreaks(value);
        i = trim ? skipBlanks(text, quoted.end, d) : quoted.end;
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
        if (nextQuote < i) nextQuote = indexOrEnd(text, '"', i);
        const k = Math.min(nextDelimiter, nextLf, nextCr);
        if (nextQuote < k) strayQuote ??= `a quote inside unquoted field ${fields.length + 1}`;
        fields.push(trim ? text.slice(i, k).trimEnd() : text.slice(i, k));
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
    const record: CsvRecord = { fields, line: startLine };
    if (malformed !== undefined) record.malformed = malformed;
    if (strayQuote !== undefined) record.strayQuote = strayQuote;
    onRecord(record);
  }
}
