/**
 * Partner coordination. Export: one folder per partner with its countries' contacts and their status
 * (CSV), the rendered letters (HTML and .eml) for delivery by hand, and an instruction file. Import:
 * the partner's returned CSV becomes `marked` ledger events, validated row by row, without duplicates.
 * Effects: writes the pack files atomically; appends to the ledger; may set directory statuses.
 */
import { readFile } from "node:fs/promises";
import { statRegularFile } from "../core/regular-file.fs.js";
import { join, resolve } from "node:path";
import type { PlanEntry } from "../campaign/build-plan.js";
import type { Partner } from "../contacts/partner-schema.js";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import { withCspMeta } from "../core/content-security-policy.js";
import type { Clock } from "../core/clock.js";
import { InputError, isOutreachError, type Problem } from "../core/errors.js";
import { workspacePaths } from "../core/workspace.js";
import type { MarkedEvent } from "../ledger/ledger-event-schema.js";
import { appendLedgerEvents, forEachLedgerEvent } from "../ledger/ledger-file.fs.js";
import { composeEml } from "../render/compose-eml.js";
import { createRenderer } from "../render/create-renderer.js";
import { readCampaignStatus } from "./campaign-status.fs.js";
import { setDirectoryStatus } from "./directory-status.fs.js";
import { markedEvent, markKey } from "./mark-outcome.js";
import { parseReturnedCsv, stringifyPartnerCsv, type PartnerCsvRow } from "./partner-csv.js";
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
  const status = await readCampaignStatus(workspace, campaignId);
  const { loaded, plan } = status.tracked;
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
  const renderer = await createRenderer(
    loaded,
    status.tracked.messageIdKey ? { messageIdKey: status.tracked.messageIdKey } : {},
  );
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

export interface PartnerImportResult {
  recorded: MarkedEvent[];
  duplicates: number;
  blank: number;
  /** Rejected rows, as `file:line field: message`. */
  problems: Problem[];
  directoryUpdated: string[];
}

export async function importPartnerCsv(
  workspace: string,
  campaignId: string,
  csvPath: string,
  options: { partner?: string },
  clock: Clock,
): Promise<PartnerImportResult> {
  const status = await readCampaignStatus(workspace, campaignId);
  const { loaded, targets } = status.tracked;
  let partner: Partner | undefined;
  if (options.partner) {
    partner = loaded.partners.find((p) => p.id === options.partner);
    if (!partner)
      throw new InputError("E_PARTNER_UNKNOWN", `no partner "${options.partner}" in contacts/partners.csv`);
  }
  let text: string;
  try {
    // A FIFO or device would block or never end: refuse it before opening.
    await statRegularFile(csvPath);
    text = await readFile(csvPath, "utf8");
  } catch (e) {
    if (isOutreachError(e)) throw e;
    throw new InputError(
      "E_PARTNER_CSV_READ",
      `cannot read ${csvPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const known = new Set([...targets.map((t) => t.contactId), ...status.fold.tracks.keys()]);
  const parsed = parseReturnedCsv(text, csvPath, known);
  const partnerOfContact = new Map(targets.map((t) => [t.contactId, t.partner]));
  const outcomes = partner
    ? keepPartnerScope(
        parsed.outcomes,
        partner,
        csvPath,
        countryOfContacts(targets, loaded.contacts),
        parsed.problems,
      )
    : parsed.outcomes;
  const ledgerPath = workspacePaths(workspace).ledger(campaignId);
  const existing = new Set<string>();
  await forEachLedgerEvent(ledgerPath, [], (e) => {
    if (e.type === "marked") existing.add(markKey(e));
  });
  const at = new Date(clock.now()).toISOString();
  const recorded: MarkedEvent[] = [];
  let duplicates = 0;
  for (const o of outcomes) {
    const by = `partner:${partner?.id ?? partnerOfContact.get(o.contact) ?? "unknown"}`;
    const event = markedEvent({
      at,
      campaign: campaignId,
      contact: o.contact,
      outcome: o.outcome,
      note: o.note,
      date: o.date,
      by,
    });
    const key = markKey(event);
    if (existing.has(key)) {
      duplicates += 1;
      continue;
    }
    existing.add(key);
    recorded.push(event);
  }
  // The directory first, so each do-not-contact mark can record the status it replaced (an undo restores
  // it); a failure between the two leaves the safer state, a contact not written to.
  const dnc = recorded.filter((e) => e.outcome === "do-not-contact").map((e) => e.contact);
  const directory = await setDirectoryStatus(workspacePaths(workspace).directory, dnc, "do-not-contact");
  for (const e of recorded) {
    const previousStatus = e.outcome === "do-not-contact" ? directory.previous.get(e.contact) : undefined;
    if (previousStatus) {
      e.previousStatus = previousStatus;
      directory.previous.delete(e.contact);
    }
  }
  await appendLedgerEvents(ledgerPath, recorded);
  return {
    recorded,
    duplicates,
    blank: parsed.blank,
    problems: [...parsed.problems, ...directory.problems],
    directoryUpdated: directory.changed,
  };
}

/** Contact id → country: the campaign's targets first, then the directory (for contacts only the ledger knows). */
function countryOfContacts(
  targets: readonly { contactId: string; country: string }[],
  contacts: readonly { id: string; country: string }[],
): Map<string, string> {
  const map = new Map(contacts.map((c) => [c.id, c.country]));
  for (const t of targets) map.set(t.contactId, t.country);
  return map;
}

/**
 * A partner speaks for its own countries only: an outcome for a contact elsewhere (a typo, or a CSV
 * edited to mark another country's ministries) is rejected `file:line`, never recorded.
 */
function keepPartnerScope<T extends { line: number; contact: string }>(
  outcomes: readonly T[],
  partner: Partner,
  file: string,
  countryOf: ReadonlyMap<string, string>,
  problems: Problem[],
): T[] {
  const countries = new Set(partner.countries.map((c) => c.toUpperCase()));
  return outcomes.filter((o) => {
    const country = countryOf.get(o.contact);
    if (country && countries.has(country.toUpperCase())) return true;
    problems.push({
      file,
      line: o.line,
      field: "contact_id",
      message: `contact "${o.contact}" is ${country ? `in ${country}` : "of no known country"}, not one of partner ${partner.id}'s countries (${partner.countries.join(", ")}); not recorded`,
    });
    return false;
  });
}
