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

const mark = (
  contact: string,
  outcome: "sent" | "not-sent" | "do-not-contact",
  at: string,
  attemptNo?: number,
): LedgerEvent => ({
  campaign: "c",
  contact,
  type: "marked",
  at,
  outcome,
  by: "cli",
  ...(attemptNo !== undefined ? { attempt: attemptNo } : {}),
});
const unmark = (
  contact: string,
  outcome: "sent" | "not-sent" | "do-not-contact",
  markedAt: string,
): LedgerEvent => ({
  campaign: "c",
  contact,
  type: "unmarked",
  at: "2026-01-09T00:00:00.000Z",
  markedAt,
  outcome,
});
const T1 = "2026-01-05T00:00:00.000Z";
const T2 = "2026-01-06T00:00:00.000Z";

describe("foldLedger: marks that settle an uncertain attempt, and their undo", () => {
  it("mark sent makes an uncertain contact sent; its undo makes it uncertain again", () => {
    const marked = foldLedger([attempt("u", 1), mark("u", "sent", T1, 1)]);
    expect(sendStateOf(marked, "u")).toMatchObject({ kind: "sent", messageId: "<c.u@x.example>" });
    const undone = foldLedger([attempt("u", 1), mark("u", "sent", T1, 1), unmark("u", "sent", T1)]);
    expect(sendStateOf(undone, "u").kind).toBe("uncertain");
    expect(undone.get("u")?.attempts).toBe(1);
  });

  it("mark not-sent makes the contact pending with its attempt count kept; undo makes it uncertain", () => {
    const fold = foldLedger([attempt("u", 1), mark("u", "not-sent", T1, 1)]);
    expect(sendStateOf(fold, "u").kind).toBe("pending");
    expect(fold.get("u")?.attempts).toBe(1);
    expect(
      sendStateOf(
        foldLedger([attempt("u", 1), mark("u", "not-sent", T1, 1), unmark("u", "not-sent", T1)]),
        "u",
      ).kind,
    ).toBe("uncertain");
  });

  it("send events after a retracted mark stand: not-sent, re-sent, then undo leaves it sent", () => {
    const resent = [attempt("u", 1), mark("u", "not-sent", T1, 1), attempt("u", 2, T2), sent("u", 2)];
    expect(sendStateOf(foldLedger([...resent, unmark("u", "not-sent", T1)]), "u").kind).toBe("sent");
    const retried = [attempt("u", 1), mark("u", "not-sent", T1, 1), attempt("u", 2, T2)];
    const fold = foldLedger([...retried, unmark("u", "not-sent", T1)]);
    expect(sendStateOf(fold, "u")).toMatchObject({ kind: "uncertain", at: T2 });
    expect(fold.get("u")?.attempts).toBe(2);
  });

  it("undo walks back one mark at a time, and a mark made again after an undo counts", () => {
    const events = [
      attempt("u", 1),
      mark("u", "sent", T1, 1),
      unmark("u", "sent", T1),
      // The same mark again, even in the same millisecond: the first undo is already spent.
      mark("u", "sent", T1, 1),
    ];
    expect(sendStateOf(foldLedger(events), "u").kind).toBe("sent");
    expect(sendStateOf(foldLedger([...events, unmark("u", "sent", T1)]), "u").kind).toBe("uncertain");
    // A second undo of the same mark has nothing left to retract.
    expect(
      sendStateOf(foldLedger([...events, unmark("u", "sent", T1), unmark("u", "sent", T1)]), "u").kind,
    ).toBe("uncertain");
  });

  it("a send mark changes nothing unless it settles the current uncertain attempt", () => {
    expect(
      sendStateOf(foldLedger([attempt("f", 1), failed("f", 1), mark("f", "sent", T1, 1)]), "f").kind,
    ).toBe("failed");
    expect(
      sendStateOf(foldLedger([attempt("p", 1), attempt("p", 2), mark("p", "sent", T1, 1)]), "p").kind,
    ).toBe("uncertain");
    expect(sendStateOf(foldLedger([mark("n", "not-sent", T1)]), "n").kind).toBe("pending");
  });

  it("undoing a do-not-contact mark lifts it, unless another one still stands", () => {
    expect(
      foldLedger([mark("m", "do-not-contact", T1), unmark("m", "do-not-contact", T1)]).get("m")?.doNotContact,
    ).toBe(false);
    const two = foldLedger([
      mark("m", "do-not-contact", T1),
      mark("m", "do-not-contact", T2),
      unmark("m", "do-not-contact", T2),
    ]);
    expect(two.get("m")?.doNotContact).toBe(true);
  });
});
