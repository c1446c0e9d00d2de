/**
 * The numbers behind `report.html`: totals, one line per member state (and any other country targeted),
 * messages per day, failure and bounce reasons grouped (deliverability problems to fix apart from bad
 * addresses, docs/BOUNCES.md), complaints, replies. Pure: a function of the status rows, the folded
 * tracks and the member-state list.
 */
import type { ContactTrack } from "../ledger/contact-track.js";
import type { ContactState } from "../ledger/fold-status.js";
import { countStates, type StateCounts, type StatusRow } from "./status-rows.js";

export interface ReportCountry {
  code: string;
  name: string;
  /** member, observer, or `other` for a targeted country not in the member-state list. */
  membership: string;
  /** The country's colour on the map: its best contact state, or `no-contacts`. */
  mapStatus: CountryMapStatus;
  contacts: number;
  languages: string[];
  partners: string[];
  sent: number;
  failed: number;
  bounced: number;
  replied: number;
  /** Contacts the partner delivers by hand, and of those how many are marked delivered. */
  byHand: number;
  deliveredByPartner: number;
}

export type CountryMapStatus = ContactState | "no-contacts";

/** Which state colours a country: the furthest any of its contacts got (failures only when nothing better). */
export const COUNTRY_STATUS_ORDER: readonly CountryMapStatus[] = [
  "replied",
  "delivered-by-partner",
  "auto-replied",
  "sent",
  "deferred",
  "uncertain",
  "planned",
  "bounced",
  "failed",
  "skipped",
  "no-contacts",
];

/** Bounce reasons that are problems with how or what we sent, not with the address. */
const DELIVERABILITY: ReadonlySet<string> = new Set(["rejected-sender", "rejected-content"]);

export interface ReasonGroup {
  reason: string;
  count: number;
  contacts: { id: string; country: string; organisation: string }[];
}

export interface ReportData {
  campaign: { id: string; name: string };
  generatedAt: string;
  totals: StateCounts & {
    contacts: number;
    accepted: number;
    /** Contacts who complained or asked not to be written to (do-not-contact). */
    complaints: number;
    countriesTargeted: number;
    countriesReached: number;
  };
  countries: ReportCountry[];
  perDay: { day: string; sent: number; replies: number }[];
  failureReasons: ReasonGroup[];
  /** Bounces that say nothing against the address: a full mailbox, a size limit, a delay that expired… */
  bounceReasons: ReasonGroup[];
  /**
   * Bounces (and delays) that refused how the letter was sent or what it contained (`rejected-sender`,
   * `rejected-content`), grouped by the server's words: ours to fix, the addresses may be fine.
   */
  deliverabilityProblems: ReasonGroup[];
  complaints: {
    contact: string;
    country: string;
    organisation: string;
    /** `abuse`, `unsubscribe`… */
    complaint: string;
    from: string;
    date: string;
  }[];
  replies: {
    contact: string;
    country: string;
    organisation: string;
    name: string;
    from: string;
    date: string;
  }[];
  contacts: StatusRow[];
}

export interface ReportInput {
  campaign: { id: string; name: string };
  generatedAt: string;
  rows: readonly StatusRow[];
  tracks: ReadonlyMap<string, ContactTrack>;
  sentPerDay: ReadonlyMap<string, number>;
  repliesPerDay: ReadonlyMap<string, number>;
  memberStates: readonly { code: string; name: string; status: string }[];
}

