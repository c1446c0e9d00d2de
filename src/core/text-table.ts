/**
 * Plain aligned text tables, measured in terminal columns. Pure: the send stage's summary and every
 * command's table output share it, so it lives in the shared layer, not in `src/cli/`.
 */

/** A plain aligned text table; cells are single-line. */
export function formatTable(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = rows.map((r) => r.map((c) => cellText(c)));
  // A loop, not Math.max(...spread): tables of 100k+ rows would overflow the call stack.
  const widths = headers.map((h) => displayWidth(h));
  for (const r of cells) {
    for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i] ?? 0, displayWidth(r[i] ?? ""));
  }
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => c + " ".repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(c))))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n") + "\n";
}

const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Columns a string takes in a terminal: combining marks (Thai vowels and tones, Bangla and Urdu signs) take
 * none, East Asian wide characters take two, so tables with Chinese or Thai names stay aligned.
 */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const ch of text) {
    if (ZERO_WIDTH.test(ch)) continue;
    const cp = ch.codePointAt(0) ?? 0;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** One cell as single-line text: nothing for `undefined`/`null`, JSON for objects. */
export function cellText(c: unknown): string {
  if (c === undefined || c === null) return "";
  const s =
    typeof c === "string"
      ? c
      : typeof c === "number" || typeof c === "boolean"
        ? String(c)
        : JSON.stringify(c);
  return s.replace(/[\r\n\t]+/g, " ");
}
