import { describe, expect, it } from "vitest";
import { countStates, foldLedger, listUncertain, sendStateOf } from "../../src/ledger/fold-ledger.js";
import type { LedgerEvent } from "../../src/ledger/ledger-event-schema.js";

const msg = (contact: string, attempt: number) => ({
  campaign: "c",
  contact,
  messageId: `<c.${contact}@x.example>`,
  language: "en",
  revision: "r1",
  attempt,
  email: `${contact}@ministry.example`,
});
const attempt = (contact: string, n: number, at = "2026-01-01T00:00:00.000Z"): LedgerEvent => ({
  ...msg(contact, n),
  type: "attempt",
  at,
  transport: "smtp",
});
const sent = (contact: string, n: number): LedgerEvent => ({
  ...msg(contact, n),
  type: "sent",
  at: "2026-01-01T00:00:01.000Z",
  response: "250 ok",
});
const deferred = (contact: string, n: number, retryAt?: string): LedgerEvent => ({
  ...msg(contact, n),
  type: "deferred",
  at: "2026-01-01T00:00:01.000Z",
  response: "451 later",
  ...(retryAt ? { retryAt } : {}),
});
const failed = (contact: string, n: number): LedgerEvent => ({
  ...msg(contact, n),
  type: "failed",
  at: "2026-01-01T00:00:01.000Z",
  response: "550 no",
});
const skipped = (contact: string, reason: string): LedgerEvent => ({
  campaign: "c",
  contact,
  type: "skipped",
  at: "2026-01-01T00:00:00.000Z",
  reason,
});

describe("foldLedger", () => {
  it("gives each contact the state its events imply", () => {
    const fold = foldLedger([
      attempt("a", 1),
      sent("a", 1),
      attempt("b", 1),
      deferred("b", 1, "2026-01-01T01:00:00.000Z"),
      attempt("c", 1),
      failed("c", 1),
      attempt("d", 1),
      skipped("e", "do-not-contact"),
    ]);
    expect(sendStateOf(fold, "a").kind).toBe("sent");
    expect(sendStateOf(fold, "b")).toMatchObject({ kind: "deferred", retryAt: "2026-01-01T01:00:00.000Z" });
    expect(sendStateOf(fold, "c").kind).toBe("failed");
    expect(sendStateOf(fold, "d").kind).toBe("uncertain");
    expect(sendStateOf(fold, "e")).toMatchObject({ kind: "skipped", reason: "do-not-contact" });
    expect(sendStateOf(fold, "zzz").kind).toBe("pending");
    expect(countStates(fold)).toEqual({
      pending: 0,
      sent: 1,
      deferred: 1,
      failed: 1,
      uncertain: 1,
      skipped: 1,
    });
  });

  it("treats an attempt after a deferral as uncertain until its outcome arrives", () => {
    const fold = foldLedger([attempt("b", 1), deferred("b", 1), attempt("b", 2)]);
    expect(sendStateOf(fold, "b").kind).toBe("uncertain");
    expect(fold.get("b")?.attempts).toBe(2);
    expect(listUncertain(fold).map((r) => r.contact)).toEqual(["b"]);
  });

  it("keeps sent sticky and never lets a skip hide an uncertain attempt", () => {
    const fold = foldLedger([
      attempt("a", 1),
      sent("a", 1),
      deferred("a", 2),
      attempt("u", 1),
      skipped("u", "bounced"),
    ]);
    expect(sendStateOf(fold, "a").kind).toBe("sent");
    expect(sendStateOf(fold, "u").kind).toBe("uncertain");
  });

  it("notes contacts marked do-not-contact in the campaign", () => {
    const fold = foldLedger([
      {
        campaign: "c",
        contact: "m",
        type: "marked",
        at: "2026-01-02T00:00:00.000Z",
        outcome: "do-not-contact",
      },
    ]);
    expect(fold.get("m")?.doNotContact).toBe(true);
  });
});