export function buildReportData(input: ReportInput): ReportData {
  const byCountry = new Map<string, StatusRow[]>();
  for (const r of input.rows) {
    if (!r.country) continue;
    const list = byCountry.get(r.country) ?? [];
    list.push(r);
    byCountry.set(r.country, list);
  }
  const names = new Map(input.memberStates.map((m) => [m.code, m]));
  const codes = [...new Set([...input.memberStates.map((m) => m.code), ...byCountry.keys()])];
  const countries = codes
    .map((code) => countryLine(code, names.get(code), byCountry.get(code) ?? []))
    .sort((a, b) => a.name.localeCompare(b.name));

  const perDay = everyDay([...input.sentPerDay.keys(), ...input.repliesPerDay.keys()]).map((day) => ({
    day,
    sent: input.sentPerDay.get(day) ?? 0,
    replies: input.repliesPerDay.get(day) ?? 0,
  }));

  const { failureReasons, bounceReasons, deliverabilityProblems } = reasonGroups(input);
  const replies = input.rows
    .filter((r) => r.state === "replied")
    .map((r) => {
      const reply = input.tracks.get(r.contact)?.reply;
      return {
        contact: r.contact,
        country: r.country,
        organisation: r.organisation,
        name: r.name,
        from: reply?.from ?? (reply?.via === "mark" ? "(marked)" : ""),
        date: (reply?.date ?? reply?.at ?? "").slice(0, 10),
      };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.contact.localeCompare(b.contact));
  const complaints = complaintsOf(input);

  const targeted = countries.filter((c) => c.contacts > 0);
  return {
    campaign: input.campaign,
    generatedAt: input.generatedAt,
    totals: {
      ...countStates(input.rows),
      contacts: input.rows.length,
      accepted: input.rows.filter((r) => r.accepted).length,
      complaints: complaints.length,
      countriesTargeted: targeted.length,
      countriesReached: targeted.filter((c) =>
        ["replied", "delivered-by-partner", "auto-replied", "sent"].includes(c.mapStatus),
      ).length,
    },
    countries,
    perDay,
    failureReasons,
    bounceReasons,
    deliverabilityProblems,
    complaints,
    replies,
    contacts: [...input.rows],
  };
}

/** Failures, bounces and deliverability problems, each grouped by the server's words. */
function reasonGroups(
  input: ReportInput,
): Pick<ReportData, "failureReasons" | "bounceReasons" | "deliverabilityProblems"> {
  const failed = input.rows.filter((r) => r.state === "failed");
  const deliverability = input.rows.filter((r) => DELIVERABILITY.has(r.bounceReason));
  const bounced = input.rows.filter((r) => r.state === "bounced" && !DELIVERABILITY.has(r.bounceReason));
  const bounceWords = (r: StatusRow) => {
    const t = input.tracks.get(r.contact);
    const b = t?.hardBounce ?? t?.lastSoftBounce;
    return `${r.bounceReason || "other"}: ${[b?.status, b?.diagnostic].filter(Boolean).join(" ") || "no details"}`;
  };
  return {
    failureReasons: groupReasons(failed, (r) => input.tracks.get(r.contact)?.response ?? "unknown"),
    bounceReasons: groupReasons(bounced, bounceWords),
    deliverabilityProblems: groupReasons(deliverability, bounceWords),
  };
}

function complaintsOf(input: ReportInput): ReportData["complaints"] {
  return input.rows
    .filter((r) => r.complaint)
    .map((r) => {
      const c = input.tracks.get(r.contact)?.complaint;
      return {
        contact: r.contact,
        country: r.country,
        organisation: r.organisation,
        complaint: r.complaint,
        from: c?.from ?? "",
        date: (c?.at ?? "").slice(0, 10),
      };
    });
}

function countryLine(
  code: string,
  state: { name: string; status: string } | undefined,
  rows: readonly StatusRow[],
): ReportCountry {
  const has = (s: ContactState) => rows.filter((r) => r.state === s).length;
  let mapStatus: CountryMapStatus = "no-contacts";
  for (const s of COUNTRY_STATUS_ORDER) {
    if (s !== "no-contacts" && rows.some((r) => r.state === s)) {
      mapStatus = s;
      break;
    }
  }
  return {
    code,
    name: state?.name ?? code,
    membership: state?.status ?? "other",
    mapStatus,
    contacts: rows.length,
    languages: [...new Set(rows.map((r) => r.language).filter(Boolean))].sort(),
    partners: [...new Set(rows.map((r) => r.partner).filter(Boolean))].sort(),
    sent: rows.filter((r) => r.accepted).length,
    failed: has("failed"),
    bounced: has("bounced"),
    replied: has("replied"),
    byHand: rows.filter((r) => r.delivery === "partner").length,
    deliveredByPartner: has("delivered-by-partner"),
  };
}

/** The days from the first to the last given (so quiet days show as gaps), or just the given days past a year. */
function everyDay(days: readonly string[]): string[] {
  const sorted = [...new Set(days)].filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return sorted;
  const start = Date.parse(`${first}T00:00:00Z`);
  const span = Math.round((Date.parse(`${last}T00:00:00Z`) - start) / 86_400_000);
  if (span > 366) return sorted;
  return Array.from({ length: span + 1 }, (_, i) =>
    new Date(start + i * 86_400_000).toISOString().slice(0, 10),
  );
}

/** Group by reason text with addresses and queue ids blanked, so "User unknown" for ten people is one line. */
function groupReasons(rows: readonly StatusRow[], reasonOf: (r: StatusRow) => string): ReasonGroup[] {
  const groups = new Map<string, ReasonGroup>();
  for (const r of rows) {
    const reason = normaliseReason(reasonOf(r));
    const g = groups.get(reason) ?? { reason, count: 0, contacts: [] };
    g.count += 1;
    g.contacts.push({ id: r.contact, country: r.country, organisation: r.organisation });
    groups.set(reason, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

export function normaliseReason(reason: string): string {
  return reason
    .replace(/<?[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+>?/g, "<address>")
    .replace(/\bqueued as \w+/gi, "queued")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 160);
}
