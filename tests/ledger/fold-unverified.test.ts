/** The status fold: unverified imported mail is shown, never counted; a mark confirms a reply. */
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import { createStatusFold, detailOf, stateOf } from "../../src/ledger/fold-status.js";

const base = { campaign: "c1", contact: "ar-1" };
const sent: LedgerEvent = {
  ...base,
  at: "2012-11-05T09:00:00.000Z",
  type: "sent",
  messageId: "<c1.c-0123456789abcdef@x.example>",
  language: "es",
  revision: "r",
  attempt: 1,
  email: "ana@mincom.example",
  response: "250 ok",
};

describe("unverified bounces and replies", () => {
  it("leave the state as it was and say so in the detail", () => {
    const fold = createStatusFold("c1");
    for (const e of [
      sent,
      {
        ...base,
        at: "2012-11-06T00:00:00.000Z",
        type: "bounced",
        kind: "hard",
        sourceMessageId: "<f1@x.test>",
        verified: false,
      },
      {
        ...base,
        at: "2012-11-06T01:00:00.000Z",
        type: "replied",
        from: "x@webmail.test",
        sourceMessageId: "<f2@x.test>",
        verified: false,
      },
      {
        ...base,
        at: "2012-11-06T02:00:00.000Z",
        type: "auto-replied",
        sourceMessageId: "<f3@x.test>",
        verified: false,
      },
    ] as LedgerEvent[])
      fold.add(e);
    const track = fold.tracks.get("ar-1");
    expect(stateOf(track)).toBe("sent");
    expect(track?.hardBounce).toBeUndefined();
    expect(fold.repliesPerDay.size).toBe(0);
    expect(detailOf(track)).toContain("3 unverified");

    fold.add({ ...base, at: "2012-11-07T00:00:00.000Z", type: "marked", outcome: "replied" });
    expect(stateOf(fold.tracks.get("ar-1"))).toBe("replied");
  });

  it("a verified (or older, field-less) hard bounce still makes the contact bounced", () => {
    for (const extra of [{ verified: true }, {}]) {
      const fold = createStatusFold("c1");
      fold.add(sent);
      fold.add({
        ...base,
        at: "2012-11-06T00:00:00.000Z",
        type: "bounced",
        kind: "hard",
        sourceMessageId: "<b@x.test>",
        ...extra,
      });
      expect(stateOf(fold.tracks.get("ar-1"))).toBe("bounced");
    }
  });
});
