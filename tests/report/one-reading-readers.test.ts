/**
 * Every reader of a ledger shows the state the sender acts on. The same random ledgers (over the example
 * campaign's contacts, every event type) are written to a workspace and read by: the send state and its
 * selection and forecast (`send`, `plan`), status rows (`status`), report data (`report`), partner packs
 * (`partners export`), contact history (`directory history`) and mark's rules (`mark`). Each view is checked
 * against the sender's fold; a failure names the seed, the contact and its events.
 */
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { readDirectory, writeDirectory } from "../../src/contacts/directory-store.fs.js";
import { ManualClock } from "../../src/core/clock.js";
import { workspacePaths } from "../../src/core/workspace.js";
import type { SendState, SendStateKind } from "../../src/ledger/fold-ledger.js";
import type { LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import { forecastSend, plannedRecipients } from "../../src/send/forecast-send.js";
import { selectRecipients } from "../../src/send/select-recipients.js";
import { readSendState } from "../../src/send/send-state.fs.js";
import { readCampaignStatus } from "../../src/report/campaign-status.fs.js";
import { historyStates, readContactHistory } from "../../src/report/contact-history.fs.js";
import { stateOf, type ContactState } from "../../src/ledger/fold-status.js";
import { contactSendState } from "../../src/inbox/mark-rules.js";
import { exportPartnerPacks } from "../../src/report/partner-packs.fs.js";
import { buildReportData, normaliseReason } from "../../src/report/report-data.js";
import { copyExampleWorkspace } from "../helpers/cli.js";
import { randomLedger } from "../helpers/random-ledger.js";
import { seededRandom } from "../helpers/seeded-random.js";

const CAMPAIGN = "wcit-2012";
const SEEDS = [11, 12, 13, 14, 15];
const PENDING: SendState = { kind: "pending" };
/** Between the first and last random event, so deferred messages both wait and are due. */
const NOW = Date.UTC(2026, 3, 1);
/** The status word for each delivery state (written out here, so the test does not share the code's table). */
const SHOWN: Record<SendStateKind, ContactState> = {
  pending: "planned",
  uncertain: "uncertain",
  sent: "sent",
  deferred: "deferred",
  failed: "failed",
  skipped: "skipped",
};
/** States that mail or marks put on top of delivery; any other row state is the delivery state. */
const ON_TOP: readonly ContactState[] = ["replied", "delivered-by-partner", "bounced", "auto-replied"];

let ws: string;
let contactIds: string[];

beforeAll(async () => {
  ws = await copyExampleWorkspace();
  const status = await readCampaignStatus(ws, CAMPAIGN);
  contactIds = status.tracked.targets.map((t) => t.contactId);
});

/** Give about a third of the contacts a directory status other than active, so skips are decided afresh. */
async function shuffleDirectoryStatuses(seed: number): Promise<void> {
  const random = seededRandom(seed * 7919);
  const path = workspacePaths(ws).directory;
  const { contacts } = await readDirectory(path);
  const statuses = ["active", "active", "active", "active", "bounced", "do-not-contact"] as const;
  await writeDirectory(
    path,
    contacts.map((c) => ({ ...c, status: statuses[Math.floor(random() * statuses.length)] ?? "active" })),
  );
}

async function writeLedger(events: readonly LedgerEvent[]): Promise<void> {
  await writeFile(workspacePaths(ws).ledger(CAMPAIGN), events.map((e) => `${JSON.stringify(e)}\n`).join(""));
}

/** What the sender's selection does with a contact, by name. */
type SendView = "done" | "uncertain" | "skipped" | "job" | "job-later" | "not-email";

describe("every reader shows the sender's state (random ledgers, example workspace)", () => {
  it.each(SEEDS)("seed %i", async (seed) => {
    const { events } = randomLedger(seed, { contacts: contactIds, campaign: CAMPAIGN, maxEvents: 7 });
    await writeLedger(events);
    await shuffleDirectoryStatuses(seed);
    const paths = workspacePaths(ws);

    // send / plan
    const send = await readSendState(paths, CAMPAIGN, { now: NOW, minDaysBetweenCampaigns: 0 });
    expect(send.problems).toEqual([]);
    const status = await readCampaignStatus(ws, CAMPAIGN);
    const entries = status.tracked.plan.entries;
    const selection = selectRecipients(plannedRecipients(entries), send.fold, {
      now: NOW,
      retryUncertain: false,
      minDaysBetweenCampaigns: 0,
      lastSentElsewhere: send.lastSentElsewhere,
    });
    const forecast = forecastSend(entries, selection, send.fold);
    const sendView = new Map<string, SendView>();
    for (const j of selection.jobs)
      sendView.set(j.contactId, j.notBefore === undefined ? "job" : "job-later");
    for (const s of selection.skipped) sendView.set(s.recipient.contactId, "skipped");
    for (const u of selection.uncertain) sendView.set(u.recipient.contactId, "uncertain");

    // report, partner packs, history
    const report = buildReportData({
      campaign: { id: CAMPAIGN, name: status.tracked.loaded.campaign.name },
      generatedAt: new Date(NOW).toISOString(),
      rows: status.rows,
      tracks: status.fold.tracks,
      sentPerDay: status.fold.sentPerDay,
      repliesPerDay: status.fold.repliesPerDay,
      memberStates: status.tracked.loaded.memberStates,
    });
    const out = join(ws, `packs-${seed}`);
    await exportPartnerPacks(ws, CAMPAIGN, { out }, new ManualClock(NOW));
    const packStatus = new Map<string, string>();
    for (const partner of await readdir(out)) {
      const text = await readFile(join(out, partner, "contacts.csv"), "utf8");
      const rows = parse<{ contact_id: string; status: string }>(text, { columns: true });
      for (const r of rows) packStatus.set(r.contact_id, r.status);
    }

    const rowOf = new Map(status.rows.map((r) => [r.contact, r]));
    const mismatches: string[] = [];
    const kindCount = new Map<SendStateKind, number>();
    for (const entry of entries) {
      const id = entry.contact.id;
      const own = events.filter((e) => e.contact === id);
      const where = `seed ${seed}, ${id} (${entry.delivery}, directory ${entry.contact.status}) [${own.map((e) => e.type).join(" ")}]`;
      const check = (view: string, got: unknown, want: unknown) => {
        if (JSON.stringify(got) !== JSON.stringify(want))
          mismatches.push(`${where}: ${view} ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      };
      const rec = send.fold.get(id);
      const state = rec?.state ?? PENDING;
      if (entry.delivery === "email") kindCount.set(state.kind, (kindCount.get(state.kind) ?? 0) + 1);
      const track = status.fold.tracks.get(id);
      const row = rowOf.get(id);

      // The status fold holds the sender's record: the same state, the same attempts.
      check("status fold", track?.delivery.state ?? PENDING, state);
      check("mark rules", contactSendState(id, own), { state, attempts: rec?.attempts ?? 0 });

      // The sender's selection follows its state, with a fresh skip decision where one is re-evaluated.
      const notMailable = entry.contact.status !== "active" || rec?.doNotContact === true;
      const expectedSend: SendView =
        entry.delivery !== "email"
          ? "not-email"
          : state.kind === "sent" || state.kind === "failed"
            ? "done"
            : state.kind === "uncertain"
              ? "uncertain"
              : notMailable
                ? "skipped"
                : state.kind === "deferred" && state.retryAt && Date.parse(state.retryAt) > NOW
                  ? "job-later"
                  : "job";
      // Sent and failed contacts are only counted by the selection (checked below).
      check("send", sendView.get(id) ?? (entry.delivery === "email" ? "done" : "not-email"), expectedSend);

      // status: mail and marks may sit on top; otherwise the row is the delivery state, and a contact
      // nothing was sent to that the sender would leave out is skipped, not planned.
      const shown = stateOf(track);
      const expectedRow: ContactState = ON_TOP.includes(shown)
        ? shown
        : state.kind === "pending"
          ? entry.delivery === "none" || (entry.delivery === "email" && notMailable)
            ? "skipped"
            : "planned"
          : SHOWN[state.kind];
      check("status row", row?.state, expectedRow);
      check("status accepted", row?.accepted, state.kind === "sent");
      if (row?.state === "planned")
        check(
          "send of a planned row",
          sendView.get(id) ?? "not-email",
          entry.delivery === "email" ? "job" : "not-email",
        );

      // report, partner pack, history: the status row's state, whatever it is.
      const reported = report.contacts.find((r) => r.contact === id);
      check("report row", reported?.state, row?.state);
      if (packStatus.has(id)) check("partner pack", packStatus.get(id), row?.state);
      const history = historyStates((await readContactHistory(ws, id)).events);
      if (own.length > 0) {
        check(
          "history",
          history.map((h) => h.campaign),
          [CAMPAIGN],
        );
        check("history state", history[0]?.state, shown);
        if (!(shown === "planned" && row?.state === "skipped"))
          check("history vs status", history[0]?.state, row?.state);
      } else check("history", history, []);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(packStatus.size).toBeGreaterThan(0);
    expect(selection.alreadySent).toBe(kindCount.get("sent") ?? 0);
    expect(selection.alreadyFailed).toBe(kindCount.get("failed") ?? 0);

    // Totals agree too: forecast (plan), report and the sender's fold.
    const failedRows = status.rows.filter((r) => r.state === "failed");
    expect(forecast.totals.alreadySent).toBe(kindCount.get("sent") ?? 0);
    expect(forecast.totals.failedBefore).toBe(kindCount.get("failed") ?? 0);
    expect(forecast.totals.uncertain).toBe(kindCount.get("uncertain") ?? 0);
    expect(forecast.totals.toSend).toBe(selection.jobs.length);
    expect(report.totals.accepted).toBe(
      [...send.fold.values()].filter((r) => r.state.kind === "sent").length,
    );
    expect(report.failureReasons.reduce((n, g) => n + g.count, 0)).toBe(failedRows.length);
    for (const g of report.failureReasons)
      for (const c of g.contacts) {
        const s = send.fold.get(c.id)?.state;
        expect(s?.kind === "failed" ? normaliseReason(s.response) : s?.kind).toBe(g.reason);
      }
    const sentDays = [...send.fold.values()].flatMap((r) =>
      r.state.kind === "sent" ? [r.state.at.slice(0, 10)] : [],
    );
    expect([...status.fold.sentPerDay.values()].reduce((a, b) => a + b, 0)).toBe(sentDays.length);
    expect(report.perDay.reduce((n, d) => n + d.sent, 0)).toBe(sentDays.length);
  });
});
