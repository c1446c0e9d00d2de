/**
 * MJML → HTML in a worker thread that has ended before the letters are returned. MJML is needed once per
 * letter and language, but what it loads (mjml's components, juice, js-beautify, postcss, two copies of
 * cheerio and of undici: about 40 MB resident and 15 MB of live heap, `bench/send.bench.ts`) would stay in
 * a sending process for the whole run and raise the garbage collector's limits with it; a thread gives
 * all of it back when it ends. What MJML made of each distinct source (its HTML and errors, or the
 * exception it threw) is kept for the process (MJML is a pure function of its input and these options),
 * so repeated renderers of the same campaign start no new thread. A thread that cannot start, crashes or
 * ends without answering is E_MJML_THREAD: a fault of the machine, never blamed on a template.
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { OperationError } from "../core/errors.js";

/** What MJML made of one source: the HTML and its validation errors, or the exception it threw. */
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

/** Outcomes by source hash, least recently used first; a few campaigns' worth of letters. */
const compiled = new Map<string, MjmlOutcome>();
const CACHE_LIMIT = 64;

/** Compiles every source (in order), the ones not seen before in one thread that has ended on return. */
export async function compileMjmlSources(sources: readonly string[]): Promise<MjmlOutcome[]> {
  const keys = sources.map((s) => createHash("sha256").update(s).digest("hex"));
  // This call's outcomes are its own: evicting older entries below cannot take them away.
  const outcomes = new Map<string, MjmlOutcome>();
  for (const k of keys) {
    const known = compiled.get(k);
    if (known) outcomes.set(k, known);
  }
  const missing = [...new Set(keys.filter((k) => !outcomes.has(k)))];
  if (missing.length > 0) {
    const fresh = await inThread(missing.map((k) => sources[keys.indexOf(k)] ?? ""));
    missing.forEach((k, i) => outcomes.set(k, fresh[i] ?? { failure: "MJML returned no result" }));
  }
  for (const k of new Set(keys)) remember(k, outcomes.get(k) as MjmlOutcome);
  return keys.map((k) => outcomes.get(k) as MjmlOutcome);
}

/** Keeps `outcome` as the most recently used entry, dropping the least recently used past the limit. */
function remember(key: string, outcome: MjmlOutcome): void {
  compiled.delete(key);
  compiled.set(key, outcome);
  if (compiled.size > CACHE_LIMIT) compiled.delete(compiled.keys().next().value as string);
}

/** Runs the thread and resolves once it has exited, with what it answered. */
async function inThread(sources: readonly string[]): Promise<MjmlOutcome[]> {
  let worker: Worker;
  try {
    const mjml = createRequire(import.meta.url).resolve("mjml");
    worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { mjml, sources, options: OPTIONS } });
  } catch (e) {
    throw threadError(`could not start: ${(e as Error).message}`, e);
  }
  return await new Promise<MjmlOutcome[]>((resolve, reject) => {
    let answer: MjmlOutcome[] | undefined;
    let failure: Error | undefined;
    worker.once("message", (outcomes: MjmlOutcome[]) => {
      answer = outcomes;
      void worker.terminate();
    });
    worker.once("error", (e) => (failure ??= e));
    worker.once("exit", (code) => {
      if (answer && answer.length === sources.length) resolve(answer);
      else
        reject(
          threadError(failure ? failure.message : `stopped (exit code ${code}) before it answered`, failure),
        );
    });
  });
}

function threadError(what: string, cause: unknown): OperationError {
  return new OperationError("E_MJML_THREAD", `the thread that compiles the letters' MJML ${what}`, {
    cause,
    hint: "check that the mjml package is installed (npm ci) and that the machine has memory to spare",
  });
}
