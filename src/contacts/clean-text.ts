/**
 * Text hygiene for every imported field: no line breaks or control characters can reach a header or a
 * merge field (a name like "Ana\r\nBcc: x@evil.example" becomes one harmless line), and whitespace is
 * normalised so that matching and diffs are stable.
 */

// C0 and C1 controls, DEL, line/paragraph separators, BOM, and zero-width spaces/joiners used as junk.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\u200b]/g;
const CONTROL_TEST = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\u200b]/;
// Every Unicode space (NBSP, thin space, ideographic space...) counts as one ordinary space.
const SPACES = /[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

// Printable ASCII and Latin-1 letters with single inner spaces and nothing to trim: already clean and
// already NFC (Latin-1 has no combining marks). Most cells of a ministry spreadsheet are.
const ALREADY_CLEAN = /^(?:[\x21-\x7e\u00a1-\u00ff]+(?: [\x21-\x7e\u00a1-\u00ff]+)*)?$/;

/** NFC-normalise, replace control characters and runs of whitespace by one space, and trim. */
export function cleanText(raw: string): string {
  if (ALREADY_CLEAN.test(raw)) return raw;
  return raw.replace(CONTROL, " ").replace(SPACES, " ").trim().normalize("NFC");
}

/** True when the text contains a line break or another control character (worth a warning when removed). */
export function hasControlCharacters(raw: string): boolean {
  return CONTROL_TEST.test(raw);
}
