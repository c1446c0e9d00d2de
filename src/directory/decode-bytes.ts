/**
 * Bytes to text for imported CSV files. Spreadsheet exports arrive as UTF-8 (with or without BOM),
 * UTF-16 with BOM (Excel "Unicode text") or a legacy Windows code page. Text that is not valid UTF-8 is
 * decoded as Windows-1252 with a warning, never imported as mojibake; binary files are refused.
 */
import { InputError } from "../core/errors.js";

export const ENCODINGS = ["auto", "utf-8", "utf-16le", "utf-16be", "windows-1252"] as const;
export type EncodingOption = (typeof ENCODINGS)[number];

export interface DecodedText {
  text: string;
  /** The encoding used, e.g. `utf-8`, `utf-8 (BOM)`, `utf-16le (BOM)`, `windows-1252`. */
  encoding: string;
  warnings: string[];
}

// Bytes that Windows-1252 leaves undefined: if they appear, the file is not Windows-1252 text either.
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function hasBinaryContent(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls += 1;
  }
  return controls > sample.length / 100 + 1;
}

/**
 * UTF-16 without a byte-order mark, guessed from where the NUL bytes fall: text that is mostly Latin
 * script has a NUL in every other byte (the high byte: odd positions in UTF-16LE, even ones in UTF-16BE)
 * and none in the other half. Binary files (.xlsx, images) have NULs in both halves.
 */
export function guessBomlessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, 64 * 1024) & ~1);
  const pairs = sample.length / 2;
  if (pairs < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const many = (n: number) => n >= pairs * 0.3;
  const few = (n: number) => n <= pairs * 0.01;
  if (many(oddNul) && few(evenNul)) return "utf-16le";
  if (many(evenNul) && few(oddNul)) return "utf-16be";
  return undefined;
}

function decodeStrict(bytes: Uint8Array, encoding: string, file: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (e) {
    throw new InputError("E_CSV_ENCODING", `${file}: not valid ${encoding} text`, { cause: e });
  }
}

/** Decode an imported file. Throws InputError E_CSV_EMPTY, E_CSV_BINARY or E_CSV_ENCODING. */
export function decodeCsvBytes(
  bytes: Uint8Array,
  file: string,
  option: EncodingOption = "auto",
): DecodedText {
  if (bytes.length === 0) throw new InputError("E_CSV_EMPTY", `${file} is empty (0 bytes)`);
  const b0 = bytes[0];
  const b1 = bytes[1];
  let result: DecodedText;
  if (option === "utf-16le" || (option === "auto" && b0 === 0xff && b1 === 0xfe)) {
    result = {
      text: decodeStrict(bytes, "utf-16le", file),
      encoding: b0 === 0xff ? "utf-16le (BOM)" : "utf-16le",
      warnings: [],
    };
  } else if (option === "utf-16be" || (option === "auto" && b0 === 0xfe && b1 === 0xff)) {
    result = {
      text: decodeStrict(bytes, "utf-16be", file),
      encoding: b0 === 0xfe ? "utf-16be (BOM)" : "utf-16be",
      warnings: [],
    };
  } else {
    const utf16 = guessBomlessUtf16(bytes);
    if (utf16 !== undefined) {
      throw new InputError(
        "E_CSV_ENCODING",
        `${file} looks like ${utf16.toUpperCase()} text without a byte-order mark${option === "auto" ? "" : `, not ${option}`}`,
        { hint: `import it with --encoding ${utf16}` },
      );
    }
    if (hasBinaryContent(bytes)) {
      throw new InputError(
        "E_CSV_BINARY",
        `${file} looks like a binary file (NUL or control bytes), not CSV text`,
        {
          hint: "export the spreadsheet as CSV (UTF-8) and import that file",
        },
      );
    }
    if (option === "windows-1252") {
      result = {
        text: new TextDecoder("windows-1252").decode(bytes),
        encoding: "windows-1252",
        warnings: [],
      };
    } else {
      const bom = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf;
      try {
        const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        result = { text, encoding: bom ? "utf-8 (BOM)" : "utf-8", warnings: [] };
      } catch (e) {
        if (option === "utf-8")
          throw new InputError("E_CSV_ENCODING", `${file}: not valid UTF-8 text`, { cause: e });
        if (bytes.some((b) => UNDEFINED_IN_1252.has(b))) {
          throw new InputError(
            "E_CSV_ENCODING",
            `${file}: neither UTF-8 nor Windows-1252 text; re-save it as CSV UTF-8`,
            {
              cause: e,
              hint: "or name the encoding with --encoding",
            },
          );
        }
        result = {
          text: new TextDecoder("windows-1252").decode(bytes),
          encoding: "windows-1252",
          warnings: [
            "not valid UTF-8; decoded as Windows-1252 (check accented names, or re-save the file as CSV UTF-8)",
          ],
        };
      }
    }
  }
  // TextDecoder drops the BOM for UTF-8/16 by default; a stray one (e.g. forced encoding) goes here.
  if (result.text.charCodeAt(0) === 0xfeff) result.text = result.text.slice(1);
  if (result.text.trim() === "") throw new InputError("E_CSV_EMPTY", `${file} has no content`);
  return result;
}
