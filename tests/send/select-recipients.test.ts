import { describe, expect, it } from "vitest";
import { foldLedger } from "../../src/ledger/fold-ledger.js";
import type { LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import { selectRecipients, type PlannedRecipient } from "../../src/send/select-recipients.js";

const r = (id: string, status = "active", country = "FR"): PlannedRecipient => ({
  contactId: id,
  country,
  language: "fr",
  email: `${id}@gov.example`,
  status,
});
const ev = (
  contact: string,
  type: "attempt" | "sent" | "deferred" | "failed",
  attempt = 1,
  extra: object = {},
): LedgerEvent =>
  ({
    campaign: "c",
    contact,
    type,
    at: "2026-01-01T00:00:00.000Z",
    messageId: `<${contact}>`,
    language: "fr",
    revision: "r",
    attempt,
    email: `${contact}@gov.example`,
    ...(type === "attempt" ? { transport: "smtp" } : { response: "x" }),
    ...extra,
  }) as LedgerEvent;

const now = Date.parse("2026-01-10T00:00:00.000Z");
const opts = { now, retryUncertain: false, minDaysBetweenCampaigns: 0, lastSentElsewhere: new Map() };

describe("selectRecipients", () => {
  it("resumes: sends only what has no sent, failed or uncertain record", () => {
    const fold = foldLedger([
      ev("a", "attempt"),
      ev("a", "sent"),
      ev("b", "attempt"),
      ev("b", "failed"),
      ev("c", "attempt"),
      ev("d", "attempt"),
      ev("d", "deferred", 1, { retryAt: "2026-01-11T00:00:00.000Z" }),
    ]);
    const s = selectRecipients([r("a"), r("b"), r("c"), r("d"), r("e")], fold, opts);
    expect(s.jobs.map((j) => [j.contactId, j.attempt])).toEqual([
      ["d", 2],
      ["e", 1],
    ]);
    expect(s.jobs[0]?.notBefore).toBe(Date.parse("2026-01-11T00:00:00.000Z"));
    expect(s.uncertain.map((u) => u.recipient.contactId)).toEqual(["c"]);
    expect(s.alreadySent).toBe(1);
    expect(s.alreadyFailed).toBe(1);
  });

  it("re-sends uncertain contacts only when asked, with the next attempt number", () => {
    const fold = foldLedger([ev("c", "attempt")]);
    const s = selectRecipients([r("c")], fold, { ...opts, retryUncertain: true });
    expect(s.jobs.map((j) => [j.contactId, j.attempt])).toEqual([["c", 2]]);
  });

  it("skips do-not-contact, bounced, and recently mailed contacts, recording each skip once", () => {
    const fold = foldLedger([
      { campaign: "c", contact: "x", type: "skipped", at: "2026-01-01T00:00:00.000Z", reason: "bounced" },
    ]);
    const lastSentElsewhere = new Map([
      ["y", { campaign: "other", at: now - 2 * 86_400_000 }],
      ["z", { campaign: "other", at: now - 20 * 86_400_000 }],
    ]);
    const s = selectRecipients([r("w", "do-not-contact"), r("x", "bounced"), r("y"), r("z")], fold, {
      ...opts,
      minDaysBetweenCampaigns: 14,
      lastSentElsewhere,
    });
    expect(s.jobs.map((j) => j.contactId)).toEqual(["z"]);
    expect(s.skipped.map((k) => [k.recipient.contactId, k.reason.split(":")[0]])).toEqual([
      ["w", "do-not-contact"],
      ["x", "bounced"],
      ["y", "too-recent"],
    ]);
    expect(s.newSkips.map((k) => k.recipient.contactId)).toEqual(["w", "y"]);
  });

  it("applies --country and --limit", () => {
    const s = selectRecipients(
      [r("a", "active", "FR"), r("b", "active", "TH"), r("c", "active", "TH"), r("d", "active", "TH")],
      foldLedger([]),
      { ...opts, countries: ["th"], limit: 2 },
    );
    expect(s.jobs.map((j) => j.contactId)).toEqual(["b", "c"]);
    expect(s.notSelected).toBe(2);
  });
});
