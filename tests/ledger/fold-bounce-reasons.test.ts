/**
 * Bounce reasons and complaints in the folds: older events without `reason` / `permanent` get them from
 * their status code and kind; a dead address is not hidden by a later report of another reason; a verified
 * complaint makes the contact do-not-contact for the sender, and no undo of a mark takes that back.
 */
import { describe, expect, it } from "vitest";
import { foldLedger } from "../../src/ledger/fold-ledger.js";
import { createStatusFold, detailOf, stateOf } from "../../src/ledger/fold-status.js";
import { bounceVerdictOf, type LedgerEvent } from "../../src/ledger/ledger-event-schema.js";

const C = "fold-2026";
const base = (contact: string, at: string) => ({ at, campaign: C, contact });
const sent = (contact: string): LedgerEvent => ({
  ...base(contact, "2026-11-01T09:00:00.000Z"),
  type: "sent",
  messageId: `<${C}.${contact}@outreach.example>`,
  language: "en",
  revision: "r1",
  attempt: 1,
  email: `${contact}@ministry.example`,
  response: "250 2.0.0 Ok",
});

function fold(events: readonly LedgerEvent[]) {
  const f = createStatusFold(C);
  for (const e of events) f.add(e);
  return f;
}

describe("older bounce events (no reason, no permanent)", () => {
  it.each([
    ["hard", "5.1.1", "unknown-recipient", true],
    ["hard", "5.2.1", "mailbox-disabled", true],
    ["hard", "5.1.2", "unknown-domain", true],
    ["hard", "5.7.1", "rejected-sender", false],
    ["hard", "5.2.2", "mailbox-full", false],
    ["soft", "4.4.1", "network", false],
    ["hard", undefined, "other", false],
  ] as const)("%s %s → %s, permanent %s", (kind, status, reason, permanent) => {
    expect(bounceVerdictOf({ kind, ...(status ? { status } : {}) })).toEqual({ reason, permanent });
  });

  it("show as before in status: bounced, with the reason in the detail", () => {
    const f = fold([
      sent("a"),
      {
        ...base("a", "2026-11-02T00:00:00.000Z"),
        type: "bounced",
        kind: "hard",
        status: "5.1.1",
        sourceMessageId: "<x@m>",
      },
    ]);
    expect(stateOf(f.tracks.get("a"))).toBe("bounced");
    expect(f.tracks.get("a")?.hardBounce).toMatchObject({ reason: "unknown-recipient", permanent: true });
    expect(detailOf(f.tracks.get("a"))).toContain("unknown-recipient");
  });
});

describe("hard bounces of different reasons", () => {
  it("a dead address stays dead when a later report gives another reason; a later dead one replaces a problem", () => {
    const bounce = (
      contact: string,
      at: string,
      status: string,
      reason: "unknown-recipient" | "rejected-content",
    ) =>
      ({
        ...base(contact, at),
        type: "bounced",
        kind: "hard",
        status,
        reason,
        permanent: reason === "unknown-recipient",
        sourceMessageId: `<${contact}-${at}@m>`,
      }) as const satisfies LedgerEvent;
    const f = fold([
      sent("a"),
      bounce("a", "2026-11-02T00:00:00.000Z", "5.1.1", "unknown-recipient"),
      bounce("a", "2026-11-03T00:00:00.000Z", "5.7.1", "rejected-content"),
      sent("b"),
      bounce("b", "2026-11-02T00:00:00.000Z", "5.7.1", "rejected-content"),
      bounce("b", "2026-11-03T00:00:00.000Z", "5.1.1", "unknown-recipient"),
    ]);
    expect(f.tracks.get("a")?.hardBounce).toMatchObject({ reason: "unknown-recipient", permanent: true });
    expect(f.tracks.get("b")?.hardBounce).toMatchObject({ reason: "unknown-recipient", permanent: true });
  });
});

describe("complaints", () => {
  const complaint = (contact: string, verified?: false): LedgerEvent => ({
    ...base(contact, "2026-11-04T00:00:00.000Z"),
    type: "complaint",
    source: "feedback-report",
    feedbackType: "abuse",
    sourceMessageId: `<arf-${contact}@isp.example>`,
    ...(verified === false ? { verified } : {}),
  });

  it("a verified complaint makes the contact do-not-contact for the sender; an unverified one does not", () => {
    const f = foldLedger([complaint("a"), complaint("b", false)]);
    expect([f.get("a")?.doNotContact, f.get("a")?.complained, f.get("b")?.doNotContact]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("undoing a do-not-contact mark does not take back a complaint", () => {
    const mark: LedgerEvent = {
      ...base("a", "2026-11-05T00:00:00.000Z"),
      type: "marked",
      outcome: "do-not-contact",
    };
    const undo: LedgerEvent = {
      ...base("a", "2026-11-06T00:00:00.000Z"),
      type: "unmarked",
      markedAt: mark.at,
      outcome: "do-not-contact",
    };
    expect(foldLedger([mark, undo]).get("a")?.doNotContact).toBe(false);
    expect(foldLedger([complaint("a"), mark, undo]).get("a")?.doNotContact).toBe(true);
  });

  it("changes no state (the letter arrived) and shows in the detail", () => {
    const f = fold([sent("a"), complaint("a")]);
    expect(stateOf(f.tracks.get("a"))).toBe("sent");
    expect(f.tracks.get("a")?.complaint).toMatchObject({ source: "feedback-report", feedbackType: "abuse" });
    expect(detailOf(f.tracks.get("a"))).toContain("abuse");
  });
});
