/**
 * One interpretation of ledger events: the sender's fold (src/ledger/fold-ledger.ts) and the status fold
 * (src/ledger/fold-status.ts) must derive the same delivery state from any ledger. Random ledgers per seed
 * (every event type, plausible order with noise); a failure names the seed and the contact's events.
 */
import { describe, expect, it } from "vitest";
import { foldLedger, type SendState } from "../../src/ledger/fold-ledger.js";
import type { LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import { selectRecipients } from "../../src/send/select-recipients.js";
import { createStatusFold, deliveryStateOf, stateOf } from "../../src/ledger/fold-status.js";
import { contactSendState } from "../../src/inbox/mark-rules.js";
import { RANDOM_CAMPAIGN, randomLedger } from "../helpers/random-ledger.js";

const PENDING: SendState = { kind: "pending" };
const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);

function describeEvents(events: readonly LedgerEvent[]): string {
  return events
    .map((e) =>
      e.type === "marked" || e.type === "unmarked"
        ? `${e.type}:${e.outcome}${"attempt" in e && e.attempt !== undefined ? `#${e.attempt}` : ""}`
        : "attempt" in e
          ? `${e.type}#${e.attempt}`
          : e.type,
    )
    .join(" ");
}

function statusFoldOf(events: readonly LedgerEvent[]) {
  const fold = createStatusFold(RANDOM_CAMPAIGN);
  for (const e of events) fold.add(e);
  return fold;
}

describe("one reading of the ledger (random ledgers)", () => {
  it("the sender's fold, the status fold and mark's rules derive the same delivery state", () => {
    let compared = 0;
    const kinds = new Set<string>();
    const mismatches: string[] = [];
    for (const seed of SEEDS) {
      const { contacts, events } = randomLedger(seed);
      const sender = foldLedger(events);
      const status = statusFoldOf(events);
      const sentDays = new Map<string, number>();
      const byContact = new Map<string, LedgerEvent[]>();
      for (const e of events) byContact.set(e.contact, [...(byContact.get(e.contact) ?? []), e]);
      for (const contact of contacts) {
        const own = byContact.get(contact) ?? [];
        const rec = sender.get(contact);
        const track = status.tracks.get(contact);
        const state = rec?.state ?? PENDING;
        const attempts = rec?.attempts ?? 0;
        kinds.add(state.kind);
        const differ = (view: string, got: unknown, want: unknown) => {
          if (JSON.stringify(got) !== JSON.stringify(want))
            mismatches.push(
              `seed ${seed}, ${contact} [${describeEvents(own)}]: ${view} ${JSON.stringify(got)}, sender ${JSON.stringify(want)}`,
            );
        };
        differ("status fold", track?.delivery.state ?? PENDING, state);
        differ("status attempts", track?.attempts ?? 0, attempts);
        differ("mark rules", contactSendState(contact, own), { state, attempts });
        if (track) differ("status sentAt", track.sentAt, state.kind === "sent" ? state.at : undefined);
        // With no mail and no marks on top, the state shown is the delivery state itself.
        const onTop =
          track &&
          (track.reply ||
            track.hardBounce ||
            track.autoReplies > 0 ||
            track.marks.some((m) => m.outcome === "delivered-by-partner"));
        if (!onTop) differ("status state", stateOf(track), deliveryStateOf(state));
        if (state.kind === "sent") {
          const day = state.at.slice(0, 10);
          sentDays.set(day, (sentDays.get(day) ?? 0) + 1);
        }
        compared += 1;
      }
      differ0(mismatches, `seed ${seed}: sent per day`, [...status.sentPerDay].sort(), [...sentDays].sort());
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(compared).toBe(SEEDS.length * 40);
    // The generator reaches every state, or this test proves less than it claims.
    expect([...kinds].sort()).toEqual(["deferred", "failed", "pending", "sent", "skipped", "uncertain"]);
  });
});

function differ0(out: string[], view: string, got: unknown, want: unknown): void {
  if (JSON.stringify(got) !== JSON.stringify(want))
    out.push(`${view}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
}

describe("the disagreements the random ledgers found, as fixed", () => {
  const C = RANDOM_CAMPAIGN;
  const msg = { campaign: C, contact: "k", messageId: "<k@m.example>", language: "fr", revision: "r1" };
  const email = "k@ministry.example";
  const at = (h: number) => `2026-01-05T${String(h).padStart(2, "0")}:00:00.000Z`;

  it("attempt → deferred → skipped is skipped to the sender, to status and to mark", () => {
    const events: LedgerEvent[] = [
      { type: "attempt", at: at(9), ...msg, attempt: 1, email, transport: "smtp" },
      { type: "deferred", at: at(10), ...msg, attempt: 1, email, response: "451 later", retryAt: at(11) },
      { type: "skipped", at: at(12), campaign: C, contact: "k", reason: "do-not-contact" },
    ];
    const expected = { kind: "skipped", at: at(12), reason: "do-not-contact" };
    expect(foldLedger(events).get("k")?.state).toEqual(expected);
    const track = statusFoldOf(events).tracks.get("k");
    expect(stateOf(track)).toBe("skipped");
    expect(track?.response).toBe("do-not-contact");
    expect(contactSendState("k", events).state).toEqual(expected);
    // What the sender does next: while the reason holds it skips (no retry is pending); once it is gone it
    // sends at once with the next attempt number, without waiting for the old retry time.
    const planned = { contactId: "k", country: "FR", language: "fr", email, status: "active" };
    const options = { now: Date.parse(at(8)), retryUncertain: false, minDaysBetweenCampaigns: 0 };
    const fold = foldLedger(events);
    const skipped = selectRecipients([{ ...planned, status: "do-not-contact" }], fold, {
      ...options,
      lastSentElsewhere: new Map(),
    });
    expect(skipped.jobs).toEqual([]);
    expect(skipped.newSkips).toEqual([]);
    const sent = selectRecipients([planned], fold, { ...options, lastSentElsewhere: new Map() });
    expect(sent.jobs).toMatchObject([{ contactId: "k", attempt: 2 }]);
    expect(sent.jobs[0]?.notBefore).toBeUndefined();
  });

  it("an outcome whose attempt line is missing still counts its attempt number (status used to say 0)", () => {
    const events: LedgerEvent[] = [
      { type: "deferred", at: at(10), ...msg, attempt: 2, email, response: "451 later" },
      { type: "attempt", at: at(11), ...msg, attempt: 1, email, transport: "smtp" },
      { type: "marked", at: at(12), campaign: C, contact: "k", outcome: "sent", attempt: 2 },
    ];
    // Attempt 2 is the latest the sender knows, so the mark settles it (the status fold used to count only
    // `attempt` lines, make this attempt 1, refuse the mark and show the contact uncertain).
    expect(foldLedger(events).get("k")).toMatchObject({ attempts: 2, state: { kind: "sent" } });
    const track = statusFoldOf(events).tracks.get("k");
    expect(track?.attempts).toBe(2);
    expect(stateOf(track)).toBe("sent");
  });
});
