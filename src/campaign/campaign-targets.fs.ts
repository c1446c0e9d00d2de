/**
 * The campaign as the read paths see it (status, report, inbox import, marks): one `CampaignTarget` per
 * planned contact, with the Message-ID its letter carries (keyed with the workspace key when there is one,
 * as `send` makes them). Loaded through the campaign frame: no template text, signatories or attachments
 * are read, and the plan is built from the same rules `plan` and `send` use. Effects: reads files.
 * Plan problems (a missing template, say) do not stop tracking: what was sent is still worth seeing.
 */
import { workspacePaths } from "../core/workspace.js";
import { readWorkspaceSecret } from "../core/workspace-secret.fs.js";
import { buildPlan, type Plan } from "./build-plan.js";
import { loadCampaignFrame } from "./load-campaign.fs.js";
import type { CampaignFrame } from "./loaded-campaign.js";
import { messageIdFor } from "./message-id.js";

/** One targeted contact as the plan sees it. */
export interface CampaignTarget {
  contactId: string;
  country: string;
  organisation: string;
  name: string;
  email: string;
  language: string;
  partner?: string;
  delivery: "email" | "partner" | "none";
  /** The deterministic Message-ID for this contact's letter. */
  messageId?: string;
  /** The directory's status (active, bounced, do-not-contact); the sender skips all but active. */
  directoryStatus?: string;
}

export interface TrackedCampaign {
  /** The campaign frame (the whole loaded campaign when partner packs built it). */
  loaded: CampaignFrame;
  plan: Plan;
  targets: CampaignTarget[];
  /** The workspace key (`.outreach/secret`), when the workspace has one. */
  messageIdKey?: Buffer;
}

export async function loadTrackedCampaign(workspace: string, campaignId: string): Promise<TrackedCampaign> {
  const frame = await loadCampaignFrame(workspace, campaignId);
  return trackCampaign(frame, buildPlan(frame), await readWorkspaceSecret(workspacePaths(workspace).secret));
}

/** The targets of an already planned campaign (partner packs load the whole campaign to render letters). */
export function trackCampaign(frame: CampaignFrame, plan: Plan, key: Buffer | undefined): TrackedCampaign {
  const targets = targetsOf(plan, frame.campaign.id, key);
  return { loaded: frame, plan, targets, ...(key ? { messageIdKey: key } : {}) };
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
