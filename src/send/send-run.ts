/**
 * The state of one send run and what changes it: set-up from the input, applying a delivery's outcome
 * (counts, retries, pauses), progress for the callbacks, and the summary at the end. Pure: the time comes
 * from the input's clock.
 */
import pLimit, { type LimitFunction } from "p-limit";
import { SendLimiter } from "./limiter.js";
import { decideOutcome, outcomeEvent, type DeliveryOutcome, type OutcomeBase } from "./outcome-policy.js";
import type { SendCampaignInput } from "./send-campaign.js";
import type { SendJob } from "./select-recipients.js";
import {
  countOutcome,
  emptySummary,
  progressOf,
  type SendOutcomeEvent,
  type SendProgress,
  type SendSummary,
  type StopReason,
  type WaitInfo,
} from "./send-progress.js";
import { WaitingQueue } from "./waiting-queue.js";

/** Limits for a transport that troubles no server (the outbox). */
const UNPACED = { perMinute: 6e7, perHour: 3.6e9, perDay: 8.64e10, perDomainPerHour: 3.6e9, burst: 1e6 };

/**
 * Wakes whoever waits for the next event (a message done, a message handed over). One promise per
 * wait: the run loop used to `Promise.race` the set of messages in flight, which added a reaction to
 * every one of them on every turn, each kept until that message was done: about a kilobyte per message
 * that outlived two scavenges and sat in the old generation until the next full collection.
 */
export class Wakeup {
  private waiters: (() => void)[] = [];

  /** Resolves at the next `notify`. */
  next(): Promise<void> {
    return new Promise<void>((r) => this.waiters.push(r));
  }

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/** Counts launched messages not yet handed over (rendering, or waiting for their attempt's fsync). */
export class HandOverGate {
  private pending = 0;
  private readonly handedOver = new Wakeup();

  get hasPending(): boolean {
    return this.pending > 0;
  }

  /** One more message on its way to the hand-over. */
  add(): void {
    this.pending += 1;
  }

  /** One message handed over (or given up): wake whoever waits for the next hand-over. */
  done(): void {
    this.pending -= 1;
    this.handedOver.notify();
  }

