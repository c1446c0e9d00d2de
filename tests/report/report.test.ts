import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { createStatusFold } from "../../src/ledger/fold-status.js";
import { buildReportData, normaliseReason } from "../../src/report/report-data.js";
import { renderReportHtml } from "../../src/report/render-report.js";
import type { CampaignTarget } from "../../src/campaign/campaign-targets.fs.js";
import { buildStatusRows } from "../../src/report/status-rows.js";
import { readWorldTopology, renderMap } from "../../src/report/write-report.fs.js";
import { renderWorldMapSvg } from "../../src/report/world-map.js";

const target = (contactId: string, country: string, organisation = "Ministry"): CampaignTarget => ({
  contactId,
  country,
  organisation,
  name: "N",
  email: `${contactId}@ministry.example`,
  language: "en",
  delivery: "email",
});

function sample() {
  const fold = createStatusFold("c");
  const m = (contact: string) => ({
    campaign: "c",
    contact,
    messageId: `<${contact}@x.example>`,
    language: "en",
    revision: "r",
    attempt: 1,
    email: `${contact}@ministry.example`,
  });
  fold.add({ type: "attempt", at: "2012-11-05T09:00:00Z", ...m("a1"), transport: "smtp" });
  fold.add({ type: "sent", at: "2012-11-05T09:00:01Z", ...m("a1"), response: "250 ok" });
  fold.add({ type: "attempt", at: "2012-11-05T09:00:00Z", ...m("a2"), transport: "smtp" });
  fold.add({
    type: "failed",
    at: "2012-11-05T09:00:01Z",
    ...m("a2"),
    response: "550 5.1.1 <a2@ministry.example> unknown",
  });
  fold.add({ type: "attempt", at: "2012-11-05T09:00:00Z", ...m("b1"), transport: "smtp" });
  fold.add({
    type: "failed",
    at: "2012-11-05T09:00:01Z",
    ...m("b1"),
    response: "550 5.1.1 <b1@ministry.example> unknown",
  });
  fold.add({
    type: "replied",
    at: "2012-11-06T09:00:00Z",
    campaign: "c",
    contact: "c1",
    date: "2012-11-06T08:00:00Z",
    from: "c1@ministry.example",
    sourceMessageId: "<r@x>",
  });
  const rows = buildStatusRows(
    [target("a1", "AR"), target("a2", "AR"), target("b1", "BR", "<b>Bold</b> & co"), target("c1", "CL")],
    fold.tracks,
  );
  return buildReportData({
    campaign: { id: "c", name: "Letter <to> ITU" },
    generatedAt: new Date(new ManualClock(Date.UTC(2012, 10, 10)).now()).toISOString(),
    rows,
    tracks: fold.tracks,
    sentPerDay: fold.sentPerDay,
    repliesPerDay: fold.repliesPerDay,
    memberStates: [
      { code: "AR", name: "Argentina", status: "member" },
      { code: "BR", name: "Brazil", status: "member" },
      { code: "CL", name: "Chile", status: "member" },
      { code: "TV", name: "Tuvalu", status: "member" },
      { code: "PS", name: "Palestine", status: "observer" },
    ],
  });
}

describe("report data", () => {
  it("colours a country by the furthest its contacts got, and groups failure reasons", () => {
    const data = sample();
    const by = Object.fromEntries(data.countries.map((c) => [c.code, c.mapStatus]));
    expect(by).toEqual({ AR: "sent", BR: "failed", CL: "replied", TV: "no-contacts", PS: "no-contacts" });
    expect(data.failureReasons).toEqual([
      {
        reason: "550 5.1.1 <address> unknown",
        count: 2,
        contacts: [expect.objectContaining({ id: "a2" }), expect.objectContaining({ id: "b1" })],
      },
    ]);
    expect(data.perDay).toEqual([
      { day: "2012-11-05", sent: 1, replies: 0 },
      { day: "2012-11-06", sent: 0, replies: 1 },
    ]);
    expect(data.totals).toMatchObject({
      contacts: 4,
      accepted: 1,
      countriesTargeted: 3,
      countriesReached: 2,
    });
  });

  it("shows quiet days between the first and the last as zero", () => {
    const data = buildReportData({
      campaign: { id: "c", name: "c" },
      generatedAt: "2012-11-10T00:00:00.000Z",
      rows: [],
      tracks: new Map(),
      sentPerDay: new Map([
        ["2012-11-05", 3],
        ["2012-11-08", 1],
      ]),
      repliesPerDay: new Map(),
      memberStates: [],
    });
    expect(data.perDay.map((d) => [d.day, d.sent])).toEqual([
      ["2012-11-05", 3],
      ["2012-11-06", 0],
      ["2012-11-07", 0],
      ["2012-11-08", 1],
    ]);
  });

  it("normalises addresses and queue ids out of reasons", () => {
    expect(normaliseReason("250 2.0.0 Ok: queued as 6F2A51C0A1 for x@y.example")).toBe(
      "250 2.0.0 Ok: queued for <address>",
    );
  });
});

describe("report page", () => {
  it("escapes every piece of data and has no script", async () => {
    const data = sample();
    const html = renderReportHtml(data, renderMap(data, await readWorldTopology()));
    expect(html).toContain("Letter &lt;to&gt; ITU");
    expect(html).toContain("&lt;b&gt;Bold&lt;/b&gt; &amp; co");
    expect(html).not.toContain("<b>Bold</b>");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it("draws one shape per state: outlines, circles for microstates, squares for unknown places", async () => {
    const svg = renderWorldMapSvg(await readWorldTopology(), [
      { code: "AR", name: "Argentina", status: "sent", label: "Argentina" },
      { code: "TV", name: "Tuvalu", status: "replied", label: "Tuvalu" },
      { code: "XX", name: "Nowhere", status: "planned", label: "Nowhere" },
    ]);
    expect(svg.match(/data-country="/g)).toHaveLength(3);
    expect(svg).toMatch(/<path data-country="AR" data-status="sent"/);
    expect(svg).toMatch(/<circle data-country="TV" data-status="replied"/);
    expect(svg).toMatch(/<rect data-country="XX" data-status="planned"/);
  });
});
