/**
 * Partner coordination, export: one folder per partner with its countries' contacts and their status
 * (CSV), the rendered letters (HTML and .eml) for delivery by hand, and an instruction file. What the
 * partner sends back is read by src/inbox/import-partner-returns.fs.ts. Effects: writes the pack files
 * atomically.
 */
import { join, resolve } from "node:path";
import { buildPlan, type PlanEntry } from "../campaign/build-plan.js";
import { trackCampaign } from "../campaign/campaign-targets.fs.js";
import { loadCampaign } from "../campaign/load-campaign.fs.js";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import { withCspMeta } from "../core/content-security-policy.js";
import type { Clock } from "../core/clock.js";
import { InputError, isOutreachError, type Problem } from "../core/errors.js";
import { readWorkspaceSecret } from "../core/workspace-secret.fs.js";
import { workspacePaths } from "../core/workspace.js";
import { composeEml } from "../render/compose-eml.js";
import { createRenderer } from "../render/create-renderer.js";
import { stringifyPartnerCsv, type PartnerCsvRow } from "../inbox/partner-csv.js";
import { statusOf } from "./campaign-status.fs.js";
import { partnerReadme } from "./partner-readme.js";

export interface PartnerPack {
  partner: string;
  dir: string;
  contacts: number;
  letters: number;
}

export interface PartnerExportResult {
  packs: PartnerPack[];
  /** Letters that could not be rendered (a missing merge field, say); the rest of the pack is written. */
  problems: Problem[];
}

export async function exportPartnerPacks(
  workspace: string,
  campaignId: string,
  options: { partner?: string; out?: string },
  clock: Clock,
): Promise<PartnerExportResult> {
  // The whole campaign, templates included: the packs carry the rendered letters.
  const loaded = await loadCampaign(workspace, campaignId);
  const plan = buildPlan(loaded);
  const key = await readWorkspaceSecret(workspacePaths(workspace).secret);
  const status = await statusOf(workspace, trackCampaign(loaded, plan, key));
  const partners = options.partner
    ? loaded.partners.filter((p) => p.id === options.partner)
    : loaded.partners;
  if (options.partner && partners.length === 0) {
    throw new InputError("E_PARTNER_UNKNOWN", `no partner "${options.partner}" in contacts/partners.csv`, {
      hint: `partners: ${loaded.partners.map((p) => p.id).join(", ") || "(none)"}`,
    });
  }
  const outDir = resolve(options.out ?? join(workspacePaths(workspace).campaignDir(campaignId), "partners"));
  const rowsById = new Map(status.rows.map((r) => [r.contact, r]));
  const renderer = await createRenderer(loaded, key ? { messageIdKey: key } : {});
  const date = new Date(clock.now());
  const packs: PartnerPack[] = [];
  const problems: Problem[] = [];
  for (const partner of partners) {
    const countries = new Set(partner.countries);
    const entries = plan.entries.filter((e) => countries.has(e.country));
    const dir = join(outDir, partner.id);
    let letters = 0;
    const csvRows: PartnerCsvRow[] = [];
    for (const entry of entries) {
      const letterFile = await writeLetter(renderer, entry, dir, date, problems);
      if (letterFile) letters += 1;
      const row = rowsById.get(entry.contact.id);
      csvRows.push(partnerRow(entry, row?.state ?? "planned", row?.detail ?? "", letterFile));
    }
    await writeFileAtomic(join(dir, "contacts.csv"), stringifyPartnerCsv(csvRows));
    const readme = partnerReadme({
      partnerName: partner.name,
      campaignName: loaded.campaign.name,
      campaignId,
      partnerId: partner.id,
      countries: partner.countries,
      contacts: entries.length,
      byHand: entries.filter((e) => e.delivery === "partner").length,
      letters,
      language: partner.language,
    });
    await writeFileAtomic(join(dir, "README.txt"), readme.text);
    packs.push({ partner: partner.id, dir, contacts: entries.length, letters });
  }
  return { packs, problems };
}

async function writeLetter(
  renderer: Awaited<ReturnType<typeof createRenderer>>,
  entry: PlanEntry,
  dir: string,
  date: Date,
  problems: Problem[],
): Promise<string> {
  try {
    const message = renderer.render(entry);
    const base = join("letters", safeFileName(entry.contact.id));
    // The HTML copy is opened in a browser by the partner: it gets the no-script policy; the .eml stays as sent.
    await writeFileAtomic(join(dir, `${base}.html`), withCspMeta(message.mail.html));
    // A letter for a contact without an address is for printing only; an .eml needs a recipient.
    if (message.mail.to.address)
      await writeFileAtomic(join(dir, `${base}.eml`), await composeEml(message.mail, date));
    return `${base}.html`;
  } catch (e) {
    if (!isOutreachError(e)) throw e;
    problems.push(...(e.problems.length ? e.problems : [{ message: `${entry.contact.id}: ${e.message}` }]));
    return "";
  }
}

function partnerRow(entry: PlanEntry, state: string, detail: string, letter: string): PartnerCsvRow {
  const c = entry.contact;
  return {
    contact_id: c.id,
    country: entry.country,
    organisation: c.organisation,
    department: c.department,
    honorific: c.honorific,
    name: c.name,
    title: c.title,
    email: c.email,
    phone: c.phone,
    address: c.address,
    language: entry.language,
    delivery: entry.delivery,
    status: state,
    status_detail: detail,
    letter,
    outcome: "",
    date: "",
    notes: "",
  };
}

function safeFileName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, "_");
}