  /** Resolves at the next `done`. */
  next(): Promise<void> {
    return this.handedOver.next();
  }
}

export interface SendRun {
  readonly input: SendCampaignInput;
  readonly limiter: SendLimiter;
  readonly concurrency: number;
  readonly limit: LimitFunction;
  readonly summary: SendSummary;
  readonly queue: WaitingQueue<SendJob>;
  readonly inFlight: Set<Promise<void>>;
  /** Notified each time a message in flight is done (it has left `inFlight`). */
  readonly jobDone: Wakeup;
  /** The first error a message's own work threw (its outcome is unknown): the run stops. */
  jobFailure: { error: unknown } | undefined;
  readonly outcomeWrites: Set<Promise<void>>;
  readonly handOvers: HandOverGate;
  /** Contacts deferred in this run and not yet sent, failed or given up: the `deferred` figure. */
  readonly deferredNow: Set<string>;
  ledgerFailure: Error | undefined;
  consecutiveFailures: number;
  lastFailure: string;
  stop: StopReason | undefined;
  problem: string | undefined;
  waitingFor: WaitInfo | undefined;
}

/** A time as ISO text, for ledger events. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** The limiter (with the history of earlier hand-overs), the concurrency, an empty summary and queue. */
export function startRun(input: SendCampaignInput): SendRun {
  const { clock, limits, transport } = input;
  const limiter = new SendLimiter(transport.paced ? limits : UNPACED, transport.paced);
  for (const h of input.history ?? []) limiter.record(h.at, h.domain);
  // No server to protect behind the outbox: a few more files at once.
  const concurrency = transport.paced ? limits.concurrency : Math.max(limits.concurrency, 8);
  const summary = emptySummary(input.total, clock.now(), {
    intervalMs: limiter.paceIntervalMs,
    perHour: limiter.limits.perHour,
    perDay: limiter.limits.perDay,
  });
  return {
    input,
    limiter,
    concurrency,
    limit: pLimit(concurrency),
    summary,
    queue: new WaitingQueue(input.jobs),
    inFlight: new Set(),
    jobDone: new Wakeup(),
    jobFailure: undefined,
    outcomeWrites: new Set(),
    handOvers: new HandOverGate(),
    deferredNow: new Set(),
    ledgerFailure: undefined,
    consecutiveFailures: 0,
    lastFailure: "",
    stop: undefined,
    problem: undefined,
    waitingFor: undefined,
  };
}

/** The run's progress now, for the callbacks. */
export function progressNow(run: SendRun): SendProgress {
  return progressOf(run.summary, run.input.clock.now(), run.waitingFor, run.problem);
}

/** Tell `onOutcome` about one message. */
export function reportOutcome(
  run: SendRun,
  job: SendJob,
  outcome: SendOutcomeEvent["outcome"],
  response: string,
): void {
  run.input.onOutcome?.({ job, outcome, response }, progressNow(run));
}

/** Apply the outcome policy's decision to the run: counts, retries, pauses; the event to write and any stop. */
export function applyOutcome(run: SendRun, job: SendJob, outcome: DeliveryOutcome, base: OutcomeBase) {
  const { clock, limits, random } = run.input;
  const { summary, deferredNow } = run;
  const now = clock.now();
  const policy = { attempt: job.attempt, consecutiveFailures: run.consecutiveFailures, now, limits, random };
  const d = decideOutcome(outcome, policy);
  if (d.consecutiveFailures > run.consecutiveFailures) run.lastFailure = outcome.response;
  run.consecutiveFailures = d.consecutiveFailures;
  if (d.problem !== undefined) run.problem = d.problem ?? undefined;
  if (d.pauseAllUntil !== undefined) run.limiter.pauseUntil(d.pauseAllUntil);
  const response = d.record?.response ?? outcome.response;
  countOutcome(summary, job.contactId, d.counts, response);
  if (d.counts === "deferred") {
    deferredNow.add(job.contactId);
    if (d.retryAt === undefined) summary.waitingRetry += 1;
    else run.queue.wait({ ...job, attempt: job.attempt + 1 }, d.retryAt, "retry", outcome.response);
  } else if (d.counts !== "not-sent") deferredNow.delete(job.contactId);
  summary.deferred = deferredNow.size;
  return { event: d.record && outcomeEvent(d.record, base, isoTime(now)), stop: d.stop };
}

/**
 * Finish what is in flight and record its outcome, whatever stopped the loop; then rethrow the first
 * error (the loop's, a message's own, a ledger failure; a message's work that failed with the ledger
 * rejects with the ledger's error) or complete the summary.
 */
export async function finishRun(run: SendRun, loopError: unknown): Promise<SendSummary> {
  const { summary } = run;
  // Messages never reject (deliver-job.ts keeps a failure in run.jobFailure): this only waits.
  await Promise.allSettled([...run.inFlight]);
  await Promise.allSettled([...run.outcomeWrites]);
  const ledgerFailure = run.ledgerFailure ? { error: run.ledgerFailure } : undefined;
  const failure = loopError !== undefined ? { error: loopError } : (run.jobFailure ?? ledgerFailure);
  if (failure) {
    const e = failure.error;
    throw e instanceof Error ? e : new Error("sending failed", { cause: e });
  }
  // Deferred messages still waiting for their retry time (a message only held back by a cap is not one).
  summary.waitingRetry += run.queue.retriesWaiting();
  summary.stoppedBy = run.stop ?? "finished";
  if (summary.stoppedBy === "paused") summary.lastFailure = run.lastFailure;
  summary.deferred = run.deferredNow.size;
  summary.problem = run.problem;
  summary.waiting = undefined;
  summary.now = run.input.clock.now();
  return summary;
}
