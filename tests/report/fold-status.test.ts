import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import { createStatusFold, stateOf } from "../../src/ledger/fold-status.js";
import { buildStatusRows, countStates, groupStatusRows } from "../../src/report/status-rows.js";
import type { CampaignTarget } from "../../src/campaign/campaign-targets.fs.js";

const C = "wcit-test";
const msg = (contact: string) => ({
  campaign: C,
  contact,
  messageId: `<${C}.${contact}@outreach.coalition.example>`,
  language: "en",
  revision: "r1",
  email: `${contact}@ministry.example`,
});
const attempt = (contact: string, at: string, n = 1): LedgerEvent => ({
  type: "attempt",
  at,
  ...msg(contact),
  attempt: n,
  transport: "smtp",
});
const sent = (contact: string, at: string, n = 1): LedgerEvent => ({
  type: "sent",
  at,
  ...msg(contact),
  attempt: n,
  response: "250 ok",
});

function fold(events: LedgerEvent[]) {
  const f = createStatusFold(C);
  for (const e of events) f.add(e);
  return f;
}

describe("status fold", () => {
  it("an attempt without outcome is uncertain; a later sent settles it", () => {
    expect(stateOf(fold([attempt("a", "2012-11-05T09:00:00Z")]).tracks.get("a"))).toBe("uncertain");
    expect(
      stateOf(
        fold([attempt("a", "2012-11-05T09:00:00Z"), sent("a", "2012-11-05T09:00:01Z")]).tracks.get("a"),
      ),
    ).toBe("sent");
  });

  it("deferred then attempt again without outcome is uncertain; failed is failed", () => {
    const f = fold([
      attempt("a", "2012-11-05T09:00:00Z"),
      { type: "deferred", at: "2012-11-05T09:00:01Z", ...msg("a"), attempt: 1, response: "451 try later" },
      attempt("a", "2012-11-05T09:10:00Z", 2),
      attempt("b", "2012-11-05T09:00:00Z"),
      { type: "failed", at: "2012-11-05T09:00:01Z", ...msg("b"), attempt: 1, response: "550 no such user" },
    ]);
    expect(stateOf(f.tracks.get("a"))).toBe("uncertain");
    expect(f.tracks.get("a")?.attempts).toBe(2);
    expect(stateOf(f.tracks.get("b"))).toBe("failed");
  });

  it("precedence: replied > delivered-by-partner > bounced > auto-replied > sent, whatever the order", () => {
    const at = "2012-11-06T00:00:00Z";
    const f = fold([
      attempt("r", at),
      sent("r", at),
      {
        type: "replied",
        at,
        campaign: C,
        contact: "r",
        from: "r@ministry.example",
        sourceMessageId: "<x1@m.example>",
      },
      {
        type: "bounced",
        at,
        campaign: C,
        contact: "r",
        kind: "hard",
        status: "5.1.1",
        sourceMessageId: "<x2@m.example>",
      },
      attempt("b", at),
      sent("b", at),
      { type: "auto-replied", at, campaign: C, contact: "b", sourceMessageId: "<x3@m.example>" },
      { type: "bounced", at, campaign: C, contact: "b", kind: "hard", sourceMessageId: "<x4@m.example>" },
      { type: "bounced", at, campaign: C, contact: "p", kind: "hard", sourceMessageId: "<x5@m.example>" },
      { type: "marked", at, campaign: C, contact: "p", outcome: "delivered-by-partner", by: "partner:cele" },
      attempt("s", at),
      sent("s", at),
      {
        type: "bounced",
        at,
        campaign: C,
        contact: "s",
        kind: "soft",
        status: "4.4.1",
        sourceMessageId: "<x6@m.example>",
      },
      attempt("o", at),
      sent("o", at),
      { type: "auto-replied", at, campaign: C, contact: "o", sourceMessageId: "<x7@m.example>" },
    ]);
    expect(stateOf(f.tracks.get("r"))).toBe("replied");
    expect(stateOf(f.tracks.get("b"))).toBe("bounced");
    expect(stateOf(f.tracks.get("p"))).toBe("delivered-by-partner");
    expect(stateOf(f.tracks.get("s"))).toBe("sent");
    expect(f.tracks.get("s")?.softBounces).toBe(1);
    expect(stateOf(f.tracks.get("o"))).toBe("auto-replied");
  });

  it("a mark 'replied' counts as a reply; skipped only before any attempt", () => {
    const at = "2012-11-06T00:00:00Z";
    const f = fold([
      { type: "skipped", at, campaign: C, contact: "k", reason: "do-not-contact" },
      { type: "marked", at, campaign: C, contact: "m", outcome: "replied", note: "by phone" },
      attempt("x", at),
      sent("x", at),
      { type: "skipped", at, campaign: C, contact: "x", reason: "too recent" },
    ]);
    expect(stateOf(f.tracks.get("k"))).toBe("skipped");
    expect(stateOf(f.tracks.get("m"))).toBe("replied");
    expect(stateOf(f.tracks.get("x"))).toBe("sent");
    expect(f.repliesPerDay.get("2012-11-06")).toBe(1);
  });

  it("counts sent messages per day once per contact and ignores other campaigns", () => {
    const f = fold([
      attempt("a", "2012-11-05T09:00:00Z"),
      sent("a", "2012-11-05T09:00:01Z"),
      sent("a", "2012-11-05T09:00:02Z"),
      attempt("b", "2012-11-06T09:00:00Z"),
      sent("b", "2012-11-06T09:00:01Z"),
      { ...sent("z", "2012-11-06T09:00:01Z"), campaign: "other" },
    ]);
    expect(Object.fromEntries(f.sentPerDay)).toEqual({ "2012-11-05": 1, "2012-11-06": 1 });
    expect(f.tracks.has("z")).toBe(false);
  });

  it("joins with the plan: planned, partner delivery, undeliverable, and ledger-only contacts", () => {
    const target = (
      contactId: string,
      country: string,
      delivery: CampaignTarget["delivery"],
      partner?: string,
    ): CampaignTarget => ({
      contactId,
      country,
      organisation: "Ministry",
      name: "N",
      email: `${contactId}@ministry.example`,
      language: "es",
      delivery,
      ...(partner ? { partner } : {}),
    });
    const f = fold([
      attempt("a", "2012-11-05T09:00:00Z"),
      sent("a", "2012-11-05T09:00:01Z"),
      attempt("gone", "2012-11-05T09:00:00Z"),
    ]);
    const rows = buildStatusRows(
      [target("a", "AR", "email", "cele"), target("b", "AR", "partner", "cele"), target("c", "UY", "none")],
      f.tracks,
    );
    expect(rows.map((r) => [r.contact, r.state, r.planned])).toEqual([
      ["gone", "uncertain", false],
      ["a", "sent", true],
      ["b", "planned", true],
      ["c", "skipped", true],
    ]);
    expect(countStates(rows)).toMatchObject({ sent: 1, planned: 1, skipped: 1, uncertain: 1, replied: 0 });
    const byCountry = groupStatusRows(rows, "country");
    expect(byCountry.map((g) => [g.key, g.total])).toEqual([
      ["(none)", 1],
      ["AR", 2],
      ["UY", 1],
    ]);
    expect(groupStatusRows(rows, "partner").find((g) => g.key === "cele")?.counts.sent).toBe(1);
  });
});

