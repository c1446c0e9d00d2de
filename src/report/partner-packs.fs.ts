/**
 * Partner coordination, export: one folder per partner with its countries' contacts and their status
 * (CSV), the rendered letters (HTML and .eml) for delivery by hand, and an instruction file. What the
 * partner sends back is read by src/inbox/import-partner-returns.fs.ts. Effects: writes the pack files
 * atomically.
 */
import { join, resolve } from "node:path";
import { buildPlan, type Plan, type PlanEntry } from "../campaign/build-plan.js";
import { trackCampaign } from "../campaign/campaign-targets.fs.js";
import { loadCampaign, type LoadedCampaign } from "../campaign/load-campaign.fs.js";
import type { Language } from "../contacts/contact-schema.js";
import type { Partner } from "../contacts/partner-schema.js";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import { withCspMeta } from "../core/content-security-policy.js";
import type { Clock } from "../core/clock.js";
import { InputError, isOutreachError, type Problem } from "../core/errors.js";
import { readWorkspaceSecret } from "../core/workspace-secret.fs.js";
import { workspacePaths } from "../core/workspace.js";
import { composeEml } from "../render/compose-eml.js";
import { createRenderer } from "../render/create-renderer.js";
import { stringifyPartnerCsv, type PartnerCsvRow } from "../inbox/partner-csv.js";
import { partnerCatalogue } from "../translations/export-translation.fs.js";
import { statusOf } from "./campaign-status.fs.js";
import type { StatusRow } from "./status-rows.js";
import { partnerReadme } from "./partner-readme.js";

export interface PartnerPack {
  partner: string;
  dir: string;
  contacts: number;
  letters: number;
  /** The README's language: the partner's for Spanish and French, otherwise English. */
  readmeLanguage: string;
  /** Languages of the pack's letters whose translation is not reviewed (said in README.txt too). */
  unreviewed: string[];
  /** Every file written, in the order written. */
  files: string[];
}

type Renderer = Awaited<ReturnType<typeof createRenderer>>;

/**
 * Adds to a partner's pack what a later stage makes (its languages' page and PDFs, one PDF per contact
 * it delivers by hand: src/publish/), given by the composition root; returns the paths written.
 */
export type PackLetters = (pack: {
  partner: Partner;
  dir: string;
  entries: readonly PlanEntry[];
  loaded: LoadedCampaign;
  renderer: Renderer;
  problems: Problem[];
}) => Promise<string[]>;

export interface PartnerExportResult {
  packs: PartnerPack[];
  /** Letters that could not be rendered (a missing merge field, say); the rest of the pack is written. */
  problems: Problem[];
}

export async function exportPartnerPacks(
  workspace: string,
  campaignId: string,
  options: { partner?: string; out?: string; addLetters?: PackLetters | undefined },
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
  const problems: Problem[] = [];
  const packs: PartnerPack[] = [];
  for (const partner of partners) {
    const at = { dir: join(outDir, partner.id), date, campaignId, rowsById, addLetters: options.addLetters };
    packs.push(await writePack(loaded, plan, renderer, partner, at, problems));
  }
  return { packs, problems };
}

/** One partner's folder: letters, contacts.csv and README.txt; letters that cannot be rendered go to `problems`. */
async function writePack(
  loaded: LoadedCampaign,
  plan: Plan,
  renderer: Renderer,
  partner: Partner,
  at: {
    dir: string;
    date: Date;
    campaignId: string;
    rowsById: ReadonlyMap<string, StatusRow>;
    addLetters?: PackLetters | undefined;
  },
  problems: Problem[],
): Promise<PartnerPack> {
  const { dir } = at;
  const entries = plan.entries.filter((e) => partner.countries.includes(e.country));
  const files: string[] = [];
  const lettersIn = new Set<string>();
  const csvRows: PartnerCsvRow[] = [];
  for (const entry of entries) {
    const written = await writeLetter(renderer, entry, dir, at.date, problems);
    files.push(...written.map((f) => join(dir, f)));
    if (written.length > 0) lettersIn.add(entry.language);
    const row = at.rowsById.get(entry.contact.id);
    csvRows.push(partnerRow(entry, row?.state ?? "planned", row?.detail ?? "", written[0] ?? ""));
  }
  if (at.addLetters)
    files.push(...(await at.addLetters({ partner, dir, entries, loaded, renderer, problems })));
  await writeFileAtomic(join(dir, "contacts.csv"), stringifyPartnerCsv(csvRows));
  const letters = csvRows.filter((r) => r.letter !== "").length;
  // A letter in the pack whose translation nobody checked yet: the partner is told before delivering it.
  const unreviewed = [...lettersIn]
    .filter((l) => loaded.campaign.letters[l as Language]?.reviewed !== true)
    .sort();
  // The partner's language as a PO file to correct and send back (src/translations), said in the README.
  const catalogue = await partnerCatalogue(loaded, partner.language, at.date);
  if (catalogue) await writeFileAtomic(join(dir, catalogue.name), catalogue.text);
  const readme = partnerReadme({
    partnerName: partner.name,
    campaignName: loaded.campaign.name,
    campaignId: at.campaignId,
    partnerId: partner.id,
    countries: partner.countries,
    contacts: entries.length,
    byHand: entries.filter((e) => e.delivery === "partner").length,
    letters,
    language: partner.language,
    unreviewed,
    signOnAddress: loaded.campaign.signOnAddress ?? loaded.campaign.replyTo?.email,
    ...(catalogue ? { translationFile: catalogue.name } : {}),
    site: at.addLetters !== undefined,
  });
  await writeFileAtomic(join(dir, "README.txt"), readme.text);
  files.push(
    join(dir, "contacts.csv"),
    join(dir, "README.txt"),
    ...(catalogue ? [join(dir, catalogue.name)] : []),
  );
  const pack = { partner: partner.id, dir, contacts: entries.length, letters };
  return { ...pack, readmeLanguage: readme.language, unreviewed, files };
}

/** The contact's letter as HTML, and as .eml when it has an address; the paths written, relative to `dir`. */
async function writeLetter(
  renderer: Renderer,
  entry: PlanEntry,
  dir: string,
  date: Date,
  problems: Problem[],
): Promise<string[]> {
  try {
    const message = renderer.render(entry);
    const base = join("letters", safeFileName(entry.contact.id));
    // The HTML copy is opened in a browser by the partner: it gets the no-script policy; the .eml stays as sent.
    await writeFileAtomic(join(dir, `${base}.html`), withCspMeta(message.mail.html));
    // A letter for a contact without an address is for printing only; an .eml needs a recipient.
    if (!message.mail.to.address) return [`${base}.html`];
    await writeFileAtomic(join(dir, `${base}.eml`), await composeEml(message.mail, date));
    return [`${base}.html`, `${base}.eml`];
  } catch (e) {
    if (!isOutreachError(e)) throw e;
    problems.push(...(e.problems.length ? e.problems : [{ message: `${entry.contact.id}: ${e.message}` }]));
    return [];
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
