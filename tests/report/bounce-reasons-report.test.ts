/**
 * What status and the report show of bounce reasons and complaints: rows carry `bounceReason` and
 * `complaint` (so `status --format json` does), a deliverability problem is listed apart from bad
 * addresses with the server's words, and complaints have a section and a total.
 */
import { describe, expect, it } from "vitest";
import type { CampaignTarget } from "../../src/campaign/campaign-targets.fs.js";
import { createStatusFold } from "../../src/ledger/fold-status.js";
import type { LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import { buildReportData } from "../../src/report/report-data.js";
import { renderReportHtml } from "../../src/report/render-report.js";
import { buildStatusRows } from "../../src/report/status-rows.js";

const C = "c";
const target = (contactId: string, country: string): CampaignTarget => ({
  contactId,
  country,
  organisation: `Ministry ${contactId}`,
  name: "N",
  email: `${contactId}@ministry.example`,
  language: "en",
  delivery: "email",
});

function sample() {
  const fold = createStatusFold(C);
  const add = (e: LedgerEvent) => fold.add(e);
  for (const contact of ["dead", "spam", "full", "angry", "quiet"]) {
    add({
      type: "sent",
      at: "2026-11-05T09:00:00.000Z",
      campaign: C,
      contact,
      messageId: `<${contact}@x.example>`,
      language: "en",
      revision: "r",
      attempt: 1,
      email: `${contact}@ministry.example`,
      response: "250 ok",
    });
  }
  const bounce = (contact: string, status: string, diagnostic: string, reason: string, permanent: boolean) =>
    add({
      type: "bounced",
      at: "2026-11-06T09:00:00.000Z",
      campaign: C,
      contact,
      kind: "hard",
      status,
      diagnostic,
      reason: reason as "other",
      permanent,
      sourceMessageId: `<b-${contact}@mx.example>`,
    });
  bounce("dead", "5.1.1", "550 5.1.1 User unknown", "unknown-recipient", true);
  bounce(
    "spam",
    "5.7.1",
    "554 5.7.1 Client host blocked using zen.spamhaus.example",
    "rejected-sender",
    false,
  );
  bounce("full", "5.2.2", "552 5.2.2 Mailbox full", "mailbox-full", false);
  add({
    type: "complaint",
    at: "2026-11-07T09:00:00.000Z",
    campaign: C,
    contact: "angry",
    source: "feedback-report",
    feedbackType: "abuse",
    from: "fbl@isp.example",
    sourceMessageId: "<arf@isp.example>",
  });
  const rows = buildStatusRows(
    ["dead", "spam", "full", "angry", "quiet"].map((id) => target(id, "AR")),
    fold.tracks,
  );
  const data = buildReportData({
    campaign: { id: C, name: "Letter" },
    generatedAt: "2026-11-10T00:00:00.000Z",
    rows,
    tracks: fold.tracks,
    sentPerDay: fold.sentPerDay,
    repliesPerDay: fold.repliesPerDay,
    memberStates: [{ code: "AR", name: "Argentina", status: "member" }],
  });
  return { rows, data };
}

describe("bounce reasons and complaints in status and the report", () => {
  it("status rows carry the bounce reason and the complaint", () => {
    const { rows } = sample();
    expect(rows.map((r) => [r.contact, r.state, r.bounceReason, r.complaint])).toEqual([
      ["angry", "sent", "", "abuse"],
      ["dead", "bounced", "unknown-recipient", ""],
      ["full", "bounced", "mailbox-full", ""],
      ["quiet", "sent", "", ""],
      ["spam", "bounced", "rejected-sender", ""],
    ]);
    // The detail gives the reason and the server's words.
    expect(rows.find((r) => r.contact === "spam")?.detail).toContain("(rejected-sender)");
    expect(rows.find((r) => r.contact === "spam")?.detail).toContain("zen.spamhaus.example");
    expect(rows.find((r) => r.contact === "angry")?.detail).toContain("abuse");
  });

  it("lists deliverability problems apart from bounces, and complaints with a total", () => {
    const { data } = sample();
    expect(data.bounceReasons.flatMap((g) => g.contacts.map((c) => c.id)).sort()).toEqual(["dead", "full"]);
    expect(data.deliverabilityProblems).toMatchObject([
      { reason: "rejected-sender: 5.7.1 554 5.7.1 Client host blocked using zen.spamhaus.example", count: 1 },
    ]);
    expect(data.complaints).toMatchObject([
      { contact: "angry", complaint: "abuse", from: "fbl@isp.example" },
    ]);
    expect(data.totals.complaints).toBe(1);
    const html = renderReportHtml(data, "<svg></svg>");
    expect(html).toContain("Deliverability problems to fix");
    expect(html).toContain("zen.spamhaus.example");
    expect(html).toContain("<h2>Complaints</h2>");
  });
});
