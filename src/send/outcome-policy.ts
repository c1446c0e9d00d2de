/**
 * What the sender does with one delivery's outcome. Pure: the outcome, the job's attempt number, the
 * failures in a row so far, the limits, the time and a random source in; a decision out (the ledger event
 * to write, how the run counts it, when to retry, whether to pause the server or stop the run).
 *
 * - `sent`: recorded; the failures in a row start again at 0.
 * - `failed` (5xx): recorded, for good; counts towards the pause.
 * - `deferred` (4xx, network): recorded with its retry time and retried in this run, until `maxAttempts`;
 *   then a refusal of this message is given up (recorded `failed`), while a server that stays unreachable
 *   (`scope: "connection"`) is not the message's fault: it stays deferred for the next run. A connection
 *   deferral also pauses every message until the retry time.
 * - `uncertain` (handed over, no reply; or anything thrown after the hand-over): nothing recorded, the
 *   message is not sent again; counts towards the pause, so a server that drops every connection after
 *   DATA stops the run instead of turning the list into messages nobody can vouch for.
 * - `not-sent` (auth or TLS refused before the message went anywhere): recorded deferred, the run stops.
 */
import type { Random } from "../core/clock.js";
import type { SendLimits } from "../config/config-schema.js";
import { retryDelay } from "./retry-delay.js";
import type { DeliveryResult } from "./transport.js";
import type { LedgerEvent } from "../ledger/ledger-event-schema.js";

export type DeliveryOutcome = DeliveryResult | { status: "not-sent"; response: string };

export interface OutcomeContext {
  /** The attempt that produced the outcome (1 for a first attempt). */
  attempt: number;
  /** Failures in a row before this outcome. */
  consecutiveFailures: number;
  now: number;
  limits: Pick<
    SendLimits,
    "maxAttempts" | "pauseAfterConsecutiveFailures" | "backoffBaseMs" | "backoffMaxMs"
  >;
  random: Random;
}

export interface OutcomeDecision {
  /** The ledger event to write after the hand-over (none for an uncertain one). */
  record: { type: "sent" | "failed" | "deferred"; response: string; retryAt?: number } | undefined;
  /** How the run counts the message: `deferred` leaves it unfinished, every other ends it. */
  counts: "sent" | "failed" | "uncertain" | "deferred" | "not-sent";
  /** Send it again at this time, as attempt `attempt + 1`, in this run. */
  retryAt?: number;
  /** Every message waits until then (the server refused connections). */
  pauseAllUntil?: number;
  /** The connection-level problem to show (a string), to clear (`null`), or unchanged (undefined). */
  problem?: string | null;
  consecutiveFailures: number;
  stop?: "paused" | "fatal";
}

export function decideOutcome(outcome: DeliveryOutcome, ctx: OutcomeContext): OutcomeDecision {
  const { limits } = ctx;
  const failure = (d: Omit<OutcomeDecision, "consecutiveFailures">): OutcomeDecision => {
    const consecutiveFailures = ctx.consecutiveFailures + 1;
    return consecutiveFailures >= limits.pauseAfterConsecutiveFailures
      ? { ...d, consecutiveFailures, stop: "paused" }
      : { ...d, consecutiveFailures };
  };
  switch (outcome.status) {
    case "sent":
      return {
        record: { type: "sent", response: outcome.response },
        counts: "sent",
        problem: null,
        consecutiveFailures: 0,
      };
    case "failed":
      return failure({ record: { type: "failed", response: outcome.response }, counts: "failed" });
    case "uncertain":
      return failure({ record: undefined, counts: "uncertain" });
    case "not-sent":
      return {
        record: { type: "deferred", response: `not sent: ${outcome.response}` },
        counts: "not-sent",
        consecutiveFailures: ctx.consecutiveFailures,
        stop: "fatal",
      };
    case "deferred": {
      const delay = retryDelay(ctx.attempt, outcome, ctx.random, limits);
      const lastAttempt = ctx.attempt >= limits.maxAttempts;
      if (lastAttempt && outcome.scope === "message") {
        const response = `gave up after ${ctx.attempt} attempts: ${outcome.response}`;
        return failure({ record: { type: "failed", response }, counts: "failed" });
      }
      const retryAt = ctx.now + delay;
      return failure({
        record: { type: "deferred", response: outcome.response, retryAt },
        counts: "deferred",
        ...(lastAttempt ? {} : { retryAt }),
        ...(outcome.scope === "connection" ? { pauseAllUntil: retryAt, problem: outcome.response } : {}),
      });
    }
  }
}

/** The fields every ledger event of one message's attempt shares. */
export type OutcomeBase = Pick<
  Extract<LedgerEvent, { type: "sent" }>,
  "campaign" | "contact" | "messageId" | "language" | "revision" | "signatoryRevision" | "attempt" | "email"
>;

/**
 * The ledger event a decision records. `Object.assign`, not `{ ...base, … }`: V8 gives every spread copy
 * that then gains properties maps of its own, in the old generation: hundreds of bytes of garbage per
 * event, which a 100k-message run piles up until a full collection.
 */
export function outcomeEvent(
  record: NonNullable<OutcomeDecision["record"]>,
  base: OutcomeBase,
  at: string,
): LedgerEvent {
  const { type, response, retryAt } = record;
  if (type !== "deferred") return Object.assign({}, base, { type, at, response });
  const retry = retryAt !== undefined ? { retryAt: new Date(retryAt).toISOString() } : {};
  return Object.assign({}, base, { type, at, response }, retry);
}
