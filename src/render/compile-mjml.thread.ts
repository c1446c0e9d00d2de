/**
 * MJML → HTML in a worker thread that ends once the letters are compiled. MJML is needed once per letter
 * and language, but what it loads (mjml's components, juice, js-beautify, postcss, two copies of
 * cheerio and of undici: about 40 MB resident and 15 MB of live heap, `bench/send.bench.ts`) would stay in
 * a sending process for the whole run and raise the garbage collector's limits with it; a thread gives
 * all of it back when it ends. Each distinct source is compiled once per process (MJML is a pure function
 * of its input and these options), so repeated renderers of the same campaign start no new thread.
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** What MJML made of one source: the HTML and its validation errors, or why it failed outright. */
export type MjmlOutcome =
  { html: string; errors: { line?: number; tagName?: string; message: string }[] } | { failure: string };

/** MJML's options: soft validation, no fonts fetched, no comments kept, no includes read. */
const OPTIONS = { validationLevel: "soft", fonts: {}, keepComments: false, ignoreIncludes: true };

/** The thread: CommonJS run from a string, so it needs no build step and loads mjml by resolved path. */
const THREAD_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const mjml2html = require(workerData.mjml);
(async () => {
  const outcomes = [];
  for (const source of workerData.sources) {
    try {
      const result = await mjml2html(source, workerData.options);
      outcomes.push({
        html: result.html,
        errors: result.errors.map((e) => ({ line: e.line, tagName: e.tagName, message: String(e.message) })),
      });
    } catch (e) {
      outcomes.push({ failure: String((e && e.message) || e) });
    }
  }
  parentPort.postMessage(outcomes);
})();
`;

/** Compiled sources by hash, oldest first; a few campaigns' worth of letters. */
const compiled = new Map<string, MjmlOutcome>();
const CACHE_LIMIT = 64;

/** Compiles every source (in order), the ones not seen before in one thread. */
export async function compileMjmlSources(sources: readonly string[]): Promise<MjmlOutcome[]> {
  const keys = sources.map((s) => createHash("sha256").update(s).digest("hex"));
  const fresh = new Map<string, MjmlOutcome>();
  const missing = [...new Set(keys.filter((k) => !compiled.has(k)))];
  if (missing.length > 0) {
    const outcomes = await inThread(missing.map((k) => sources[keys.indexOf(k)] ?? ""));
    missing.forEach((k, i) => {
      const outcome = outcomes[i] ?? { failure: "MJML returned no result" };
      fresh.set(k, outcome);
      // A thread that failed says nothing about the source: only what MJML made of it is kept.
      if (!("failure" in outcome)) remember(k, outcome);
    });
  }
  return keys.map((k) => fresh.get(k) ?? compiled.get(k) ?? { failure: "MJML returned no result" });
}

function remember(key: string, outcome: MjmlOutcome): void {
  compiled.set(key, outcome);
  if (compiled.size > CACHE_LIMIT) compiled.delete(compiled.keys().next().value as string);
}

function inThread(sources: readonly string[]): Promise<MjmlOutcome[]> {
  const mjml = createRequire(import.meta.url).resolve("mjml");
  return new Promise((resolve) => {
    const failAll = (why: string) => resolve(sources.map(() => ({ failure: why })));
    const worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: { mjml, sources, options: OPTIONS },
    });
    worker.once("message", (outcomes: MjmlOutcome[]) => {
      resolve(outcomes);
      void worker.terminate();
    });
    worker.once("error", (e) => failAll(e.message));
    worker.once("exit", (code) => failAll(`the MJML thread stopped (exit code ${code})`));
  });
}
