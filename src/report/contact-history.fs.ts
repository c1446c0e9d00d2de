/**
 * `outreach directory history <contact>`: every event for one contact across every campaign's ledger.
 * Effects: reads files. Each ledger is streamed; only the contact's events are kept.
 */
import { readdir } from "node:fs/promises";
import type { Problem } from "../core/errors.js";
import { workspacePaths } from "../core/workspace.js";
import { bounceVerdictOf, type LedgerEvent } from "../ledger/ledger-event-schema.js";
import { forEachLedgerEvent } from "../ledger/ledger-file.fs.js";
import { createStatusFold, detailOf, stateOf, type ContactState } from "../ledger/fold-status.js";

export async function readContactHistory(
  workspace: string,
  contactId: string,
): Promise<{ events: LedgerEvent[]; problems: Problem[] }> {
  const paths = workspacePaths(workspace);
  let campaigns: string[];
  try {
    campaigns = (await readdir(paths.campaignsDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { events: [], problems: [] };
    throw e;
  }
  const events: LedgerEvent[] = [];
  const problems: Problem[] = [];
  for (const campaign of campaigns.sort()) {
    await forEachLedgerEvent(paths.ledger(campaign), problems, (e) => {
      if (e.contact === contactId) events.push(e);
    });
  }
  // Stable sort: events with the same time keep their ledger order.
  return { events: events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)), problems };
}

/**
 * Where the contact stands in each campaign of its history, campaigns in name order: the same fold, state
 * and detail as `status` (whose rows add only what the plan knows, e.g. a directory status).
 */
export function historyStates(
  events: readonly LedgerEvent[],
): { campaign: string; state: ContactState; detail: string }[] {
  const folds = new Map<string, ReturnType<typeof createStatusFold>>();
  for (const e of events) {
    let fold = folds.get(e.campaign);
    if (!fold) folds.set(e.campaign, (fold = createStatusFold(e.campaign)));
    fold.add(e);
  }
  return [...folds.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([campaign, fold]) => {
      const track = fold.tracks.values().next().value;
      const state = stateOf(track);
      return { campaign, state, detail: detailOf(track, state) };
    });
}

/** One line of text describing an event, for the history table. */
export function describeEvent(e: LedgerEvent): string {
  const text = describeEventText(e);
  // Imported mail that was not verified as ours is listed, marked, so nobody takes a forgery at its word.
  return "verified" in e && e.verified === false ? `${text} (unverified: not counted)` : text;
}

function describeEventText(e: LedgerEvent): string {
  switch (e.type) {
    case "attempt":
      return `attempt ${e.attempt} via ${e.transport} to ${e.email} (${e.language})`;
    case "sent":
      return `accepted: ${e.response}`;
    case "deferred":
      return `deferred: ${e.response}${e.retryAt ? `; retry after ${e.retryAt}` : ""}`;
    case "failed":
      return `failed: ${e.response}`;
    case "skipped":
      return `skipped: ${e.reason}`;
    case "bounced": {
      const { reason, permanent } = bounceVerdictOf(e);
      const what = `${e.kind} bounce (${reason}${permanent ? ", permanent" : ""})${e.recipient ? ` for ${e.recipient}` : ""}`;
      return `${what} ${[e.status, e.diagnostic].filter(Boolean).join(" ")}`.trim();
    }
    case "complaint":
      return `complaint (${e.feedbackType ?? e.source})${e.from ? ` from ${e.from}` : ""}${e.subject ? `: ${e.subject}` : ""}`;
    case "auto-replied":
      return `auto-reply${e.from ? ` from ${e.from}` : ""}${e.subject ? `: ${e.subject}` : ""}`;
    case "replied":
      return `reply${e.from ? ` from ${e.from}` : ""}${e.date ? ` on ${e.date}` : ""}${e.subject ? `: ${e.subject}` : ""}`;
    case "marked":
      return `marked ${e.outcome}${e.attempt !== undefined ? ` (attempt ${e.attempt})` : ""}${e.by ? ` by ${e.by}` : ""}${e.date ? ` on ${e.date}` : ""}${e.note ? `: ${e.note}` : ""}`;
    case "unmarked":
      return `undid the mark ${e.outcome} of ${e.markedAt}${e.by ? ` by ${e.by}` : ""}${e.note ? `: ${e.note}` : ""}`;
  }
}
