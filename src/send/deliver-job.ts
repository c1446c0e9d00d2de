/**
 * One job of a send run, from launch to its outcome: render, write the `attempt` (durable before
 * `deliver`), wait for the per-second cap on the real hand-over time, deliver, then apply and queue the
 * outcome. Effects only through the run's ports (ledger, transport, clock).
 */
import { isOutreachError, type OutreachError } from "../core/errors.js";
import type { LedgerEvent } from "../ledger/ledger-event-schema.js";
import type { DeliveryOutcome, OutcomeBase } from "./outcome-policy.js";
import type { SendJob } from "./select-recipients.js";
import { applyOutcome, isoTime, reportOutcome, type SendRun } from "./send-run.js";

/** Start `job` under the run's concurrency limit, tracked in `inFlight` and the hand-over gate. */
export function launchJob(run: SendRun, job: SendJob): void {
  run.handOvers.add();
  let pending = true;
  const handedOver = () => {
    if (pending) run.handOvers.done();
    pending = false;
  };
  const p: Promise<void> = run
    .limit(() => deliverJob(run, job, handedOver))
    .catch((error: unknown) => {
      run.jobFailure ??= { error };
    })
    .finally(() => {
      handedOver();
      run.inFlight.delete(p);
      run.jobDone.notify();
    });
  run.inFlight.add(p);
}

/** Render, record the attempt, hand over and record the outcome of one job. */
async function deliverJob(run: SendRun, job: SendJob, handedOver: () => void): Promise<void> {
  const { clock, transport, ledger, campaign } = run.input;
  const message = await run.input.render(job);
  // Attachment files are read now: a file that cannot be read stops the run before an attempt exists.
  await transport.prepare?.(message);
  const base = {
    campaign,
    contact: job.contactId,
    messageId: message.mail.messageId,
    language: message.language,
    revision: message.revision,
    signatoryRevision: message.signatoryRevision,
    attempt: job.attempt,
    email: job.email,
  };
  const attempt = { type: "attempt" as const, at: isoTime(clock.now()), transport: transport.name };
  await ledger.append([Object.assign({}, base, attempt)]); // not a spread: see `outcomeEvent`
  await waitForHandOverSlot(run);
  let outcome: DeliveryOutcome;
  try {
    const delivering = transport.deliver(message);
    run.limiter.recordHandOver(clock.now());
    handedOver();
    outcome = await delivering;
  } catch (e) {
    if (isOutreachError(e) && e.category === "safety") return recordNotSent(run, job, base, e);
    // Anything unexpected after the hand-over: we do not know what the server got.
    outcome = { status: "uncertain", response: e instanceof Error ? e.message : String(e) };
  }
  const { event, stop: stopNow } = applyOutcome(run, job, outcome, base);
  if (stopNow) run.stop ??= stopNow;
  if (event) queueOutcomeWrite(run, event);
  reportOutcome(run, job, event?.type === "failed" ? "failed" : outcome.status, outcome.response);
}

/**
 * The slot was granted on the schedule; the fsync since then took a varying time, so check the
 * per-second cap again on real hand-over times. Not interruptible: the wait is under a second and
 * the attempt is already written, so the message goes (or the run would leave it uncertain).
 * Checked before and recorded after the synchronous part of `deliver`, in one tick, so the recorded
 * time is never earlier than the real hand-over.
 */
async function waitForHandOverSlot(run: SendRun): Promise<void> {
  const { clock } = run.input;
  for (;;) {
    const now = clock.now();
    const at = run.limiter.handOverAt(now);
    if (at <= now) break;
    await clock.sleep(at - now);
  }
}

/** Auth or TLS failed before the message went anywhere: it was not sent, and will be retried next run. */
async function recordNotSent(run: SendRun, job: SendJob, base: OutcomeBase, e: OutreachError): Promise<void> {
  const { event, stop: fatal } = applyOutcome(run, job, { status: "not-sent", response: e.message }, base);
  if (event) await run.input.ledger.append([event]);
  if (fatal) run.stop ??= fatal;
  run.summary.fatal ??= e;
  reportOutcome(run, job, "not-sent", e.message);
}

/**
 * The outcome is queued, not awaited: the slot is free for the next message while the group commit
 * runs. The writer is FIFO, so the outcome still lands before any later attempt of this contact; a
 * crash before it is durable leaves the message uncertain, never wrongly sent or failed.
 */
function queueOutcomeWrite(run: SendRun, event: LedgerEvent): void {
  const write = run.input.ledger.append([event]);
  run.outcomeWrites.add(write);
  write.then(
    () => run.outcomeWrites.delete(write),
    (e: unknown) => {
      run.outcomeWrites.delete(write);
      // The ledger cannot be written: nothing more may be sent.
      run.ledgerFailure ??= e instanceof Error ? e : new Error("ledger write failed", { cause: e });
    },
  );
}
