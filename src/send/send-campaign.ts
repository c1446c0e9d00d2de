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
import { isOutreachError, type OutreachError } from "../core/errors.js";
import type { SendLimits } from "../config/config-schema.js";
import type { LedgerAppender } from "../ledger/ledger-writer.fs.js";
import type { LedgerEvent } from "../ledger/ledger-event-schema.js";
import type { OutgoingMessage } from "../render/outgoing-message.js";
import { SendLimiter } from "./limiter.js";
import { retryDelay } from "./retry-delay.js";
import type { SendJob } from "./select-recipients.js";
import type { Transport } from "./transport.js";

/**
 * Why the run ended. `paused`: too many failures in a row (the server or the list is in trouble);
 * `waiting`: `noWait` was set and only waiting was left (retry times, caps, a server pause).
 */
export type StopReason = "finished" | "interrupted" | "paused" | "waiting" | "fatal";

/**
 * What the run is waiting for: a deferred message's retry time, a recipient domain's hourly cap, one of
 * the global caps, or a pause after the server refused connections. (`pace` and `second` are the
 * ordinary spacing between messages, never reported as waiting.)
 */
export type WaitReason = "retry" | "domain" | "minute" | "hour" | "day" | "paused";

export interface WaitInfo {
  reason: WaitReason;
  /** Until when (ms since the epoch). */
  until: number;
  /** The domain held back by its cap, or the server's last reply behind a pause or retry. */
  detail?: string;
}

export interface SendProgress {
  sent: number;
  /** Messages deferred (4xx or network error) and waiting for a retry now: messages, not retries. */
  deferred: number;
  failed: number;
  uncertain: number;
  /** Jobs not yet finished (including deferred ones waiting for a retry). */
  remaining: number;
  total: number;
  startedAt: number;
  now: number;
  /** The limiter's spacing between messages (per-minute pace), for ETAs. */
  intervalMs: number;
  /** The hourly and daily caps, for ETAs of long runs. */
  perHour?: number;
  perDay?: number;
  /** Set while the run waits for longer than the ordinary spacing between messages. */
  waiting?: WaitInfo | undefined;
  /** The last connection-level failure (refused, dropped, 421), until a message goes through again. */
  problem?: string | undefined;
}

export interface SendOutcomeEvent {
  job: SendJob;
  outcome: "sent" | "deferred" | "failed" | "uncertain" | "not-sent";
  response: string;
}

export interface SendSummary extends SendProgress {
  stoppedBy: StopReason;
  /** When `stoppedBy` is "paused": the last failure's server reply. */
  lastFailure: string | undefined;
  /** When `stoppedBy` is "waiting": what the run would have waited for. */
  stopWait: WaitInfo | undefined;
  /** The error that stopped the run (E_SMTP_AUTH, E_SMTP_TLS), when `stoppedBy` is "fatal". */
  fatal: OutreachError | undefined;
  uncertainContacts: string[];
  failedContacts: { contact: string; response: string }[];
  /** Deferred messages still waiting for a retry when the run stopped. */
  waitingRetry: number;
}

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

/** Limits for a transport that troubles no server (the outbox). */
const UNPACED = { perMinute: 6e7, perHour: 3.6e9, perDay: 8.64e10, perDomainPerHour: 3.6e9, burst: 1e6 };

interface Waiting {
  job: SendJob;
  at: number;
  reason: "retry" | "domain";
  detail: string;
}

