import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { SafetyError } from "../../src/core/errors.js";
import { defaultConfig } from "../../src/config/config-schema.js";
import type { LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import { foldLedger, sendStateOf } from "../../src/ledger/fold-ledger.js";
import { sendCampaign, type SendCampaignInput } from "../../src/send/send-campaign.js";
import type { SendProgress } from "../../src/send/send-progress.js";
import type { DeliveryResult, Transport } from "../../src/send/transport.js";
import type { OutgoingMessage } from "../../src/render/outgoing-message.js";
import { makeJob, makeMessage } from "./make-message.js";

type Script = (DeliveryResult | "auth")[];

/** An in-memory transport: replies follow a script per contact, and it checks the attempt was logged first. */
function scriptedTransport(
  ledger: LedgerEvent[],
  scripts: Record<string, Script>,
  onDeliver?: () => void,
): Transport & { delivered: string[] } {
  const delivered: string[] = [];
  return {
    name: "smtp",
    description: "test",
    paced: true,
    delivered,
    verify: () => Promise.resolve(),
    deliver(m: OutgoingMessage) {
      const last = [...ledger].reverse().find((e) => e.contact === m.contactId);
      if (last?.type !== "attempt") throw new Error(`deliver before attempt was recorded for ${m.contactId}`);
      delivered.push(m.contactId);
      onDeliver?.();
      const next = scripts[m.contactId]?.shift() ?? { status: "sent", response: "250 ok" };
      if (next === "auth") return Promise.reject(new SafetyError("E_SMTP_AUTH", "auth failed"));
      return Promise.resolve(next);
    },
    close: () => Promise.resolve(),
  };
}

const limits = {
  ...defaultConfig.send,
  perMinute: 60,
  perHour: 10_000,
  perDay: 100_000,
  perDomainPerHour: 10_000,
  burst: 1,
  concurrency: 2,
  maxAttempts: 3,
  backoffBaseMs: 1000,
  backoffMaxMs: 10_000,
  pauseAfterConsecutiveFailures: 5,
};

async function runWith(
  ids: string[],
  scripts: Record<string, Script>,
  overrides: Partial<typeof limits> = {},
  signal?: AbortSignal,
  onDeliver?: () => void,
  history?: { at: number; domain: string }[],
  extra: Pick<SendCampaignInput, "noWait" | "onWait" | "onOutcome"> = {},
) {
  const ledger: LedgerEvent[] = [];
  const transport = scriptedTransport(ledger, scripts, onDeliver);
  const clock = new ManualClock();
  const summary = await sendCampaign({
    campaign: "test-campaign",
    jobs: ids.map((id) => makeJob(id)),
    total: ids.length,
    render: (job) => makeMessage(job.contactId, job.email),
    transport,
    ledger: { append: (events) => (ledger.push(...events), Promise.resolve()) },
    limits: { ...limits, ...overrides },
    clock,
    random: () => 0.5,
    ...(signal ? { signal } : {}),
    ...(history ? { history } : {}),
    ...extra,
  });
  return { ledger, summary, transport, clock };
}

describe("sendCampaign", () => {
  it("writes attempt before delivery and sent after, for every message, paced by the limiter", async () => {
    const { ledger, summary, clock } = await runWith(["a", "b", "c"], {});
    expect(summary).toMatchObject({ sent: 3, failed: 0, stoppedBy: "finished", remaining: 0 });
    expect(ledger.map((e) => `${e.type}:${e.contact}`)).toEqual([
      "attempt:a",
      "sent:a",
      "attempt:b",
      "sent:b",
      "attempt:c",
      "sent:c",
    ]);
    // 60 per minute: three messages take two seconds of (manual) time.
    expect(clock.now() - Date.UTC(2026, 0, 1)).toBe(2000);
    const attempt = ledger[0];
    expect(attempt).toMatchObject({
      language: "fr",
      revision: "rev1",
      attempt: 1,
      email: "a@ministry.example",
      messageId: "<test-campaign.a@outreach.coalition.example>",
    });
  });

  it("retries 4xx with backoff and numbered attempts, then gives up after maxAttempts", async () => {
    const later: DeliveryResult = { status: "deferred", response: "451 later", scope: "message" };
    const { ledger, summary } = await runWith(["a", "b"], {
      a: [later, { status: "sent", response: "250 ok" }],
      b: [later, later, later],
    });
    // `deferred` counts messages still waiting for a retry, not retries: none is left waiting.
    expect(summary).toMatchObject({ sent: 1, failed: 1, deferred: 0 });
    const a = ledger
      .filter((e) => e.contact === "a")
      .map((e) => `${e.type}#${"attempt" in e ? e.attempt : ""}`);
    expect(a).toEqual(["attempt#1", "deferred#1", "attempt#2", "sent#2"]);
    const lastB = ledger.filter((e) => e.contact === "b").at(-1);
    expect(lastB).toMatchObject({ type: "failed", attempt: 3 });
    const deferredA = ledger.find((e) => e.contact === "a" && e.type === "deferred");
    expect(deferredA && "retryAt" in deferredA && deferredA.retryAt).toBeTruthy();
  });

  it("fails a 5xx message and goes on with the rest", async () => {
    const { summary, ledger } = await runWith(["a", "b"], {
      a: [{ status: "failed", response: "550 no such user" }],
    });
    expect(summary).toMatchObject({ sent: 1, failed: 1 });
    expect(sendStateOf(foldLedger(ledger), "a").kind).toBe("failed");
  });

  it("leaves an uncertain delivery without outcome", async () => {
    const { summary, ledger } = await runWith(["a", "b"], {
      a: [{ status: "uncertain", response: "connection closed" }],
    });
    expect(summary.uncertainContacts).toEqual(["a"]);
    expect(sendStateOf(foldLedger(ledger), "a").kind).toBe("uncertain");
    expect(sendStateOf(foldLedger(ledger), "b").kind).toBe("sent");
  });

  it("stops at once on an authentication failure, recording the message as not sent", async () => {
    const { summary, transport, ledger } = await runWith(
      ["a", "b", "c", "d"],
      { a: ["auth"] },
      { concurrency: 1 },
    );
    expect(summary.stoppedBy).toBe("fatal");
    expect(summary.fatal?.code).toBe("E_SMTP_AUTH");
    expect(transport.delivered).toEqual(["a"]);
    expect(ledger.at(-1)).toMatchObject({ type: "deferred", contact: "a" });
  });

  it("pauses itself after N consecutive failures", async () => {
    const no: Script = [{ status: "failed", response: "550" }];
    const { summary, transport } = await runWith(
      ["a", "b", "c", "d", "e", "f"],
      { a: [...no], b: [...no], c: [...no] },
      { pauseAfterConsecutiveFailures: 3, concurrency: 1 },
    );
    expect(summary.stoppedBy).toBe("paused");
    expect(transport.delivered).toEqual(["a", "b", "c"]);
  });

  it("on interruption finishes the message in flight, records it, and starts no other", async () => {
    const controller = new AbortController();
    const { summary, ledger, transport } = await runWith(
      ["a", "b", "c"],
      {},
      { concurrency: 1 },
      controller.signal,
      () => controller.abort(),
    );
    expect(summary.stoppedBy).toBe("interrupted");
    expect(transport.delivered).toEqual(["a"]);
    expect(ledger.map((e) => e.type)).toEqual(["attempt", "sent"]);
  });

  it("a message that cannot be rendered stops the run with its error; nothing is recorded for it", async () => {
    const ledger: LedgerEvent[] = [];
    const transport = scriptedTransport(ledger, {});
    const run = sendCampaign({
      campaign: "test-campaign",
      jobs: ["a", "b", "c", "d"].map((id) => makeJob(id)),
      total: 4,
      render: (job) => {
        if (job.contactId === "b") throw new Error("template broke on b");
        return makeMessage(job.contactId, job.email);
      },
      transport,
      ledger: { append: (events) => (ledger.push(...events), Promise.resolve()) },
      limits: { ...limits, concurrency: 1 },
      clock: new ManualClock(),
      random: () => 0.5,
    });
    await expect(run).rejects.toThrow("template broke on b");
    expect(transport.delivered).toEqual(["a"]);
    expect(ledger.map((e) => [e.type, e.contact])).toEqual([
      ["attempt", "a"],
      ["sent", "a"],
    ]);
  });

  it("a message whose attachment cannot be read stops the run before its attempt; it is not uncertain", async () => {
    const ledger: LedgerEvent[] = [];
    const transport = scriptedTransport(ledger, {});
    const prepared: string[] = [];
    const run = sendCampaign({
      campaign: "test-campaign",
      jobs: ["a", "b", "c"].map((id) => makeJob(id)),
      total: 3,
      render: (job) => makeMessage(job.contactId, job.email),
      transport: {
        ...transport,
        prepare: (m) => {
          prepared.push(m.contactId);
          return m.contactId === "b"
            ? Promise.reject(new Error("cannot read letter-fr.pdf"))
            : Promise.resolve();
        },
      },
      ledger: { append: (events) => (ledger.push(...events), Promise.resolve()) },
      limits: { ...limits, concurrency: 1 },
      clock: new ManualClock(),
      random: () => 0.5,
    });
    await expect(run).rejects.toThrow("cannot read letter-fr.pdf");
    expect(prepared).toEqual(["a", "b"]);
    expect(transport.delivered).toEqual(["a"]);
    // Nothing for b: the next run sends it as a first attempt, not as a message that may have gone.
    expect(ledger.map((e) => [e.type, e.contact])).toEqual([
      ["attempt", "a"],
      ["sent", "a"],
    ]);
  });

  it("backs off every message after a connection-wide deferral (421)", async () => {
    const busy: DeliveryResult = { status: "deferred", response: "421 busy", scope: "connection" };
    const { ledger, clock } = await runWith(["a", "b"], { a: [busy] }, { concurrency: 1 });
    const bAttempt = ledger.find((e) => e.contact === "b" && e.type === "attempt");
    const aDeferred = ledger.find((e) => e.contact === "a" && e.type === "deferred");
    // b waited for the back-off (2 s base for a connection deferral, jitter 0.5 → 1.5 s), not just the 1 s pacing.
    expect(Date.parse(bAttempt?.at ?? "") - Date.parse(aDeferred?.at ?? "")).toBeGreaterThanOrEqual(1500);
    expect(clock.now()).toBeGreaterThan(Date.UTC(2026, 0, 1));
  });

  it("keeps messages deferred (not failed) when the server stays unreachable past maxAttempts", async () => {
    const down: DeliveryResult = {
      status: "deferred",
      response: "connect ECONNREFUSED",
      scope: "connection",
    };
    const { summary, ledger } = await runWith(["a"], { a: [down, down, down, down] }, { maxAttempts: 2 });
    expect(summary).toMatchObject({ failed: 0, waitingRetry: 1 });
    expect(sendStateOf(foldLedger(ledger), "a").kind).toBe("deferred");
  });

  it("counts earlier hand-overs from the ledger, so caps hold across restarts", async () => {
    const start = Date.UTC(2026, 0, 1);
    const history = Array.from({ length: 3 }, (_, i) => ({
      at: start - 60_000 + i * 1000,
      domain: "ministry.example",
    }));
    const { ledger } = await runWith(["a"], {}, { perHour: 3 }, undefined, undefined, history);
    const at = Date.parse(ledger[0]?.at ?? "");
    // The hour window still holds the three earlier messages: the next one waits until the first leaves it.
    expect(at - start).toBe(3_600_000 - 60_000);
  });
});

describe("sendCampaign: what the user sees while it runs", () => {
  const refused: DeliveryResult = {
    status: "deferred",
    response: "connect ECONNREFUSED 127.0.0.1:25",
    scope: "connection",
  };

  it("counts deferred messages, not retries, and shows the connection problem until a message goes", async () => {
    const seen: SendProgress[] = [];
    const { summary } = await runWith(
      ["a", "b"],
      { a: [refused, refused, { status: "sent", response: "250 ok" }] },
      { maxAttempts: 5, pauseAfterConsecutiveFailures: 100 },
      undefined,
      undefined,
      undefined,
      { onOutcome: (_e, p) => seen.push({ ...p }), onWait: (p) => seen.push({ ...p }) },
    );
    expect(summary).toMatchObject({ sent: 2, deferred: 0, failed: 0, stoppedBy: "finished" });
    // Two deferrals of one message: the figure never went above 1.
    expect(Math.max(...seen.map((p) => p.deferred))).toBe(1);
    expect(seen.some((p) => p.problem === refused.response)).toBe(true);
    // While the server is paused the run says so, with the reason and until when.
    const paused = seen.find((p) => p.waiting?.reason === "paused");
    expect(paused?.waiting).toMatchObject({ detail: refused.response });
    expect(paused && paused.waiting && paused.waiting.until > paused.now).toBe(true);
    expect(seen.at(-1)?.problem).toBeUndefined();
  });

  it("reports a domain's hourly cap as a wait, with the domain and the time it ends", async () => {
    const waits: SendProgress[] = [];
    const { summary, clock } = await runWith(
      ["a", "b"],
      {},
      { perDomainPerHour: 1 },
      undefined,
      undefined,
      undefined,
      { onWait: (p) => waits.push({ ...p }) },
    );
    expect(summary.sent).toBe(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]?.waiting).toMatchObject({ reason: "domain", detail: "ministry.example" });
    expect(waits[0]?.waiting?.until).toBe(Date.UTC(2026, 0, 1) + 3_600_000);
    expect(clock.now()).toBeGreaterThanOrEqual(Date.UTC(2026, 0, 1) + 3_600_000);
  });

  it("with noWait, ends instead of waiting for the cap, and says what it would have waited for", async () => {
    const { summary, clock, transport } = await runWith(
      ["a", "b", "c"],
      {},
      { perDomainPerHour: 1 },
      undefined,
      undefined,
      undefined,
      {
        noWait: true,
      },
    );
    expect(summary).toMatchObject({ sent: 1, remaining: 2, stoppedBy: "waiting", waitingRetry: 0 });
    expect(summary.stopWait).toMatchObject({ reason: "domain", detail: "ministry.example" });
    expect(transport.delivered).toEqual(["a"]);
    expect(clock.now() - Date.UTC(2026, 0, 1)).toBeLessThan(60_000);
  });

  it("with noWait, ends when only deferred messages wait for their retry time", async () => {
    const later: DeliveryResult = { status: "deferred", response: "451 try later", scope: "message" };
    const { summary } = await runWith(["a"], { a: [later] }, {}, undefined, undefined, undefined, {
      noWait: true,
    });
    expect(summary).toMatchObject({ sent: 0, deferred: 1, waitingRetry: 1, stoppedBy: "waiting" });
    expect(summary.stopWait).toMatchObject({ reason: "retry", detail: "451 try later" });
  });

  it("stops after N uncertain hand-overs in a row (a server dropping every connection after DATA)", async () => {
    const dropped: DeliveryResult = { status: "uncertain", response: "connection closed after DATA" };
    const ids = ["a", "b", "c", "d", "e", "f", "g"];
    const { summary } = await runWith(ids, Object.fromEntries(ids.map((id) => [id, [dropped]])), {
      pauseAfterConsecutiveFailures: 3,
      concurrency: 1,
    });
    expect(summary).toMatchObject({ uncertain: 3, stoppedBy: "paused", lastFailure: dropped.response });
  });
});