describe("status fold: settling an uncertain message by hand, and undo", () => {
  const mark = (
    contact: string,
    outcome: "sent" | "not-sent" | "replied",
    at: string,
    extra: { attempt?: number; date?: string } = {},
  ): LedgerEvent => ({ type: "marked", at, campaign: C, contact, outcome, by: "cli", ...extra });
  const unmark = (
    contact: string,
    outcome: "sent" | "not-sent" | "replied",
    markedAt: string,
  ): LedgerEvent => ({
    type: "unmarked",
    at: "2012-11-20T00:00:00Z",
    campaign: C,
    contact,
    markedAt,
    outcome,
  });
  const T = "2012-11-10T12:00:00Z";
  const A = "2012-11-05T09:00:00Z";

  it("mark sent → sent, counted on the day the message went out; undo → uncertain, uncounted", () => {
    const marked = [attempt("u", A), mark("u", "sent", T, { attempt: 1, date: A })];
    const f = fold(marked);
    expect(stateOf(f.tracks.get("u"))).toBe("sent");
    expect(Object.fromEntries(f.sentPerDay)).toEqual({ "2012-11-05": 1 });
    const g = fold([...marked, unmark("u", "sent", T)]);
    expect(stateOf(g.tracks.get("u"))).toBe("uncertain");
    expect(g.tracks.get("u")?.marks).toEqual([]);
    expect(g.sentPerDay.size).toBe(0);
  });

  it("mark not-sent → planned; after a new attempt and its sent, an undo leaves it sent", () => {
    const notSent = [attempt("u", A), mark("u", "not-sent", T, { attempt: 1 })];
    expect(stateOf(fold(notSent).tracks.get("u"))).toBe("planned");
    expect(stateOf(fold([...notSent, unmark("u", "not-sent", T)]).tracks.get("u"))).toBe("uncertain");
    const resent = [
      ...notSent,
      attempt("u", "2012-11-12T09:00:00Z", 2),
      sent("u", "2012-11-12T09:00:01Z", 2),
    ];
    const f = fold([...resent, unmark("u", "not-sent", T)]);
    expect(stateOf(f.tracks.get("u"))).toBe("sent");
    expect(f.tracks.get("u")?.attempts).toBe(2);
    expect(Object.fromEntries(f.sentPerDay)).toEqual({ "2012-11-12": 1 });
  });

  it("undoing a replied mark takes the reply and its day back", () => {
    const f = fold([
      attempt("r", A),
      sent("r", A),
      mark("r", "replied", T, { date: "2012-11-08" }),
      unmark("r", "replied", T),
    ]);
    expect(stateOf(f.tracks.get("r"))).toBe("sent");
    expect(f.repliesPerDay.size).toBe(0);
  });
});
