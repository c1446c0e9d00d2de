/**
 * This run's selection, streamed. Pure: input is the plan's entries, the folded ledger and the user's
 * filters; output is what `selectRecipients` decides (skips, uncertain contacts, counts), with the jobs
 * not held in a list: `jobs` makes them again from the plan on every pass (the review gate, the trial
 * render, the send), and `entryOf` finds a job's plan entry by its `ref`. A 100k-recipient run then
 * never holds 100k jobs, and a job lives only while it is being sent.
 *
 * The decision per recipient is `selectRecipients`' own (called per recipient, without the limit), so
 * the forecast `plan` prints and the send cannot disagree; the limit is applied here, in plan order.
 */
import type { PlanEntry } from "../campaign/build-plan.js";
import type { LedgerFold } from "../ledger/fold-ledger.js";
import { plannedRecipients } from "./forecast-send.js";
import {
  selectRecipients,
  type PlannedRecipient,
  type SelectOptions,
  type Selection,
  type SendJob,
} from "./select-recipients.js";

export interface JobSelection extends Omit<Selection, "jobs"> {
  /** The jobs of this run, in plan order; each iteration makes them anew. */
  jobs: Iterable<SendJob>;
  jobCount: number;
  entryOf: (job: SendJob) => PlanEntry;
}

export function streamSelection(
  entries: readonly PlanEntry[],
  fold: LedgerFold,
  options: SelectOptions,
): JobSelection {
  const { limit, ...perRecipient } = options;
  const decide = (r: PlannedRecipient) => selectRecipients([r], fold, perRecipient);
  const out: JobSelection = {
    jobs: { [Symbol.iterator]: () => jobsOf(entries, decide, limit) },
    jobCount: 0,
    newSkips: [],
    skipped: [],
    uncertain: [],
    alreadySent: 0,
    alreadyFailed: 0,
    notSelected: 0,
    overLimit: 0,
    entryOf: (job) => {
      const e = job.ref === undefined ? undefined : entries[job.ref];
      if (!e) throw new Error(`no plan entry for ${job.contactId}`);
      return e;
    },
  };
  for (const r of plannedRecipients(entries)) {
    const one = decide(r);
    out.newSkips.push(...one.newSkips);
    out.skipped.push(...one.skipped);
    out.uncertain.push(...one.uncertain);
    out.alreadySent += one.alreadySent;
    out.alreadyFailed += one.alreadyFailed;
    out.notSelected += one.notSelected;
    if (one.jobs.length === 0) continue;
    if (limit !== undefined && out.jobCount >= limit) {
      out.notSelected += 1;
      out.overLimit += 1;
    } else out.jobCount += 1;
  }
  return out;
}

function* jobsOf(
  entries: readonly PlanEntry[],
  decide: (r: PlannedRecipient) => Selection,
  limit: number | undefined,
): Generator<SendJob> {
  let n = 0;
  for (const r of plannedRecipients(entries)) {
    if (limit !== undefined && n >= limit) return;
    const job = decide(r).jobs[0];
    if (!job) continue;
    n += 1;
    yield job;
  }
}
