/**
 * What a send starts from, read once: the campaign ledger folded to one send state per contact, the last
 * day's real hand-overs (so the hourly, daily and per-domain caps hold across restarts), and when other
 * campaigns of the workspace last mailed each contact. `send` acts on it; `plan` forecasts from it.
 * Effects: reads ledgers only.
 */
import type { Problem } from "../core/errors.js";
import type { WorkspacePaths } from "../core/workspace.js";
import { applyLedgerEvent, createLedgerFold, type LedgerFold } from "../ledger/fold-ledger.js";
import { streamLedger } from "../ledger/ledger-file.fs.js";
import { domainOf } from "./limiter.js";
import { readLastSentElsewhere } from "./recent-contacts.fs.js";

export interface SendState {
  fold: LedgerFold;
  /** Real (smtp) hand-overs of the last day, oldest first. */
  history: { at: number; domain: string }[];
  lastSentElsewhere: Map<string, { campaign: string; at: number }>;
  /** Torn last line (warning) and invalid lines of the ledger. */
  problems: Problem[];
}

export async function readSendState(
  paths: WorkspacePaths,
  campaignId: string,
  options: { now: number; minDaysBetweenCampaigns: number },
): Promise<SendState> {
  const problems: Problem[] = [];
  const fold = createLedgerFold();
  const history: { at: number; domain: string }[] = [];
  const dayAgo = options.now - 86_400_000;
  for await (const e of streamLedger(paths.ledger(campaignId), problems)) {
    applyLedgerEvent(fold, e);
    if (e.type === "attempt" && e.transport === "smtp") {
      const at = Date.parse(e.at);
      if (at > dayAgo) history.push({ at, domain: domainOf(e.email) });
    }
  }
  const lastSentElsewhere =
    options.minDaysBetweenCampaigns > 0
      ? await readLastSentElsewhere(paths, campaignId)
      : new Map<string, { campaign: string; at: number }>();
  return { fold, history, lastSentElsewhere, problems };
}
