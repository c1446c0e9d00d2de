/**
 * Who to send to in this run. Pure: input is the planned recipients, the folded ledger of this campaign,
 * when other campaigns last mailed each contact, and the user's filters; output is the jobs to send, the
 * contacts to record as skipped, the uncertain ones, and counts of what is already done.
 *
 * Resume = planned, with no `sent`, `failed` or uncertain record. Uncertain contacts go out again only
 * with `retryUncertain` (the user decided).
 */
import type { ContactSendRecord, LedgerFold } from "../ledger/fold-ledger.js";
import { domainOf } from "./limiter.js";

export interface PlannedRecipient {
  contactId: string;
  country: string;
  language: string;
  email: string;
  /** Directory status: active, bounced, do-not-contact. */
  status: string;
  /** The caller's handle on the recipient (e.g. its plan entry's index), passed through to its job. */
  ref?: number;
}

export interface SendJob {
  contactId: string;
  country: string;
  language: string;
  email: string;
  domain: string;
  /** Number of the next attempt (1 for a first attempt). */
  attempt: number;
  /** Not before this time (ms), for a deferred message whose retry time has not come. */
  notBefore?: number;
  /** The recipient's `ref`, when it had one. */
  ref?: number;
}

export interface SkipDecision {
  recipient: PlannedRecipient;
  reason: string;
}

export interface Selection {
  jobs: SendJob[];
  /** Skips to record now (a contact already recorded with the same reason is not repeated). */
  newSkips: SkipDecision[];
  /** All contacts skipped in this run, including ones recorded before. */
  skipped: SkipDecision[];
  uncertain: { recipient: PlannedRecipient; record: ContactSendRecord }[];
  alreadySent: number;
  alreadyFailed: number;
  /** Left out by --country or --limit. */
  notSelected: number;
  /** Of those, left out by --limit only: they would go in a later run. */
  overLimit: number;
}

export interface SelectOptions {
  now: number;
  /** ISO country codes to keep (upper case); empty or undefined keeps all. */
  countries?: readonly string[];
  /** At most this many jobs in this run. */
  limit?: number;
  retryUncertain: boolean;
  minDaysBetweenCampaigns: number;
  /** Latest `sent` to each contact by another campaign of the workspace. */
  lastSentElsewhere: ReadonlyMap<string, { campaign: string; at: number }>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function selectRecipients(
  planned: Iterable<PlannedRecipient>,
  fold: LedgerFold,
  options: SelectOptions,
): Selection {
  const countries =
    options.countries && options.countries.length > 0
      ? new Set(options.countries.map((c) => c.toUpperCase()))
      : undefined;
  const out: Selection = {
    jobs: [],
    newSkips: [],
    skipped: [],
    uncertain: [],
    alreadySent: 0,
    alreadyFailed: 0,
    notSelected: 0,
    overLimit: 0,
  };
  for (const r of planned) {
    if (countries && !countries.has(r.country.toUpperCase())) {
      out.notSelected += 1;
      continue;
    }
    const record = fold.get(r.contactId);
    const state = record?.state ?? { kind: "pending" as const };
    if (state.kind === "sent") {
      out.alreadySent += 1;
      continue;
    }
    if (state.kind === "failed") {
      out.alreadyFailed += 1;
      continue;
    }
    if (state.kind === "uncertain" && record) {
      out.uncertain.push({ recipient: r, record });
      if (!options.retryUncertain) continue;
    }
    const reason = skipReason(r, record, options);
    if (reason) {
      const decision = { recipient: r, reason };
      out.skipped.push(decision);
      if (!(state.kind === "skipped" && state.reason === reason)) out.newSkips.push(decision);
      continue;
    }
    if (options.limit !== undefined && out.jobs.length >= options.limit) {
      out.notSelected += 1;
      out.overLimit += 1;
      continue;
    }
    const job: SendJob = {
      contactId: r.contactId,
      country: r.country,
      language: r.language,
      email: r.email,
      domain: domainOf(r.email),
      attempt: (record?.attempts ?? 0) + 1,
      ...(r.ref !== undefined ? { ref: r.ref } : {}),
    };
    if (state.kind === "deferred" && state.retryAt) {
      const at = Date.parse(state.retryAt);
      if (Number.isFinite(at) && at > options.now) job.notBefore = at;
    }
    out.jobs.push(job);
  }
  return out;
}

function skipReason(
  r: PlannedRecipient,
  record: ContactSendRecord | undefined,
  options: SelectOptions,
): string | undefined {
  if (r.status === "do-not-contact" || record?.doNotContact) return "do-not-contact";
  if (r.status === "bounced") return "bounced";
  if (options.minDaysBetweenCampaigns > 0) {
    const last = options.lastSentElsewhere.get(r.contactId);
    if (last && options.now - last.at < options.minDaysBetweenCampaigns * DAY_MS)
      return `too-recent: mailed by campaign ${last.campaign}`;
  }
  return undefined;
}
