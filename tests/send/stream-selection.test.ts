import { describe, expect, it } from "vitest";
import type { PlanEntry } from "../../src/campaign/build-plan.js";
import { foldLedger } from "../../src/ledger/fold-ledger.js";
import type { LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import { plannedRecipients } from "../../src/send/forecast-send.js";
import { selectRecipients } from "../../src/send/select-recipients.js";
import { streamSelection } from "../../src/send/stream-selection.js";

/** Only the fields the selection reads; the rest of a plan entry does not matter here. */
const entry = (id: string, country: string, status = "active", delivery = "email"): PlanEntry =>
  ({
    contact: { id, email: `${id}@ministry.${country.toLowerCase()}.example`, status },
    country,
    language: country === "FR" ? "fr" : "en",
    delivery,
  }) as unknown as PlanEntry;

const ev = (contact: string, type: LedgerEvent["type"], extra: object = {}): LedgerEvent =>
  ({
    campaign: "c",
    contact,
    type,
    at: "2026-01-01T00:00:00.000Z",
    messageId: `<${contact}>`,
    language: "en",
    revision: "r",
    attempt: 1,
    email: `${contact}@ministry.example`,
    ...(type === "attempt" ? { transport: "smtp" } : { response: "x" }),
    ...extra,
  }) as LedgerEvent;

const entries = [
  entry("fr-1", "FR"),
  entry("fr-2", "FR", "bounced"),
  entry("gb-1", "GB"),
  entry("gb-2", "GB"),
  entry("gb-3", "GB", "active", "partner"),
  entry("th-1", "TH"),
  entry("th-2", "TH", "do-not-contact"),
  entry("th-3", "TH"),
  entry("ke-1", "KE"),
  entry("ke-2", "KE"),
];
const fold = foldLedger([
  ev("gb-1", "attempt"),
  ev("gb-1", "sent"),
  ev("th-1", "attempt"),
  ev("ke-1", "attempt"),
  ev("ke-1", "deferred", { retryAt: "2026-01-11T00:00:00.000Z" }),
  ev("ke-2", "attempt"),
  ev("ke-2", "failed"),
]);
const base = {
  now: Date.parse("2026-01-10T00:00:00.000Z"),
  retryUncertain: false,
  minDaysBetweenCampaigns: 30,
  lastSentElsewhere: new Map([["th-3", { campaign: "earlier", at: Date.parse("2026-01-05T00:00:00.000Z") }]]),
};

describe("streamSelection", () => {
  it.each([
    ["everything", {}],
    ["--limit 2", { limit: 2 }],
    ["--limit 1 --country FR,KE", { limit: 1, countries: ["FR", "KE"] }],
    ["--retry-uncertain", { retryUncertain: true }],
  ])("decides as selectRecipients does (%s), with the jobs streamed again on every pass", (_name, extra) => {
    const options = { ...base, ...extra };
    const { jobs, ...expected } = selectRecipients(plannedRecipients(entries), fold, options);
    const streamed = streamSelection(entries, fold, options);
    const { jobs: streamedJobs, jobCount, entryOf: _entryOf, ...counts } = streamed;
    expect(counts).toEqual(expected);
    expect(jobCount).toBe(jobs.length);
    expect([...streamedJobs]).toEqual(jobs);
    expect([...streamedJobs]).toEqual(jobs);
  });

  it("finds each job's plan entry", () => {
    const s = streamSelection(entries, fold, base);
    expect([...s.jobs].map((j) => s.entryOf(j).contact.id)).toEqual(["fr-1", "gb-2", "ke-1"]);
    expect(() => s.entryOf({ ...[...s.jobs][0]!, ref: 99 })).toThrow(/no plan entry/);
  });
});
