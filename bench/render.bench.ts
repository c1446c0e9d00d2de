/**
 * Rendering benchmark: 10,000 invented recipients across the seven languages of the example campaign.
 * Figures: compile time (MJML once per letter and language), messages per second, median time per
 * recipient, and in the same run the ratio against rendering MJML per recipient on a sample of 200.
 */
import { performance } from "node:perf_hooks";
import { join } from "node:path";
import Handlebars from "handlebars";
import mjml2html from "mjml";
import { buildPlan, type PlanEntry } from "../src/campaign/build-plan.js";
import { loadCampaign } from "../src/campaign/load-campaign.fs.js";
import { createRenderer } from "../src/render/create-renderer.js";
import { prepareMjml } from "../src/render/compile-letter.js";
import { buildRecipientFields, countryNamer } from "../src/render/merge-fields.js";
import { syntheticContacts } from "./synthetic-contacts.js";
import { median, peakRssMb, report } from "./measure.js";

const RECIPIENTS = 10_000;
const BASELINE_SAMPLE = 200;

const repoRoot = join(import.meta.dirname, "..");
const loaded = await loadCampaign(repoRoot, "wcit-2012");
loaded.contacts = syntheticContacts(RECIPIENTS);
// The example campaign sends CN by partner; for the benchmark every message is an email.
for (const mapping of Object.values(loaded.campaign.countries)) mapping.delivery = "email";
const plan = buildPlan(loaded);
const languages = new Set(plan.entries.map((e) => e.language));
if (plan.entries.length !== RECIPIENTS || languages.size !== 7) {
  throw new Error(
    `expected ${RECIPIENTS} entries in 7 languages, got ${plan.entries.length} in ${languages.size}`,
  );
}

const compileStart = performance.now();
const renderer = await createRenderer(loaded);
const compileMs = performance.now() - compileStart;
if (renderer.problems.length) throw new Error(`template problems: ${JSON.stringify(renderer.problems)}`);

// Warm-up so lazy Handlebars compilation and JIT do not count against the per-recipient median.
for (const entry of plan.entries.slice(0, 50)) renderer.render(entry);

const perRecipient: number[] = new Array<number>(RECIPIENTS);
let bytes = 0;
const runStart = performance.now();
plan.entries.forEach((entry, i) => {
  const t = performance.now();
  const message = renderer.render(entry);
  perRecipient[i] = performance.now() - t;
  bytes += message.mail.html.length + message.mail.text.length;
});
const runMs = performance.now() - runStart;
const fastMedian = median(perRecipient);

// Baseline: merge fields into the MJML source, then compile MJML, for every recipient.
const hb = Handlebars.create();
const naive = new Map<string, HandlebarsTemplateDelegate>();
for (const [language, source] of Object.entries(loaded.letters)) {
  if (source) naive.set(language, hb.compile(prepareMjml(source.mjml.text, language)));
}
const namer = countryNamer("en");
async function renderNaively(entry: PlanEntry): Promise<string> {
  const letter = renderer.letterFor(entry.language)!;
  const fields = buildRecipientFields(letter.base, entry.contact, namer(entry.country), entry.partner);
  fields.salutation = entry.contact.name;
  fields.subject = "";
  const result = await mjml2html(naive.get(entry.language)!(fields), {
    validationLevel: "skip",
    fonts: {},
    keepComments: false,
  });
  return result.html;
}
const sample = Array.from(
  { length: BASELINE_SAMPLE },
  (_, i) => plan.entries[Math.floor((i * RECIPIENTS) / BASELINE_SAMPLE)]!,
);
for (const entry of sample.slice(0, 5)) await renderNaively(entry);
const baseline: number[] = [];
for (const entry of sample) {
  const t = performance.now();
  await renderNaively(entry);
  baseline.push(performance.now() - t);
}
const baselineMedian = median(baseline);

report("render.compile_once_all_letters", compileMs, "ms");
report("render.messages_per_second", RECIPIENTS / (runMs / 1000), "msg/s");
report("render.median_per_recipient", fastMedian, "ms", { op: "<=", value: 0.2 });
report("render.baseline_mjml_per_recipient_median", baselineMedian, "ms");
report("render.speedup_vs_mjml_per_recipient", baselineMedian / fastMedian, "x", { op: ">=", value: 20 });
report("render.output_mb", bytes / 1e6, "MB");
report("render.peak_rss", peakRssMb(), "MB");
