/**
 * The campaign as tracking sees it: the loaded campaign (directory, member states, partners) and one
 * `CampaignTarget` per planned contact, with the Message-ID its letter carries. Effects: reads files.
 * Plan problems (a missing template, say) do not stop tracking: what was sent is still worth seeing.
 */
import { buildPlan, type Plan } from "../campaign/build-plan.js";
import { loadCampaign, type LoadedCampaign } from "../campaign/load-campaign.fs.js";
import { messageIdFor } from "../render/message-id.js";
import type { CampaignTarget } from "./status-rows.js";

export interface TrackedCampaign {
  loaded: LoadedCampaign;
  plan: Plan;
  targets: CampaignTarget[];
}

export async function loadTrackedCampaign(workspace: string, campaignId: string): Promise<TrackedCampaign> {
  const loaded = await loadCampaign(workspace, campaignId);
  const plan = buildPlan(loaded);
  return { loaded, plan, targets: targetsOf(plan, campaignId) };
}

export function targetsOf(plan: Plan, campaignId: string): CampaignTarget[] {
  return plan.entries.map((entry) => ({
    contactId: entry.contact.id,
    country: entry.country,
    organisation: entry.contact.organisation,
    name: entry.contact.name,
    email: entry.contact.email,
    language: entry.language,
    ...(entry.partner ? { partner: entry.partner.id } : {}),
    delivery: entry.delivery,
    messageId: messageIdFor(campaignId, entry.contact.id, plan.campaign.messageIdDomain),
    directoryStatus: entry.contact.status,
  }));
}
