/**
 * What a send run reports: its progress while it runs, what it waits for, each message's outcome, and the
 * summary when it ends. Pure; `sendCampaign` fills them, the progress and summary texts read them.
 */
import type { OutreachError } from "../core/errors.js";
import type { SendJob } from "./select-recipients.js";

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
export type WaitReason = "retry" | "domain" | "window" | "minute" | "hour" | "day" | "paused";

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

export function emptySummary(
  total: number,
  startedAt: number,
  pace: Pick<SendProgress, "intervalMs" | "perHour" | "perDay">,
): SendSummary {
  return {
    sent: 0,
    deferred: 0,
    failed: 0,
    uncertain: 0,
    remaining: total,
    total,
    startedAt,
    now: startedAt,
    ...pace,
    stoppedBy: "finished",
    lastFailure: undefined,
    stopWait: undefined,
    fatal: undefined,
    uncertainContacts: [],
    failedContacts: [],
    waitingRetry: 0,
  };
}

/** A snapshot of the run's figures at `now` (the summary goes on changing). */
export function progressOf(
  s: SendSummary,
  now: number,
  waiting: WaitInfo | undefined,
  problem: string | undefined,
): SendProgress {
  return {
    sent: s.sent,
    deferred: s.deferred,
    failed: s.failed,
    uncertain: s.uncertain,
    remaining: s.remaining,
    total: s.total,
    startedAt: s.startedAt,
    now,
    intervalMs: s.intervalMs,
    ...(s.perHour !== undefined ? { perHour: s.perHour } : {}),
    ...(s.perDay !== undefined ? { perDay: s.perDay } : {}),
    waiting,
    problem,
  };
}

/** Counts one message's outcome in the summary; a deferred message is not finished yet. */
export function countOutcome(
  s: SendSummary,
  contact: string,
  counts: "sent" | "failed" | "uncertain" | "deferred" | "not-sent",
  response: string,
): void {
  if (counts !== "deferred") s.remaining -= 1;
  if (counts === "sent") s.sent += 1;
  if (counts === "failed") {
    s.failed += 1;
    s.failedContacts.push({ contact, response });
  }
  if (counts === "uncertain") {
    s.uncertain += 1;
    s.uncertainContacts.push(contact);
  }
}
