/**
 * Tracking's main read path: load the campaign's targets, stream its ledger through the status fold,
 * and join the two. Input: workspace and campaign id. Output: status rows, the fold, ledger problems.
 * Effects: reads files only. The ledger is streamed, never held in memory.
 */
import type { Problem } from "../core/errors.js";
import { workspacePaths } from "../core/workspace.js";
import { forEachLedgerEvent } from "../ledger/ledger-file.fs.js";
import { loadTrackedCampaign, type TrackedCampaign } from "./campaign-targets.fs.js";
import { createStatusFold, type StatusFold } from "./fold-status.js";
import { buildStatusRows, type CampaignTarget, type StatusRow } from "./status-rows.js";

export interface CampaignStatus {
  tracked: TrackedCampaign;
  fold: StatusFold;
  rows: StatusRow[];
  /** Torn last line (warning) and invalid lines (errors) of the ledger. */
  ledgerProblems: Problem[];
}

export async function readCampaignStatus(workspace: string, campaignId: string): Promise<CampaignStatus> {
  const tracked = await loadTrackedCampaign(workspace, campaignId);
  const { fold, problems } = await foldLedgerFile(workspacePaths(workspace).ledger(campaignId), campaignId);
  return { tracked, fold, rows: buildStatusRows(tracked.targets, fold.tracks), ledgerProblems: problems };
}

export async function foldLedgerFile(
  path: string,
  campaignId: string,
): Promise<{ fold: StatusFold; problems: Problem[] }> {
  const problems: Problem[] = [];
  const fold = createStatusFold(campaignId);
  await forEachLedgerEvent(path, problems, (event) => fold.add(event));
  return { fold, problems };
}

export function statusRowsFor(targets: readonly CampaignTarget[], fold: StatusFold): StatusRow[] {
  return buildStatusRows(targets, fold.tracks);
}