/** Slot reasons that are ordinary spacing between messages, not worth reporting as waiting. */
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
  const summary: SendSummary = {
    sent: 0,
    deferred: 0,
    failed: 0,
    uncertain: 0,
    remaining: input.total,
    total: input.total,
    startedAt,
    now: startedAt,
    intervalMs: limiter.paceIntervalMs,
    perHour: limiter.limits.perHour,
    perDay: limiter.limits.perDay,
    stoppedBy: "finished",
    lastFailure: undefined,
    stopWait: undefined,
    fatal: undefined,
    uncertainContacts: [],
    failedContacts: [],
    waitingRetry: 0,
  };
  const source = input.jobs[Symbol.iterator]();
  let sourceDone = false;
  /** Jobs waiting for a time: retries, deferred from an earlier run, or held back by their domain's cap. */
  const waiting: Waiting[] = [];
  let held: SendJob | undefined;
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

  const progress = (): SendProgress => ({
    sent: summary.sent,
    deferred: summary.deferred,
    failed: summary.failed,
    uncertain: summary.uncertain,
    remaining: summary.remaining,
    total: summary.total,
    startedAt,
    now: clock.now(),
    intervalMs: summary.intervalMs,
    ...(summary.perHour !== undefined ? { perHour: summary.perHour } : {}),
    ...(summary.perDay !== undefined ? { perDay: summary.perDay } : {}),
    waiting: waitingFor,
    problem,
  });
  const report = (job: SendJob, outcome: SendOutcomeEvent["outcome"], response: string) =>
    input.onOutcome?.({ job, outcome, response }, progress());

  const addWaiting = (job: SendJob, at: number, reason: Waiting["reason"], detail: string) => {
    // Kept sorted by time; retries are few, so insertion is cheap.
    let i = waiting.length;
    while (i > 0 && (waiting[i - 1]?.at ?? 0) > at) i -= 1;
    waiting.splice(i, 0, { job, at, reason, detail });
  };
  /** A failure counts towards the pause: deferrals (every retry), refusals and uncertain hand-overs. */
  const failedOnce = (response: string) => {
    consecutiveFailures += 1;
    lastFailure = response;
  };

  /** The next job that may be considered now, or undefined. */
  const takeJob = (now: number): SendJob | undefined => {
    if (held) {
      const j = held;
      held = undefined;
      return j;
    }
    if (waiting.length > 0 && (waiting[0]?.at ?? Infinity) <= now) return waiting.shift()?.job;
    // Bound the look-ahead so a domain with a huge backlog cannot pull the whole list into memory.
    while (!sourceDone && waiting.length < 10_000) {
      const next = source.next();
      if (next.done) {
        sourceDone = true;
        break;
      }
      if (next.value.notBefore !== undefined && next.value.notBefore > now) {
        addWaiting(next.value, next.value.notBefore, "retry", "deferred in an earlier run");
        continue;
      }
      return next.value;
    }
    return undefined;
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
    await ledger.append([{ ...base, type: "attempt", at: iso(clock.now()), transport: transport.name }]);
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
    let result;
    try {
      const delivering = transport.deliver(message);
      limiter.recordHandOver(clock.now());
      handedOver();
      result = await delivering;
    } catch (e) {
      if (isOutreachError(e) && e.category === "safety") {
        // Auth or TLS failed before the message went anywhere: it was not sent, and will be retried next run.
        await ledger.append([
          { ...base, type: "deferred", at: iso(clock.now()), response: `not sent: ${e.message}` },
        ]);
        summary.remaining -= 1;
        stop ??= "fatal";
        summary.fatal ??= e;
        report(job, "not-sent", e.message);
        return;
      }
      // Anything unexpected after the hand-over: we do not know what the server got.
      const response = e instanceof Error ? e.message : String(e);
      summary.uncertain += 1;
      summary.remaining -= 1;
      summary.uncertainContacts.push(job.contactId);
      deferredNow.delete(job.contactId);
      failedOnce(response);
      if (consecutiveFailures >= limits.pauseAfterConsecutiveFailures) stop ??= "paused";
      report(job, "uncertain", response);
      return;
    }
    const now = clock.now();
    let event: LedgerEvent | undefined;
    switch (result.status) {
      case "sent":
        event = { ...base, type: "sent", at: iso(now), response: result.response };
        consecutiveFailures = 0;
        problem = undefined;
        summary.sent += 1;
        summary.remaining -= 1;
        break;
      case "failed":
        event = { ...base, type: "failed", at: iso(now), response: result.response };
        failedOnce(result.response);
        summary.failed += 1;
        summary.remaining -= 1;
        summary.failedContacts.push({ contact: job.contactId, response: result.response });
        break;
      case "uncertain":
        // Counted as a failure too: a server that drops every connection after DATA must stop the run,
        // not turn the whole list into messages nobody can vouch for.
        failedOnce(result.response);
        summary.uncertain += 1;
        summary.remaining -= 1;
        summary.uncertainContacts.push(job.contactId);
        break;
      case "deferred": {
        failedOnce(result.response);
        const delay = retryDelay(job.attempt, result, input.random, limits);
        if (job.attempt >= limits.maxAttempts && result.scope === "message") {
          // The server keeps refusing this message: give up on it.
          const response = `gave up after ${job.attempt} attempts: ${result.response}`;
          event = { ...base, type: "failed", at: iso(now), response };
          summary.failed += 1;
          summary.remaining -= 1;
          summary.failedContacts.push({ contact: job.contactId, response });
          break;
        }
        event = {
          ...base,
          type: "deferred",
          at: iso(now),
          response: result.response,
          retryAt: iso(now + delay),
        };
        if (result.scope === "connection") {
          limiter.pauseUntil(now + delay);
          problem = result.response;
        }
        // A server that stays unreachable is not the message's fault: it stays deferred for the next run.
        deferredNow.add(job.contactId);
        if (job.attempt >= limits.maxAttempts) summary.waitingRetry += 1;
        else addWaiting({ ...job, attempt: job.attempt + 1 }, now + delay, "retry", result.response);
        break;
      }
    }
    if (result.status !== "deferred" || event?.type === "failed") deferredNow.delete(job.contactId);
    summary.deferred = deferredNow.size;
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
    if (consecutiveFailures >= limits.pauseAfterConsecutiveFailures) stop ??= "paused";
    const shown =
      result.status === "sent" || result.status === "uncertain" || result.status === "failed"
        ? result.status
        : event?.type === "failed"
          ? "failed"
          : "deferred";
    report(job, shown, result.response);
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
      const job = takeJob(now);
      if (!job) {
        if (sourceDone && waiting.length === 0) {
          if (inFlight.size === 0) break;
          await Promise.race(inFlight);
          continue;
        }
        const first = waiting[0];
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
        if (slot.reason === "domain") addWaiting(job, slot.at, "domain", job.domain);
        else {
          held = job;
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
  summary.waitingRetry += waiting.filter((w) => w.reason === "retry").length;
  summary.stoppedBy = stop ?? "finished";
  if (summary.stoppedBy === "paused") summary.lastFailure = lastFailure;
  summary.deferred = deferredNow.size;
  summary.problem = problem;
  summary.waiting = undefined;
  summary.now = clock.now();
  return summary;
}
