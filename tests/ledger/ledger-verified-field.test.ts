/**
 * The optional `verified` field of imported-mail events (bounced, auto-replied, replied): the zod schema
 * and the fast path `isLedgerEventShape` must agree on it (the fast path may never accept what zod rejects).
 */
import { describe, expect, it } from "vitest";
import { ledgerEventSchema } from "../../src/ledger/ledger-event-schema.js";
import { isLedgerEventShape, parseLedgerLine } from "../../src/ledger/ledger-event-shape.js";

const base = { at: "2026-11-01T10:00:00.000Z", campaign: "c1", contact: "xx-0001" };
const EVENTS: Record<string, unknown>[] = [
  { ...base, type: "bounced", kind: "hard", status: "5.1.1", sourceMessageId: "<b@mx.example>" },
  { ...base, type: "auto-replied", from: "a@ministry.example", sourceMessageId: "<a@mx.example>" },
  {
    ...base,
    type: "replied",
    from: "a@ministry.example",
    date: "2026-11-02",
    sourceMessageId: "<r@mx.example>",
  },
];

describe("the verified field", () => {
  for (const event of EVENTS) {
    it(`${String(event.type)}: both accept true and false, both reject other values`, () => {
      for (const verified of [true, false]) {
        const e = { ...event, verified };
        expect(ledgerEventSchema.safeParse(e).success).toBe(true);
        expect(isLedgerEventShape(e)).toBe(true);
        expect(parseLedgerLine(JSON.stringify(e))).toEqual(e);
      }
      for (const verified of ["false", 0, null]) {
        const e = { ...event, verified };
        expect(ledgerEventSchema.safeParse(e).success).toBe(false);
        expect(isLedgerEventShape(e)).toBe(false);
      }
    });
  }

  it("is not a field of send events", () => {
    const attempt = {
      ...base,
      type: "attempt",
      messageId: "<m@x.example>",
      language: "en",
      revision: "r",
      attempt: 1,
      email: "a@ministry.example",
      transport: "smtp",
      verified: false,
    };
    expect(isLedgerEventShape(attempt)).toBe(false);
  });
});
