/**
 * `outreach letter pdf` through the real browser (Debian's chromium) and read back with poppler: for
 * each of the example's seven languages the PDF has the salutation and the last signatory in the
 * letter's script, page 1 is not blank (saved as artifacts/pdf/<lang>.png for CI), Urdu runs right to
 * left; one browser launch for the whole run; addressed letters, US Letter; a clear error without a browser.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { countryNamer } from "../../src/render/merge-fields.js";
import { EXAMPLE_CAMPAIGN, readCampaignJson } from "../campaign/edit-workspace.js";
import { CHROMIUM_PATH } from "../helpers/browser.js";
import { copyExampleWorkspace, REPO_ROOT, runInProcess } from "../helpers/cli.js";
import {
  inkShare,
  pageCount,
  pdfFonts,
  pageSize,
  pdfText,
  pdfWords,
  savePagePng,
  squeeze,
  type PdfWord,
} from "./pdf-tools.js";
import { appendSignatory, lastSignatories } from "./signatory-fixture.js";

const LANGUAGES = ["en", "es", "fr", "zh", "th", "ur", "bn"];
const ARTIFACTS = join(REPO_ROOT, "artifacts", "pdf");
const env = { OUTREACH_BROWSER: CHROMIUM_PATH };

interface PdfJson {
  dir: string;
  pdfs: { path: string; language: string; contact?: string }[];
  browserLaunches: number;
}

let ws: string;
let generic: PdfJson;
let salutations: Record<string, string>;
let last: Map<string, string>;

beforeAll(async () => {
  ws = await copyExampleWorkspace();
  await appendSignatory(ws, {
    organisation: "Zeta Digital Rights Trust",
    country: "KE",
    signed: "2012-11-20",
  });
  const run = await runInProcess(
    ["letter", "pdf", EXAMPLE_CAMPAIGN, "--date", "2026-12-07", "--format", "json"],
    { workspace: ws, env },
  );
  expect(run.code, run.stderr).toBe(0);
  generic = JSON.parse(run.stdout) as PdfJson;
  // The salutation of the website copy: each letter's first one that names nobody.
  const letters = (await readCampaignJson(ws)).letters as Record<string, { salutations: string[] }>;
  salutations = Object.fromEntries(
    LANGUAGES.map((l) => [l, letters[l]?.salutations.find((s) => !s.includes("{{")) ?? ""]),
  );
  last = await lastSignatories(ws);
  await mkdir(ARTIFACTS, { recursive: true });
}, 120_000);

const fileOf = (lang: string) => generic.pdfs.find((p) => p.language === lang && !p.contact)?.path ?? "";

describe("letter pdf: the generic letter of each language", () => {
  it("makes one PDF per language with one browser launch for the run", () => {
    expect(generic.pdfs.map((p) => p.language).sort()).toEqual([...LANGUAGES].sort());
    expect(generic.browserLaunches).toBe(1);
    expect(generic.dir).toBe(join(ws, "campaigns", EXAMPLE_CAMPAIGN, "outbox", "pdf"));
  });

  it.each(LANGUAGES)(
    "%s: salutation, the last signatory in the letter's script, page numbers, page 1 not blank",
    async (lang) => {
      const file = fileOf(lang);
      const text = squeeze(await pdfText(file));
      expect(salutations[lang]).not.toBe("");
      expect(text).toContain(squeeze(salutations[lang] ?? ""));
      const lastOne = last.get(lang) ?? "";
      expect(lastOne).toContain("Zeta Digital Rights Trust");
      // Kenya, as the letter's locale names it: 肯尼亚, เคนยา, کینیا, কেনিয়া...
      const locale = ((await readCampaignJson(ws)).letters as Record<string, { locale: string }>)[lang]
        ?.locale;
      const kenya = countryNamer(locale ?? lang)("KE");
      expect(lastOne).toContain(kenya);
      // Each part in its script; a right-to-left line holds the Latin name and the Urdu country as
      // separate visual runs, so there the two are found apart.
      expect(text).toContain(squeeze("Zeta Digital Rights Trust"));
      expect(text).toContain(squeeze(kenya));
      if (lang !== "ur") expect(text).toContain(squeeze(lastOne));
      // Only the bundled fonts, page numbers included: the same PDF on any machine.
      const fonts = await pdfFonts(file);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.filter((f) => !f.startsWith("Noto"))).toEqual([]);
      const pages = await pageCount(file);
      expect(text).toContain(`1/${pages}`);
      await savePagePng(file, join(ARTIFACTS, lang));
      expect(await inkShare(file)).toBeGreaterThan(0.01);
    },
  );

  it("sets Urdu right to left: glyphs run from the right, the salutation's first word rightmost on its line", async () => {
    const words = await pdfWords(fileOf("ur"));
    // poppler's word boxes hold glyphs in visual order: a right-to-left word reads backwards in them.
    const first = words.find((w) => w.page === 1 && [...w.text].reverse().join("") === "محترم");
    expect(first).toBeDefined();
    const line = sameLine(words, first as PdfWord);
    expect(line.length).toBeGreaterThan(1);
    expect((first as PdfWord).xMax).toBe(Math.max(...line.map((w) => w.xMax)));
    const [width] = await pageSize(fileOf("ur"));
    expect((first as PdfWord).xMax).toBeGreaterThan(width / 2);
    // and English the other way round: the first word leftmost, its glyphs in reading order.
    const en = await pdfWords(fileOf("en"));
    const dear = en.find((w) => w.page === 1 && w.text === "Dear") as PdfWord;
    expect(dear.xMin).toBe(Math.min(...sameLine(en, dear).map((w) => w.xMin)));
    expect(dear.xMin).toBeLessThan(width / 2);
  });

  it("prints A4 unless told otherwise", async () => {
    // Chromium's A4 is 8.27 × 11.7 inches: within a point or so of 595 × 842.
    const [w, h] = await pageSize(fileOf("en"));
    expect(Math.abs(w - 595.3)).toBeLessThan(1.5);
    expect(Math.abs(h - 841.9)).toBeLessThan(1.5);
  });
});

function sameLine(words: readonly PdfWord[], word: PdfWord): PdfWord[] {
  return words.filter((w) => w.page === word.page && Math.abs(w.yMin - word.yMin) < 8);
}

describe("letter pdf: addressed letters and options", () => {
  it("--contact makes each contact's letter as the email reads, on US Letter with place and date", async () => {
    const run = await runInProcess(
      [
        "letter",
        "pdf",
        EXAMPLE_CAMPAIGN,
        "--contact",
        "gb-a72267a471,pk-00a79158f9",
        "--paper",
        "letter",
        "--place",
        "Geneva",
        "--date",
        "2026-12-07",
        "--format",
        "json",
        "--out",
        join(ws, "addressed"),
      ],
      { workspace: ws, env },
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as PdfJson;
    expect(result.browserLaunches).toBe(1);
    expect(result.pdfs.map((p) => [p.contact, p.language])).toEqual([
      ["gb-a72267a471", "en"],
      ["pk-00a79158f9", "ur"],
    ]);
    const [gb, pk] = result.pdfs.map((p) => p.path) as [string, string];
    const gbText = squeeze(await pdfText(gb));
    expect(gbText).toContain(squeeze("Dear Mr Oliver Example,"));
    expect(gbText).toContain(squeeze("Geneva, 7 December 2026"));
    const [w, h] = await pageSize(gb);
    expect([Math.round(w), Math.round(h)]).toEqual([612, 792]);
    expect(squeeze(await pdfText(pk))).toContain("عائشہ");
  });

  it("a contact the campaign does not target is an error naming it", async () => {
    const run = await runInProcess(["letter", "pdf", EXAMPLE_CAMPAIGN, "--contact", "zz-nobody"], {
      workspace: ws,
      env,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("E_CONTACT_NOT_IN_CAMPAIGN");
  });

  it("without a browser: E_BROWSER_NOT_FOUND, exit 2, nothing printed", async () => {
    const named = await runInProcess(
      ["letter", "pdf", EXAMPLE_CAMPAIGN, "--browser", "/nonexistent/chromium"],
      {
        workspace: ws,
      },
    );
    expect(named.code).toBe(2);
    expect(named.stderr).toContain("E_BROWSER_NOT_FOUND");
    expect(named.stderr).toContain("/nonexistent/chromium");
    const viaEnv = await runInProcess(["letter", "pdf", EXAMPLE_CAMPAIGN], {
      workspace: ws,
      env: { OUTREACH_BROWSER: "/nonexistent/chrome" },
    });
    expect(viaEnv.code).toBe(2);
    expect(viaEnv.stderr).toContain("OUTREACH_BROWSER");
  });
});
