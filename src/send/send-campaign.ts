/**
 * Send: the run loop. Input: the jobs chosen by `selectRecipients`, a renderer, a transport, a ledger
 * appender, limits, a clock and a random source. Output: a summary. Effects only through the ports it
 * is given (ledger, transport, clock), so it runs on a manual clock in tests.
 *
 * The ledger rule that everything else serves: `attempt` is durable before `deliver` is called; the
 * outcome (`sent`, `deferred`, `failed`) is written after. An uncertain delivery writes no outcome.
 */
import pLimit from "p-limit";
import type { Clock, Random } from "../core/clock.js";
import { isOutreachError } from "../core/errors.js";
import type { SendLimits } from "../config/config-schema.js";
import type { LedgerAppender } from "../ledger/ledger-writer.fs.js";
import type { OutgoingMessage } from "../render/outgoing-message.js";
import { SendLimiter } from "./limiter.js";
import { decideOutcome, outcomeEvent, type DeliveryOutcome, type OutcomeBase } from "./outcome-policy.js";
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
  type WaitReason,
} from "./send-progress.js";
import type { Transport } from "./transport.js";
import { WaitingQueue } from "./waiting-queue.js";

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
  onOutcome?: (event: SendOutcomeEvent, progress: SendProgress) => void;
  /** Called when the run starts waiting (progress.waiting says for what and until when). */
  onWait?: (progress: SendProgress) => void;
}

/** Limits for a transport that troubles no server (the outbox); the slot reasons worth reporting as waits. */
const UNPACED = { perMinute: 6e7, perHour: 3.6e9, perDay: 8.64e10, perDomainPerHour: 3.6e9, burst: 1e6 };
const LONG_WAITS = new Set<string>(["minute", "hour", "day", "paused"]);

