/**
 * The campaign as tracking sees it: the loaded campaign (directory, member states, partners) and one
 * `CampaignTarget` per planned contact, with the Message-ID its letter carries (keyed with the workspace
 * key when there is one, as `send` makes them). Effects: reads files.
 * Plan problems (a missing template, say) do not stop tracking: what was sent is still worth seeing.
 */
import { buildPlan, type Plan } from "../campaign/build-plan.js";
import { loadCampaign, type LoadedCampaign } from "../campaign/load-campaign.fs.js";
import { workspacePaths } from "../core/workspace.js";
import { readWorkspaceSecret } from "../core/workspace-secret.fs.js";
import { messageIdFor } from "../campaign/message-id.js";
import type { CampaignTarget } from "./status-rows.js";

export interface TrackedCampaign {
  loaded: LoadedCampaign;
  plan: Plan;
  targets: CampaignTarget[];
  /** The workspace key (`.outreach/secret`), when the workspace has one. */
  messageIdKey?: Buffer;
}

export async function loadTrackedCampaign(workspace: string, campaignId: string): Promise<TrackedCampaign> {
  const loaded = await loadCampaign(workspace, campaignId);
  const plan = buildPlan(loaded);
  const key = await readWorkspaceSecret(workspacePaths(workspace).secret);
  return { loaded, plan, targets: targetsOf(plan, campaignId, key), ...(key ? { messageIdKey: key } : {}) };
}

export function targetsOf(plan: Plan, campaignId: string, key?: Uint8Array): CampaignTarget[] {
  return plan.entries.map((entry) => ({
    contactId: entry.contact.id,
    country: entry.country,
    organisation: entry.contact.organisation,
    name: entry.contact.name,
    email: entry.contact.email,
    language: entry.language,
    ...(entry.partner ? { partner: entry.partner.id } : {}),
    delivery: entry.delivery,
    messageId: messageIdFor(campaignId, entry.contact.id, plan.campaign.messageIdDomain, key),
    directoryStatus: entry.contact.status,
  }));
}
