/**
 * Tracking's main read path: load the campaign's targets, stream its ledger through the status fold,
 * and join the two. Input: workspace and campaign id. Output: status rows, the fold, ledger problems.
 * Effects: reads files only. The ledger is streamed, never held in memory.
 */
import type { Problem } from "../core/errors.js";
import { workspacePaths } from "../core/workspace.js";
import { forEachLedgerEvent } from "../ledger/ledger-file.fs.js";
import { loadTrackedCampaign, type TrackedCampaign } from "../campaign/campaign-targets.fs.js";
import { createStatusFold, type StatusFold } from "../ledger/fold-status.js";
import { readSignatoryRevision } from "../campaign/signatories-file.fs.js";
import { buildStatusRows, markSignatoryLists, type StatusRow } from "./status-rows.js";

export interface CampaignStatus {
  tracked: TrackedCampaign;
  fold: StatusFold;
  rows: StatusRow[];
  /** Torn last line (warning) and invalid lines (errors) of the ledger. */
  ledgerProblems: Problem[];
}

/**
 * With `withRehearsals`, contacts still planned whose letter was written to the outbox by a rehearsal say
 * so in their detail (`status` shows it; reports and partner packs do not: a rehearsal is not news).
 * The state stays `planned`: a rehearsal is never delivery.
 */
export async function readCampaignStatus(
  workspace: string,
  campaignId: string,
  options: { withRehearsals?: boolean } = {},
): Promise<CampaignStatus> {
  return statusOf(workspace, await loadTrackedCampaign(workspace, campaignId), options);
}

/** The status of a campaign whose targets are already known (partner packs plan the whole campaign). */
export async function statusOf(
  workspace: string,
  tracked: TrackedCampaign,
  options: { withRehearsals?: boolean } = {},
): Promise<CampaignStatus> {
  const paths = workspacePaths(workspace);
  const campaignId = tracked.loaded.campaign.id;
  const { fold, problems, signatoryRevisions } = await foldLedgerFile(paths.ledger(campaignId), campaignId);
  const rows = buildStatusRows(tracked.targets, fold.tracks);
  markSignatoryLists(rows, signatoryRevisions, await readSignatoryRevision(tracked.loaded.paths.signatories));
  if (options.withRehearsals) {
    const rehearsed = await readRehearsed(paths.rehearsalLog(campaignId), problems);
    for (const r of rows) {
      const at = rehearsed.get(r.contact);
      if (r.state === "planned" && at)
        r.detail = `rehearsed ${at.slice(0, 16).replace("T", " ")} UTC (outbox only, not delivered)`;
    }
  }
  return { tracked, fold, rows, ledgerProblems: problems };
}

/** Last time each contact's letter was written to the outbox by a rehearsal. */
async function readRehearsed(path: string, problems: Problem[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await forEachLedgerEvent(path, problems, (e) => {
    if (e.type === "sent") out.set(e.contact, e.at);
  });
  return out;
}

export async function foldLedgerFile(
  path: string,
  campaignId: string,
): Promise<{ fold: StatusFold; problems: Problem[]; signatoryRevisions: Map<string, string> }> {
  const problems: Problem[] = [];
  const fold = createStatusFold(campaignId);
  // Which signatory list each contact's accepted message printed (its latest `sent` event says).
  const signatoryRevisions = new Map<string, string>();
  await forEachLedgerEvent(path, problems, (event) => {
    fold.add(event);
    if (event.type === "sent" && event.signatoryRevision)
      signatoryRevisions.set(event.contact, event.signatoryRevision);
  });
  return { fold, problems, signatoryRevisions };
}
