/**
 * `outreach mark`: record an outcome that happened off-line (reply by phone, meeting held, delivered by
 * a partner, wrong contact, do not contact) as a `marked` ledger event. `do-not-contact` also sets the
 * directory status so no campaign writes to the contact again. Effects: appends to the ledger, may
 * rewrite the directory.
 */
import { access } from "node:fs/promises";
import { readDirectory } from "../contacts/directory-store.fs.js";
import type { Clock } from "../core/clock.js";
import { InputError, type Problem } from "../core/errors.js";
import { workspacePaths } from "../core/workspace.js";
import type { MarkedEvent } from "../ledger/ledger-event-schema.js";
import { appendLedgerEvents, forEachLedgerEvent, streamLedgerBatches } from "../ledger/ledger-file.fs.js";
import { setDirectoryStatus } from "./directory-status.fs.js";
import { markedEvent, markKey, OUTCOME_WORDS, parseEventDate, parseOutcome } from "./mark-outcome.js";

export interface MarkResult {
  event: MarkedEvent;
  /** False when the same mark was already recorded (nothing appended). */
  recorded: boolean;
  directoryUpdated: boolean;
  problems: Problem[];
}

export async function markContact(
  workspace: string,
  campaign: string,
  contact: string,
  outcomeText: string,
  options: { note?: string; date?: string; by?: string },
  clock: Clock,
): Promise<MarkResult> {
  const paths = workspacePaths(workspace);
  const outcome = parseOutcome(outcomeText);
  if (!outcome) {
    throw new InputError(
      "E_MARK_OUTCOME",
      `unknown outcome "${outcomeText}"; use one of ${OUTCOME_WORDS.join(", ")}`,
    );
  }
  const date = options.date === undefined ? undefined : parseEventDate(options.date);
  if (options.date !== undefined && !date) {
    throw new InputError(
      "E_MARK_DATE",
      `--date "${options.date}" is not a date (YYYY-MM-DD or ISO 8601 time)`,
    );
  }
  await access(paths.campaignFile(campaign)).catch(() => {
    throw new InputError(
      "E_CAMPAIGN_NOT_FOUND",
      `no campaign "${campaign}": ${paths.campaignFile(campaign)} does not exist`,
    );
  });
  const { contacts } = await readDirectory(paths.directory);
  const ledgerPath = paths.ledger(campaign);
  if (!contacts.some((c) => c.id === contact) && !(await ledgerHasContact(ledgerPath, contact))) {
    throw new InputError(
      "E_CONTACT_UNKNOWN",
      `no contact "${contact}" in the directory or in the campaign's ledger`,
      {
        hint: "contact ids are the `id` column of contacts/directory.csv (`outreach directory list`)",
      },
    );
  }
  const event = markedEvent({
    at: new Date(clock.now()).toISOString(),
    campaign,
    contact,
    outcome,
    note: options.note,
    by: options.by ?? "cli",
    date,
  });
  const existing = new Set<string>();
  await forEachLedgerEvent(ledgerPath, [], (e) => {
    if (e.type === "marked") existing.add(markKey(e));
  });
  const recorded = !existing.has(markKey(event));
  if (recorded) await appendLedgerEvents(ledgerPath, [event]);
  let directoryUpdated = false;
  const problems: Problem[] = [];
  if (outcome === "do-not-contact") {
    const result = await setDirectoryStatus(paths.directory, [contact], "do-not-contact");
    directoryUpdated = result.changed.length > 0;
    problems.push(...result.problems);
  }
  return { event, recorded, directoryUpdated, problems };
}

async function ledgerHasContact(path: string, contact: string): Promise<boolean> {
  for await (const batch of streamLedgerBatches(path))
    if (batch.some((e) => e.contact === contact)) return true;
  return false;
}
