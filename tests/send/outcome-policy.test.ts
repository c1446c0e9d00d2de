import { describe, expect, it } from "vitest";
import { decideOutcome, type DeliveryOutcome, type OutcomeDecision } from "../../src/send/outcome-policy.js";

const limits = {
  maxAttempts: 3,
  pauseAfterConsecutiveFailures: 3,
  backoffBaseMs: 1000,
  backoffMaxMs: 60_000,
};
const NOW = 1_000_000;

interface Case {
  name: string;
  outcome: DeliveryOutcome;
  attempt?: number;
  failuresBefore?: number;
  expected: OutcomeDecision;
}

// random() is 0.5, so a delay is 3/4 of the full backoff: base × 2^(attempt-1), doubled for a connection.
const cases: Case[] = [
  {
    name: "sent: recorded, failures in a row start again, the connection problem is cleared",
    outcome: { status: "sent", response: "250 ok" },
    failuresBefore: 2,
    expected: {
      record: { type: "sent", response: "250 ok" },
      counts: "sent",
      problem: null,
      consecutiveFailures: 0,
    },
  },
  {
    name: "failed (5xx): recorded for good, one more failure in a row",
    outcome: { status: "failed", response: "550 no such user" },
    expected: {
      record: { type: "failed", response: "550 no such user" },
      counts: "failed",
      consecutiveFailures: 1,
    },
  },
  {
    name: "failed as the Nth failure in a row: the run pauses",
    outcome: { status: "failed", response: "550 no such user" },
    failuresBefore: 2,
    expected: {
      record: { type: "failed", response: "550 no such user" },
      counts: "failed",
      consecutiveFailures: 3,
      stop: "paused",
    },
  },
  {
    name: "uncertain: nothing recorded, counts towards the pause",
    outcome: { status: "uncertain", response: "connection closed after DATA" },
    expected: { record: undefined, counts: "uncertain", consecutiveFailures: 1 },
  },
  {
    name: "uncertain as the Nth failure in a row: the run pauses",
    outcome: { status: "uncertain", response: "connection closed after DATA" },
    failuresBefore: 2,
    expected: { record: undefined, counts: "uncertain", consecutiveFailures: 3, stop: "paused" },
  },
  {
    name: "deferred (message), first attempt: recorded with its retry time, retried in this run",
    outcome: { status: "deferred", response: "451 try later", scope: "message" },
    expected: {
      record: { type: "deferred", response: "451 try later", retryAt: NOW + 750 },
      counts: "deferred",
      retryAt: NOW + 750,
      consecutiveFailures: 1,
    },
  },
  {
    name: "deferred (message), second attempt: the backoff doubles",
    outcome: { status: "deferred", response: "451 try later", scope: "message" },
    attempt: 2,
    expected: {
      record: { type: "deferred", response: "451 try later", retryAt: NOW + 1500 },
      counts: "deferred",
      retryAt: NOW + 1500,
      consecutiveFailures: 1,
    },
  },
  {
    name: "deferred (message) at maxAttempts: given up, recorded failed",
    outcome: { status: "deferred", response: "451 try later", scope: "message" },
    attempt: 3,
    expected: {
      record: { type: "failed", response: "gave up after 3 attempts: 451 try later" },
      counts: "failed",
      consecutiveFailures: 1,
    },
  },
  {
    name: "deferred (connection): every message waits, the problem is shown",
    outcome: { status: "deferred", response: "421 too busy", scope: "connection" },
    expected: {
      record: { type: "deferred", response: "421 too busy", retryAt: NOW + 1500 },
      counts: "deferred",
      retryAt: NOW + 1500,
      pauseAllUntil: NOW + 1500,
      problem: "421 too busy",
      consecutiveFailures: 1,
    },
  },
  {
    name: "deferred (connection) at maxAttempts: not the message's fault, it stays deferred for the next run",
    outcome: { status: "deferred", response: "connect ECONNREFUSED", scope: "connection" },
    attempt: 3,
    expected: {
      record: { type: "deferred", response: "connect ECONNREFUSED", retryAt: NOW + 6000 },
      counts: "deferred",
      pauseAllUntil: NOW + 6000,
      problem: "connect ECONNREFUSED",
      consecutiveFailures: 1,
    },
  },
  {
    name: "deferred as the Nth failure in a row: retried later, but the run pauses",
    outcome: { status: "deferred", response: "451 try later", scope: "message" },
    failuresBefore: 2,
    expected: {
      record: { type: "deferred", response: "451 try later", retryAt: NOW + 750 },
      counts: "deferred",
      retryAt: NOW + 750,
      consecutiveFailures: 3,
      stop: "paused",
    },
  },
  {
    name: "not sent (auth/TLS refused first): recorded deferred without a retry time, the run stops",
    outcome: { status: "not-sent", response: "535 authentication failed" },
    failuresBefore: 1,
    expected: {
      record: { type: "deferred", response: "not sent: 535 authentication failed" },
      counts: "not-sent",
      consecutiveFailures: 1,
      stop: "fatal",
    },
  },
];

describe("decideOutcome", () => {
  it.each(cases)("$name", ({ outcome, attempt = 1, failuresBefore = 0, expected }) => {
    const decision = decideOutcome(outcome, {
      attempt,
      consecutiveFailures: failuresBefore,
      now: NOW,
      limits,
      random: () => 0.5,
    });
    expect(decision).toEqual(expected);
  });

  it("draws a random number only for a deferral (the jitter), never for other outcomes", () => {
    let draws = 0;
    const random = () => (draws++, 0.5);
    const ctx = { attempt: 1, consecutiveFailures: 0, now: NOW, limits, random };
    decideOutcome({ status: "sent", response: "250" }, ctx);
    decideOutcome({ status: "failed", response: "550" }, ctx);
    decideOutcome({ status: "uncertain", response: "?" }, ctx);
    expect(draws).toBe(0);
    decideOutcome({ status: "deferred", response: "451", scope: "message" }, ctx);
    expect(draws).toBe(1);
  });
});
