/**
 * Status rows: the folded ledger joined with the campaign's targeted contacts, and grouped counts.
 * Pure. Contacts in the ledger but no longer in the plan still get a row (nothing is hidden).
 */
import type { CampaignTarget } from "../campaign/campaign-targets.fs.js";
import type { ContactTrack } from "../ledger/contact-track.js";
import type { BounceReason } from "../ledger/ledger-event-schema.js";
import { CONTACT_STATES, detailOf, stateOf, type ContactState } from "../ledger/fold-status.js";

export interface StatusRow {
  contact: string;
  country: string;
  organisation: string;
  name: string;
  email: string;
  language: string;
  partner: string;
  delivery: string;
  state: ContactState;
  detail: string;
  /**
   * Why the letter bounced (docs/BOUNCES.md): the hard bounce's reason, else the latest delay's, else "".
   * `rejected-sender` and `rejected-content` are deliverability problems to fix, not bad addresses.
   */
  bounceReason: BounceReason | "";
  /** The complaint's type (`abuse`…), `unsubscribe` or the source, when the contact complained; else "". */
  complaint: string;
  lastEventAt: string;
  /** True when the mail server accepted the message (a `sent` event), whatever happened after. */
  accepted: boolean;
  /** False for contacts that have ledger events but are no longer in the plan. */
  planned: boolean;
  /**
   * The signatory list the sent message printed: `current` (the approved list as it is now), `older`
   * (signatories were approved or withdrawn since: a follow-up can target these), "" when unknown or
   * nothing was sent (see `markSignatoryLists`).
   */
  signatoryList: "current" | "older" | "";
}

export const STATUS_GROUPS = ["country", "partner", "language", "organisation"] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

export type StateCounts = Record<ContactState, number>;

export interface StatusGroupRow {
  key: string;
  total: number;
  counts: StateCounts;
}

export function buildStatusRows(
  targets: readonly CampaignTarget[],
  tracks: ReadonlyMap<string, ContactTrack>,
): StatusRow[] {
  const rows: StatusRow[] = [];
  const seen = new Set<string>();
  for (const t of targets) {
    seen.add(t.contactId);
    const track = tracks.get(t.contactId);
    let state = stateOf(track);
    let detail = detailOf(track, state);
    if (!track && t.delivery === "partner") detail = `to be delivered by partner ${t.partner ?? ""}`.trim();
    // Nothing sent yet: say what `send` will do with it, which for these is to leave it out.
    const notMailed = state === "planned" ? notMailedReason(t, track) : undefined;
    if (notMailed) {
      state = "skipped";
      detail = detail ? `${notMailed}; ${detail}` : notMailed;
    }
    rows.push({
      contact: t.contactId,
      country: t.country,
      organisation: t.organisation,
      name: t.name,
      email: track?.email ?? t.email,
      language: track?.language ?? t.language,
      partner: t.partner ?? "",
      delivery: t.delivery,
      state,
      detail,
      ...mailFields(track),
      lastEventAt: track?.lastEventAt ?? "",
      accepted: track?.delivery.state.kind === "sent",
      planned: true,
      signatoryList: "",
    });
  }
  for (const track of tracks.values()) {
    if (seen.has(track.contact)) continue;
    const state = stateOf(track);
    const detail = detailOf(track, state);
    rows.push({
      contact: track.contact,
      country: "",
      organisation: "",
      name: "",
      email: track.email ?? "",
      language: track.language ?? "",
      partner: "",
      delivery: "",
      state,
      detail: detail ? `no longer in the plan; ${detail}` : "no longer in the plan",
      ...mailFields(track),
      lastEventAt: track.lastEventAt,
      accepted: track.delivery.state.kind === "sent",
      planned: false,
      signatoryList: "",
    });
  }
  // Code-unit order, not localeCompare: ids and ISO codes are ASCII, and 100k rows sort 10x faster.
  return rows.sort((a, b) => compare(a.country, b.country) || compare(a.contact, b.contact));
}

/**
 * Why the sender will not mail a contact that nothing was sent to yet (the same tests as its selection,
 * src/send/select-recipients.ts): no address, a directory status other than active, a standing
 * do-not-contact mark in this campaign.
 */
function notMailedReason(t: CampaignTarget, track: ContactTrack | undefined): string | undefined {
  if (t.delivery === "none") return "no email address and no partner delivery";
  if (t.delivery !== "email") return undefined;
  if (t.directoryStatus && t.directoryStatus !== "active") return `directory status ${t.directoryStatus}`;
  if (track?.delivery.complained) return "complained: do-not-contact";
  if (track?.delivery.doNotContact) return "marked do-not-contact";
  return undefined;
}

/** What came back by mail, for scripts: the bounce reason and the complaint. */
function mailFields(track: ContactTrack | undefined): Pick<StatusRow, "bounceReason" | "complaint"> {
  const c = track?.complaint;
  return {
    bounceReason: track?.hardBounce?.reason ?? track?.lastSoftBounce?.reason ?? "",
    complaint: c ? (c.source === "unsubscribe" ? "unsubscribe" : (c.feedbackType ?? c.source)) : "",
  };
}

/**
 * Says, for each row whose message was accepted, whether it carried the current signatory list: `sent`
 * is each contact's signatory revision from its latest `sent` event, `current` the revision of the
 * approved list now. Rows without a recorded revision (older ledgers, hand deliveries) stay "".
 */
export function markSignatoryLists(
  rows: StatusRow[],
  sent: ReadonlyMap<string, string>,
  current: string | undefined,
): void {
  if (current === undefined) return;
  for (const r of rows) {
    const revision = r.accepted ? sent.get(r.contact) : undefined;
    if (revision !== undefined) r.signatoryList = revision === current ? "current" : "older";
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function emptyCounts(): StateCounts {
  return Object.fromEntries(CONTACT_STATES.map((s) => [s, 0])) as StateCounts;
}

export function countStates(rows: readonly Pick<StatusRow, "state">[]): StateCounts {
  const counts = emptyCounts();
  for (const r of rows) counts[r.state] += 1;
  return counts;
}

export function groupStatusRows(rows: readonly StatusRow[], by: StatusGroup): StatusGroupRow[] {
  const groups = new Map<string, StatusRow[]>();
  for (const r of rows) {
    const key = r[by] || "(none)";
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, list]) => ({ key, total: list.length, counts: countStates(list) }));
}
