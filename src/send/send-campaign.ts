/**
 * Send: the run loop. Input: the jobs chosen by `selectRecipients`, a renderer, a transport, a ledger
 * appender, limits, a clock and a random source. Output: a summary. Effects only through the ports it
 * is given (ledger, transport, clock), so it runs on a manual clock in tests.
 *
 * The ledger rule that everything else serves: `attempt` is durable before `deliver` is called; the
 * outcome (`sent`, `deferred`, `failed`) is written after. An uncertain delivery writes no outcome.
 */
import type { Clock, Random } from "../core/clock.js";
import type { SendLimits } from "../config/config-schema.js";
import type { LedgerAppender } from "../ledger/ledger-writer.fs.js";
import type { OutgoingMessage } from "../render/outgoing-message.js";
import { launchJob } from "./deliver-job.js";
import type { Slot } from "./limiter.js";
import type { SendJob } from "./select-recipients.js";
import type { SendOutcomeEvent, SendProgress, SendSummary, WaitInfo, WaitReason } from "./send-progress.js";
import { finishRun, progressNow, startRun, type SendRun } from "./send-run.js";
import type { Transport } from "./transport.js";

export interface SendCampaignInput {
  campaign: string;
  jobs: Iterable<SendJob>;
  total: number;
  render: (job: SendJob) => OutgoingMessage | Promise<OutgoingMessage>;
  transport: Transport;
  ledger: LedgerAppender;
  limits: SendLimits;
  clock: Clock;
  random: Random;
  signal?: AbortSignal;
  /** End the run instead of waiting for a retry time, a cap or a server pause (`send --no-wait`). */
  noWait?: boolean;
  /** Earlier hand-overs of this campaign (oldest first, e.g. the last day of `attempt`s in the ledger), so caps hold across restarts. */
  history?: Iterable<{ at: number; domain: string }>;
  /** Earliest time ≥ now a letter to this country may go (the campaign's office hours); absent: any time. */
  windowOpensAt?: (country: string, now: number) => number;
  onOutcome?: (event: SendOutcomeEvent, progress: SendProgress) => void;
  /** Called when the run starts waiting (progress.waiting says for what and until when). */
  onWait?: (progress: SendProgress) => void;
}

/** The slot reasons worth reporting as waits. */
const LONG_WAITS = new Set<string>(["minute", "hour", "day", "paused"]);

/** Whether the loop goes on to its next turn or ends. */
type LoopStep = "next" | "end";

export async function sendCampaign(input: SendCampaignInput): Promise<SendSummary> {
  const run = startRun(input);
  let loopError: unknown;
  try {
    await runLoop(run);
  } catch (e) {
    loopError = e;
  }
  return finishRun(run, loopError);
}

/** Take jobs as their slots come and launch them, until the queue is done or something stops the run. */
async function runLoop(run: SendRun): Promise<void> {
  const { input, queue, inFlight } = run;
  for (;;) {
    if (input.signal?.aborted) run.stop ??= "interrupted";
    if (run.stop || run.ledgerFailure || run.jobFailure) break;
    if (inFlight.size >= run.concurrency) {
      await run.jobDone.next();
      continue;
    }
    const now = input.clock.now();
    const job = queue.take(now);
    if (!job) {
      if ((await waitForJob(run, now)) === "end") break;
      continue;
    }
    // Office hours closed in the recipient's country: park the job until they open; others may go.
    const opens = input.windowOpensAt?.(job.country, now) ?? now;
    if (opens > now) {
      queue.wait(job, opens, "window", job.country);
      continue;
    }
    const slot = run.limiter.nextSlot(now, job.domain);
    if (slot.at > now) {
      if ((await waitForSlot(run, job, slot)) === "end") break;
      continue;
    }
    run.waitingFor = undefined;
    run.limiter.record(now, job.domain);
    launchJob(run, job);
  }
}

/** No job is ready: wait for what is in flight, or for the first waiting job's time. */
async function waitForJob(run: SendRun, now: number): Promise<LoopStep> {
  const { queue, inFlight } = run;
  if (queue.exhausted) {
    if (inFlight.size === 0) return "end";
    await run.jobDone.next();
    return "next";
  }
  const first = queue.firstWaiting();
  const next = first
    ? beforeLongWait(run, { reason: first.reason, until: first.at, detail: first.detail })
    : "wait";
  if (next === "stop") return "end";
  if (next === "drain") await run.jobDone.next();
  else await waitUntil(run, first?.at ?? now);
  return "next";
}

/** The job's slot is later: park it (behind its domain's cap, or held for the next slot) and wait. */
async function waitForSlot(run: SendRun, job: SendJob, slot: Slot): Promise<LoopStep> {
  const { queue } = run;
  if (slot.reason === "domain") {
    queue.wait(job, slot.at, "domain", job.domain);
    return "next";
  }
  queue.hold(job);
  const next = LONG_WAITS.has(slot.reason)
    ? beforeLongWait(run, {
        reason: slot.reason as WaitReason,
        until: slot.at,
        ...(slot.reason === "paused" && run.problem ? { detail: run.problem } : {}),
      })
    : "wait";
  if (next === "stop") return "end";
  // Let the messages already granted reach their hand-over before sleeping towards the next
  // slot: the hand-over check then sees them at their real times, not at the time slept to.
  if (next === "drain") await run.jobDone.next();
  else if (run.handOvers.hasPending) await Promise.race([run.handOvers.next(), run.jobDone.next()]);
  else await waitUntil(run, slot.at);
  return "next";
}

/**
 * Before a long wait: say what for and until when ("wait"). With `noWait` there is no waiting: let what
 * is in flight finish first ("drain"; it may change the picture), then end the run ("stop").
 */
function beforeLongWait(run: SendRun, info: WaitInfo): "wait" | "drain" | "stop" {
  if (run.input.noWait) {
    if (run.inFlight.size > 0) return "drain";
    run.stop ??= "waiting";
    run.summary.stopWait = info;
    return "stop";
  }
  if (run.waitingFor?.reason !== info.reason || run.waitingFor.until !== info.until) {
    run.waitingFor = info;
    run.input.onWait?.(progressNow(run));
  }
  return "wait";
}

/** Sleep until `until`, waking early when a message in flight finishes or the run is interrupted. */
async function waitUntil(run: SendRun, until: number): Promise<void> {
  const { clock, signal } = run.input;
  const wake = new AbortController();
  const signals = signal ? [wake.signal, signal] : [wake.signal];
  const sleeping = clock.sleep(Math.max(0, until - clock.now()), AbortSignal.any(signals));
  try {
    await (run.inFlight.size > 0 ? Promise.race([sleeping, run.jobDone.next()]) : sleeping);
  } finally {
    wake.abort();
    await sleeping;
  }
}
