/**
 * PDF benchmark: 200 addressed letters (invented recipients across the example's seven languages, as
 * `letter pdf --contact` and hand-delivery partner packs make them) printed by one browser. Figures: the
 * browser launches of the run (target: 1), the total time for the 200 (target: ≤ 60 s on this machine),
 * the median per letter, and in the same run the ratio against the baseline: the generic (website) PDF
 * of each language, made once each by the same browser.
 */
import { performance } from "node:perf_hooks";
import { join } from "node:path";
import pLimit from "p-limit";
import { buildPlan } from "../src/campaign/build-plan.js";
import { loadCampaign } from "../src/campaign/load-campaign.fs.js";
import { findBrowser } from "../src/publish/find-browser.fs.js";
import { createLetterPdfMaker } from "../src/publish/letter-pdf.fs.js";
import { createPdfPrinter } from "../src/publish/pdf-printer.fs.js";
import { byLanguage } from "../src/publish/write-letter-pdfs.fs.js";
import { createRenderer } from "../src/render/create-renderer.js";
import { syntheticContacts } from "./synthetic-contacts.js";
import { median, peakRssMb, report } from "./measure.js";

const LETTERS = 200;

const loaded = await loadCampaign(join(import.meta.dirname, ".."), "wcit-2012");
loaded.contacts = syntheticContacts(LETTERS);
const plan = buildPlan(loaded);
const renderer = await createRenderer(loaded);
const printer = createPdfPrinter(await findBrowser({ env: process.env }));
const settings = { date: "2026-12-07", place: "Geneva" };
try {
  // Baseline: the generic letter of each language, once (the first also starts the browser).
  const maker = createLetterPdfMaker(loaded.campaign, renderer, printer, settings);
  const languages = renderer.languages;
  await maker.generic(languages[0] ?? "en");
  const baseStart = performance.now();
  for (const lang of languages.slice(1)) await maker.generic(lang);
  const genericMs = (performance.now() - baseStart) / Math.max(1, languages.length - 1);

  const perLetter: number[] = [];
  const limit = pLimit(4);
  const start = performance.now();
  await Promise.all(
    // As `letter pdf --contact` queues them: language by language.
    byLanguage(plan.entries.slice(0, LETTERS)).map((entry) =>
      limit(async () => {
        const t = performance.now();
        await maker.addressed(entry);
        perLetter.push(performance.now() - t);
      }),
    ),
  );
  const totalS = (performance.now() - start) / 1000;
  report("pdf browser launches per run", printer.launches, "launches", { op: "<=", value: 1 });
  report("pdf generic letters made (one per language)", maker.genericMade, "PDFs");
  report(`pdf ${Math.min(LETTERS, plan.entries.length)} addressed letters`, totalS, "s", {
    op: "<=",
    value: 60,
  });
  report("pdf addressed letters per second", Math.min(LETTERS, plan.entries.length) / totalS, "letters/s");
  report("pdf median time per addressed letter (2 print at once)", median(perLetter), "ms");
  report("pdf baseline: one generic letter, printed alone", genericMs, "ms");
  report(
    "pdf ratio: addressed throughput time per letter / generic letter alone",
    (totalS * 1000) / LETTERS / genericMs,
    "x",
  );
  report("pdf peak RSS (node)", peakRssMb(), "MB");
} finally {
  await printer.close();
}