export async function sendCampaign(input: SendCampaignInput): Promise<SendSummary> {
  const { clock, limits, transport, ledger, campaign } = input;
  const limiter = new SendLimiter(transport.paced ? limits : UNPACED);
  for (const h of input.history ?? []) limiter.record(h.at, h.domain);
  // No server to protect behind the outbox: a few more files at once.
  const concurrency = transport.paced ? limits.concurrency : Math.max(limits.concurrency, 8);
  const run = pLimit(concurrency);
  const iso = (ms: number) => new Date(ms).toISOString();
  const startedAt = clock.now();
  const summary = emptySummary(input.total, startedAt, {
    intervalMs: limiter.paceIntervalMs,
    perHour: limiter.limits.perHour,
    perDay: limiter.limits.perDay,
  });
  const queue = new WaitingQueue(input.jobs);
  const inFlight = new Set<Promise<void>>();
  const outcomeWrites = new Set<Promise<void>>();
  let ledgerFailure: Error | undefined;
  let consecutiveFailures = 0;
  let lastFailure = "";
  let stop: StopReason | undefined;
  /** Contacts deferred in this run and not yet sent, failed or given up: the `deferred` figure. */
  const deferredNow = new Set<string>();
  let problem: string | undefined;
  let waitingFor: WaitInfo | undefined;

  const progress = (): SendProgress => progressOf(summary, clock.now(), waitingFor, problem);

  const report = (job: SendJob, outcome: SendOutcomeEvent["outcome"], response: string) =>
    input.onOutcome?.({ job, outcome, response }, progress());

  /** Apply the outcome policy's decision to the run: counts, retries, pauses; the event to write and any stop. */
  const apply = (job: SendJob, outcome: DeliveryOutcome, base: OutcomeBase) => {
    const now = clock.now();
    const policy = { attempt: job.attempt, consecutiveFailures, now, limits, random: input.random };
    const d = decideOutcome(outcome, policy);
    if (d.consecutiveFailures > consecutiveFailures) lastFailure = outcome.response;
    consecutiveFailures = d.consecutiveFailures;
    if (d.problem !== undefined) problem = d.problem ?? undefined;
    if (d.pauseAllUntil !== undefined) limiter.pauseUntil(d.pauseAllUntil);
    const response = d.record?.response ?? outcome.response;
    countOutcome(summary, job.contactId, d.counts, response);
    if (d.counts === "deferred") {
      deferredNow.add(job.contactId);
      if (d.retryAt === undefined) summary.waitingRetry += 1;
      else queue.wait({ ...job, attempt: job.attempt + 1 }, d.retryAt, "retry", outcome.response);
    } else if (d.counts !== "not-sent") deferredNow.delete(job.contactId);
    summary.deferred = deferredNow.size;
    return { event: d.record && outcomeEvent(d.record, base, iso(now)), stop: d.stop };
  };

  /** Launched messages not yet handed over (rendering, or waiting for their attempt's fsync). */
  let handOverPending = 0;
  let handOverWaiters: (() => void)[] = [];
  const handOverDone = () => {
    handOverPending -= 1;
    const waiters = handOverWaiters;
    handOverWaiters = [];
    for (const w of waiters) w();
  };
  const nextHandOver = () => new Promise<void>((r) => handOverWaiters.push(r));

  const deliverOne = async (job: SendJob, handedOver: () => void): Promise<void> => {
    const message = await input.render(job);
    const base = {
      campaign,
      contact: job.contactId,
      messageId: message.mail.messageId,
      language: message.language,
      revision: message.revision,
      attempt: job.attempt,
      email: job.email,
    };
    const attempt = { type: "attempt" as const, at: iso(clock.now()), transport: transport.name };
    await ledger.append([Object.assign({}, base, attempt)]); // not a spread: see `outcomeEvent`
    // The slot was granted on the schedule; the fsync since then took a varying time, so check the
    // per-second cap again on real hand-over times. Not interruptible: the wait is under a second and
    // the attempt is already written, so the message goes (or the run would leave it uncertain).
    // Checked before and recorded after the synchronous part of `deliver`, in one tick, so the recorded
    // time is never earlier than the real hand-over.
    for (;;) {
      const now = clock.now();
      const at = limiter.handOverAt(now);
      if (at <= now) break;
      await clock.sleep(at - now);
    }
    let outcome: DeliveryOutcome;
    try {
      const delivering = transport.deliver(message);
      limiter.recordHandOver(clock.now());
      handedOver();
      outcome = await delivering;
    } catch (e) {
      if (isOutreachError(e) && e.category === "safety") {
        // Auth or TLS failed before the message went anywhere: it was not sent, and will be retried next run.
        const { event, stop: fatal } = apply(job, { status: "not-sent", response: e.message }, base);
        if (event) await ledger.append([event]);
        if (fatal) stop ??= fatal;
        summary.fatal ??= e;
        report(job, "not-sent", e.message);
        return;
      }
      // Anything unexpected after the hand-over: we do not know what the server got.
      outcome = { status: "uncertain", response: e instanceof Error ? e.message : String(e) };
    }
    const { event, stop: stopNow } = apply(job, outcome, base);
    if (stopNow) stop ??= stopNow;
    // The outcome is queued, not awaited: the slot is free for the next message while the group commit
    // runs. The writer is FIFO, so the outcome still lands before any later attempt of this contact; a
    // crash before it is durable leaves the message uncertain, never wrongly sent or failed.
    if (event) {
      const write = ledger.append([event]);
      outcomeWrites.add(write);
      write.then(
        () => outcomeWrites.delete(write),
        (e: unknown) => {
          outcomeWrites.delete(write);
          // The ledger cannot be written: nothing more may be sent.
          ledgerFailure ??= e instanceof Error ? e : new Error("ledger write failed", { cause: e });
        },
      );
    }
    report(job, event?.type === "failed" ? "failed" : outcome.status, outcome.response);
  };

  const launch = (job: SendJob) => {
    handOverPending += 1;
    let pending = true;
    const handedOver = () => {
      if (pending) handOverDone();
      pending = false;
    };
    const p: Promise<void> = run(() => deliverOne(job, handedOver)).finally(() => {
      handedOver();
      inFlight.delete(p);
    });
    inFlight.add(p);
  };

  /**
   * Before a long wait: say what for and until when ("wait"). With `noWait` there is no waiting: let what
   * is in flight finish first ("drain"; it may change the picture), then end the run ("stop").
   */
  const beforeLongWait = (info: WaitInfo): "wait" | "drain" | "stop" => {
    if (input.noWait) {
      if (inFlight.size > 0) return "drain";
      stop ??= "waiting";
      summary.stopWait = info;
      return "stop";
    }
    if (waitingFor?.reason !== info.reason || waitingFor.until !== info.until) {
      waitingFor = info;
      input.onWait?.(progress());
    }
    return "wait";
  };

  /** Sleep until `until`, waking early when a message in flight finishes or the run is interrupted. */
  const waitUntil = async (until: number) => {
    const wake = new AbortController();
    const signals = input.signal ? [wake.signal, input.signal] : [wake.signal];
    const sleeping = clock.sleep(Math.max(0, until - clock.now()), AbortSignal.any(signals));
    try {
      await Promise.race([sleeping, ...inFlight]);
    } finally {
      wake.abort();
      await sleeping;
    }
  };

  let firstError: unknown;
  try {
    for (;;) {
      if (input.signal?.aborted) stop ??= "interrupted";
      if (stop || ledgerFailure) break;
      if (inFlight.size >= concurrency) {
        await Promise.race(inFlight);
        continue;
      }
      const now = clock.now();
      const job = queue.take(now);
      if (!job) {
        if (queue.exhausted) {
          if (inFlight.size === 0) break;
          await Promise.race(inFlight);
          continue;
        }
        const first = queue.firstWaiting();
        const next = first
          ? beforeLongWait({ reason: first.reason, until: first.at, detail: first.detail })
          : "wait";
        if (next === "stop") break;
        if (next === "drain") await Promise.race(inFlight);
        else await waitUntil(first?.at ?? now);
        continue;
      }
      const slot = limiter.nextSlot(now, job.domain);
      if (slot.at > now) {
        if (slot.reason === "domain") queue.wait(job, slot.at, "domain", job.domain);
        else {
          queue.hold(job);
          const next = LONG_WAITS.has(slot.reason)
            ? beforeLongWait({
                reason: slot.reason as WaitReason,
                until: slot.at,
                ...(slot.reason === "paused" && problem ? { detail: problem } : {}),
              })
            : "wait";
          if (next === "stop") break;
          // Let the messages already granted reach their hand-over before sleeping towards the next
          // slot: the hand-over check then sees them at their real times, not at the time slept to.
          if (next === "drain") await Promise.race(inFlight);
          else if (handOverPending > 0) await Promise.race([nextHandOver(), ...inFlight]);
          else await waitUntil(slot.at);
        }
        continue;
      }
      waitingFor = undefined;
      limiter.record(now, job.domain);
      launch(job);
    }
  } catch (e) {
    firstError = e;
  }
  // Finish what is in flight and record its outcome, whatever stopped the loop.
  const settled = await Promise.allSettled([...inFlight]);
  await Promise.allSettled([...outcomeWrites]);
  firstError ??= ledgerFailure;
  for (const s of settled) if (s.status === "rejected") firstError ??= s.reason;
  if (firstError !== undefined)
    throw firstError instanceof Error ? firstError : new Error("sending failed", { cause: firstError });
  // Deferred messages still waiting for their retry time (a message only held back by a cap is not one).
  summary.waitingRetry += queue.retriesWaiting();
  summary.stoppedBy = stop ?? "finished";
  if (summary.stoppedBy === "paused") summary.lastFailure = lastFailure;
  summary.deferred = deferredNow.size;
  summary.problem = problem;
  summary.waiting = undefined;
  summary.now = clock.now();
  return summary;
}
