/**
 * Partner returns: the CSV a partner sends back (the pack's contacts.csv with outcome, date and notes
 * filled in) becomes `marked` ledger events, validated row by row, without duplicates, and only for the
 * partner's own countries. Input: workspace, campaign, the returned file. Output: what was recorded and
 * every rejected row with all of its problems (`file:line field: message`). Effects: reads the file and the ledger, sets directory
 * statuses (do-not-contact) through the contacts store, appends to the ledger.
 */
import { readFile } from "node:fs/promises";
import { loadTrackedCampaign, type CampaignTarget } from "../campaign/campaign-targets.fs.js";
import type { Partner } from "../contacts/partner-schema.js";
import { setDirectoryStatus } from "../contacts/directory-status.fs.js";
import type { Clock } from "../core/clock.js";
import { InputError, isOutreachError, type Problem } from "../core/errors.js";
import { statRegularFile } from "../core/regular-file.fs.js";
import { workspacePaths } from "../core/workspace.js";
import type { MarkedEvent } from "../ledger/ledger-event-schema.js";
import { appendLedgerEvents, forEachLedgerEvent } from "../ledger/ledger-file.fs.js";
import { markedEvent, markKey } from "./mark-outcome.js";
import { parseReturnedCsv, type RejectedPartnerRow, type ReturnedOutcome } from "./partner-csv.js";

export interface PartnerImportResult {
  /** The partner the file was read for (`--partner`), or undefined for the organiser's own import. */
  partner: string | undefined;
  recorded: MarkedEvent[];
  /** Outcomes the ledger (or an earlier row of the file) already holds: not recorded again. */
  duplicates: number;
  /** Rows without an outcome ("no news"). */
  blank: number;
  /** Data rows in the file. */
  rows: number;
  /** Rows not recorded, one each however many problems it has. */
  rejected: RejectedPartnerRow[];
  /** Problems not of one row: the whole file (no contact_id column), the directory (a warning). */
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
  const { loaded, targets } = await loadTrackedCampaign(workspace, campaignId);
  const partner = options.partner ? findPartner(loaded.partners, options.partner) : undefined;
  const text = await readReturnedFile(csvPath);
  const ledgerPath = workspacePaths(workspace).ledger(campaignId);
  const ledger = await readMarksAndContacts(ledgerPath);
  const known = new Set([...targets.map((t) => t.contactId), ...ledger.contacts]);
  const countryOf = countryOfContacts(targets, loaded.contacts);
  const parsed = parseReturnedCsv(text, csvPath, {
    knownContacts: known,
    ...(partner
      ? { outOfScope: (contact: string) => outsidePartner(partner, contact, countryOf.get(contact)) }
      : {}),
  });
  const partnerOfContact = new Map(targets.map((t) => [t.contactId, t.partner]));
  const byOf = (contact: string) => `partner:${partner?.id ?? partnerOfContact.get(contact) ?? "unknown"}`;
  const at = new Date(clock.now()).toISOString();
  const { recorded, duplicates } = newMarks(
    parsed.outcomes,
    { at, campaign: campaignId, byOf },
    ledger.marks,
  );

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
    partner: partner?.id,
    recorded,
    duplicates,
    blank: parsed.blank,
    rows: parsed.rows,
    rejected: parsed.rejected,
    problems: [...parsed.problems, ...directory.problems],
    directoryUpdated: directory.changed,
  };
}

function findPartner(partners: readonly Partner[], id: string): Partner {
  const partner = partners.find((p) => p.id === id);
  if (!partner) throw new InputError("E_PARTNER_UNKNOWN", `no partner "${id}" in contacts/partners.csv`);
  return partner;
}

async function readReturnedFile(csvPath: string): Promise<string> {
  try {
    // A FIFO or device would block or never end: refuse it before opening.
    await statRegularFile(csvPath);
    return await readFile(csvPath, "utf8");
  } catch (e) {
    if (isOutreachError(e)) throw e;
    throw new InputError(
      "E_PARTNER_CSV_READ",
      `cannot read ${csvPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

/** One pass over the ledger: the marks already recorded (by key) and every contact it names. */
async function readMarksAndContacts(
  ledgerPath: string,
): Promise<{ marks: Set<string>; contacts: Set<string> }> {
  const marks = new Set<string>();
  const contacts = new Set<string>();
  await forEachLedgerEvent(ledgerPath, [], (e) => {
    contacts.add(e.contact);
    if (e.type === "marked") marks.add(markKey(e));
  });
  return { marks, contacts };
}

/** The outcomes as `marked` events, leaving out those the ledger (or an earlier row) already holds. */
function newMarks(
  outcomes: readonly ReturnedOutcome[],
  base: { at: string; campaign: string; byOf: (contact: string) => string },
  existing: Set<string>,
): { recorded: MarkedEvent[]; duplicates: number } {
  const recorded: MarkedEvent[] = [];
  let duplicates = 0;
  for (const o of outcomes) {
    const event = markedEvent({
      at: base.at,
      campaign: base.campaign,
      contact: o.contact,
      outcome: o.outcome,
      note: o.note,
      date: o.date,
      by: base.byOf(o.contact),
    });
    const key = markKey(event);
    if (existing.has(key)) {
      duplicates += 1;
      continue;
    }
    existing.add(key);
    recorded.push(event);
  }
  return { recorded, duplicates };
}

/** Contact id → country: the campaign's targets first, then the directory (for contacts only the ledger knows). */
function countryOfContacts(
  targets: readonly CampaignTarget[],
  contacts: readonly { id: string; country: string }[],
): Map<string, string> {
  const map = new Map(contacts.map((c) => [c.id, c.country]));
  for (const t of targets) map.set(t.contactId, t.country);
  return map;
}

/**
 * A partner speaks for its own countries only: an outcome for a contact elsewhere (a typo, or a CSV
 * edited to mark another country's ministries) is rejected `file:line`, never recorded. Returns why, or
 * undefined for a contact of the partner's countries.
 */
function outsidePartner(partner: Partner, contact: string, country: string | undefined): string | undefined {
  const countries = new Set(partner.countries.map((c) => c.toUpperCase()));
  if (country && countries.has(country.toUpperCase())) return undefined;
  return `contact "${contact}" is ${country ? `in ${country}` : "of no known country"}, not one of partner ${partner.id}'s countries (${partner.countries.join(", ")}); not recorded`;
}
