/**
 * What `send` will do, before it does it. Pure: input is the plan's entries, the folded ledger and the
 * selection `selectRecipients` made from them (as `send` makes it); output is, per country, how many
 * messages will go, how many went before, are uncertain, failed for good, or are skipped and why.
 * `plan` prints it; `send` streams the same entries through `plannedRecipients`.
 */
import type { PlanEntry } from "../campaign/build-plan.js";
import type { LedgerFold } from "../ledger/fold-ledger.js";
import type { PlannedRecipient, Selection } from "./select-recipients.js";

/** The plan's email recipients, streamed (a 100k-recipient plan is not copied); `ref` is the entry's index. */
export function* plannedRecipients(entries: readonly PlanEntry[]): Generator<PlannedRecipient> {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!e || e.delivery !== "email") continue;
    yield {
      contactId: e.contact.id,
      country: e.country,
      language: e.language,
      email: e.contact.email,
      status: e.contact.status,
      ref: i,
    };
  }
}

export const SKIP_KINDS = ["bounced", "do-not-contact", "too-recent", "partner", "no-address"] as const;
export type SkipKind = (typeof SKIP_KINDS)[number];

export interface CountryForecast {
  country: string;
  /** Messages the next real send will hand over (now, or at their retry time). */
  toSend: number;
  /** Of those, deferred earlier and waiting for their retry time. */
  retryLater: number;
  alreadySent: number;
  failedBefore: number;
  /** Attempted with no known outcome: not sent again until you decide (`outreach mark … sent|not-sent`). */
  uncertain: number;
  skipped: Record<SkipKind, number>;
}

export function forecastSend(
  entries: readonly PlanEntry[],
  selection: Selection,
  fold: LedgerFold,
): { countries: CountryForecast[]; totals: Omit<CountryForecast, "country"> } {
  const rows = new Map<string, CountryForecast>();
  const row = (country: string) => {
    let r = rows.get(country);
    if (!r) rows.set(country, (r = emptyForecast(country)));
    return r;
  };
  for (const e of entries) {
    const r = row(e.country);
    if (e.delivery === "partner") r.skipped.partner += 1;
    else if (e.delivery === "none") r.skipped["no-address"] += 1;
    else {
      const kind = fold.get(e.contact.id)?.state.kind;
      if (kind === "sent") r.alreadySent += 1;
      else if (kind === "failed") r.failedBefore += 1;
    }
  }
  for (const j of selection.jobs) {
    const r = row(j.country);
    r.toSend += 1;
    if (j.notBefore !== undefined) r.retryLater += 1;
  }
  for (const u of selection.uncertain) row(u.recipient.country).uncertain += 1;
  for (const s of selection.skipped) row(s.recipient.country).skipped[skipKind(s.reason)] += 1;

  const countries = [...rows.values()].sort((a, b) => a.country.localeCompare(b.country));
  const totals = emptyForecast("");
  for (const c of countries) {
    totals.toSend += c.toSend;
    totals.retryLater += c.retryLater;
    totals.alreadySent += c.alreadySent;
    totals.failedBefore += c.failedBefore;
    totals.uncertain += c.uncertain;
    for (const k of SKIP_KINDS) totals.skipped[k] += c.skipped[k];
  }
  const { country: _omit, ...rest } = totals;
  return { countries, totals: rest };
}

function emptyForecast(country: string): CountryForecast {
  return {
    country,
    toSend: 0,
    retryLater: 0,
    alreadySent: 0,
    failedBefore: 0,
    uncertain: 0,
    skipped: { bounced: 0, "do-not-contact": 0, "too-recent": 0, partner: 0, "no-address": 0 },
  };
}

function skipKind(reason: string): SkipKind {
  if (reason === "bounced") return "bounced";
  if (reason === "do-not-contact") return "do-not-contact";
  return "too-recent";
}

/** "bounced 2, too recent 1, by partner 3" — only the kinds that occur. */
export function formatSkips(s: Record<SkipKind, number>): string {
  const words: Record<SkipKind, string> = {
    bounced: "bounced",
    "do-not-contact": "do-not-contact",
    "too-recent": "too recent",
    partner: "by partner",
    "no-address": "no address",
  };
  return SKIP_KINDS.filter((k) => s[k] > 0)
    .map((k) => `${words[k]} ${s[k]}`)
    .join(", ");
}
