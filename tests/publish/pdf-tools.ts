/** poppler-utils for the PDF tests (installed by `pretest`): text, word boxes, page size, a page as pixels. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { unescapeHtml } from "../../src/report/escape-html.js";

const run = promisify(execFile);

export async function pdfText(file: string): Promise<string> {
  return (await run("pdftotext", ["-enc", "UTF-8", file, "-"], { maxBuffer: 32 << 20 })).stdout;
}

/** Text without white space or bidi controls: how a script's words compare, whatever poppler's spacing. */
export function squeeze(text: string): string {
  return text.normalize("NFC").replace(/[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "");
}

export interface PdfWord {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  page: number;
}

/** Every word with its box (`pdftotext -bbox`), in poppler's reading order. */
export async function pdfWords(file: string): Promise<PdfWord[]> {
  const html = (await run("pdftotext", ["-bbox", "-enc", "UTF-8", file, "-"], { maxBuffer: 32 << 20 }))
    .stdout;
  const words: PdfWord[] = [];
  let page = 0;
  for (const m of html.matchAll(
    /<page\b|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g,
  )) {
    if (m[0] === "<page") {
      page += 1;
      continue;
    }
    words.push({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      text: unescapeHtml(m[4] ?? ""),
      page,
    });
  }
  return words;
}

/** `Page size: 595.276 x 841.89 pts (A4)` → [595.276, 841.89]. */
export async function pageSize(file: string): Promise<[number, number]> {
  const info = (await run("pdfinfo", [file])).stdout;
  const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  return [Number(m?.[1]), Number(m?.[2])];
}

/** The names of the fonts a PDF embeds (`pdffonts`), subset prefixes removed. */
export async function pdfFonts(file: string): Promise<string[]> {
  const lines = (await run("pdffonts", [file])).stdout.split("\n").slice(2);
  return [...new Set(lines.filter(Boolean).map((l) => (l.split(/\s+/)[0] ?? "").replace(/^[A-Z]{6}\+/, "")))];
}

export async function pageCount(file: string): Promise<number> {
  return Number(/Pages:\s+(\d+)/.exec((await run("pdfinfo", [file])).stdout)?.[1]);
}

/** Page 1 as a grey PNG beside `pngBase` (`<pngBase>.png`), for CI to keep. */
export async function savePagePng(file: string, pngBase: string): Promise<void> {
  await run("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", file, pngBase]);
}

/** The share of page 1's pixels that are not white (rendered grey at 30 dpi, read from the PGM). */
export async function inkShare(file: string): Promise<number> {
  const pgm = (
    await run("pdftoppm", ["-gray", "-r", "30", "-f", "1", "-l", "1", "-singlefile", file], {
      encoding: "buffer",
      maxBuffer: 16 << 20,
    })
  ).stdout;
  // P5 header: magic, width, height, maxval, each followed by white space; the pixels follow.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString("latin1"));
  if (!header) throw new Error("pdftoppm gave no PGM");
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length, header[0].length + width * height);
  let ink = 0;
  for (const p of pixels) if (p < 200) ink += 1;
  return ink / (width * height);
}
