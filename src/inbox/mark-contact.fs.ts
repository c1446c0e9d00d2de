/**
 * `outreach mark`: record an outcome that happened off-line (reply by phone, meeting held, delivered by
 * a partner, wrong contact, do not contact; or, for an uncertain message, whether it went out: sent /
 * not-sent) as a `marked` ledger event, and undo a mistaken mark with an `unmarked` event. `do-not-contact`
 * also sets the directory status so no campaign writes to the contact again; its undo puts back the status
 * it replaced. Effects: appends to the ledger, may rewrite the directory, holds the campaign lock while a
 * send mark is decided and written (so no `send` runs in between).
 */
import { access } from "node:fs/promises";
import type { Contact } from "../contacts/contact-schema.js";
import { readDirectory } from "../contacts/directory-store.fs.js";
import { readPartners } from "../contacts/partners.fs.js";
import type { Clock } from "../core/clock.js";
import { InputError, type Problem } from "../core/errors.js";
import { workspacePaths, type WorkspacePaths } from "../core/workspace.js";
import { acquireCampaignLock, type CampaignLock } from "../ledger/campaign-lock.fs.js";
import {
  isSendMarkOutcome,
  type LedgerEvent,
  type MarkedEvent,
  type MarkOutcome,
  type UnmarkedEvent,
} from "../ledger/ledger-event-schema.js";
import { appendLedgerEvents, forEachLedgerEvent } from "../ledger/ledger-file.fs.js";
import { restoreDirectoryStatus, setDirectoryStatus } from "../contacts/directory-status.fs.js";
import { createStatusFold, detailOf, stateOf, type ContactState } from "../ledger/fold-status.js";
import {
  markedEvent,
  markKey,
  OUTCOME_WORDS,
  parseEventDate,
  parseOutcome,
  standingMarks,
  unmarkedEvent,
} from "./mark-outcome.js";
import { contactSendState, hasSendEventAfter, sendMarkRefusal, undoTarget } from "./mark-rules.js";

/** The contact's status once the command is done, as `outreach status` shows it. */
export interface ContactStatusAfter {
  state: ContactState;
  detail: string;
}

export interface MarkResult extends ContactStatusAfter {
  event: MarkedEvent;
  /** False when the same mark was already recorded (nothing appended). */
  recorded: boolean;
  directoryUpdated: boolean;
  problems: Problem[];
}

export interface UnmarkResult extends ContactStatusAfter {
  event: UnmarkedEvent;
  /** The mark retracted. */
  retracted: MarkedEvent;
  /** Set when undoing a do-not-contact mark put this directory status back. */
  directoryRestored: string | undefined;
  /** True when send events recorded after the retracted mark decide the send state (they stand). */
  laterSendEvents: boolean;
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
  const outcome = outcomeOrThrow(outcomeText);
  const date = markDateOrThrow(options.date);
  await campaignOrThrow(paths, campaign);
  const { contacts } = await readDirectory(paths.directory);
  const inDirectory = contacts.find((c) => c.id === contact);
  if (outcome === "delivered-by-partner" && inDirectory) await partnerOrThrow(paths, inDirectory);
  const lock = isSendMarkOutcome(outcome) ? await lockCampaign(paths, campaign, clock) : undefined;
  try {
    const events = await contactEvents(paths, campaign, contact, inDirectory);
    const by = options.by ?? "cli";
    let attempt: number | undefined;
    let eventDate = date;
    if (isSendMarkOutcome(outcome)) {
      const { state, attempts } = contactSendState(contact, events);
      if (state.kind !== "uncertain") {
        // Saying it again is not an error: the same standing mark for the same attempt is already there.
        const same = standingMarks(events).findLast(
          (m) =>
            m.outcome === outcome &&
            m.attempt === attempts &&
            (m.note ?? "") === (options.note ?? "") &&
            (date === undefined || m.date === date),
        );
        if (same)
          return {
            event: same,
            recorded: false,
            directoryUpdated: false,
            problems: [],
            ...statusAfter(campaign, contact, events),
          };
        throw sendMarkRefusal(campaign, contact, outcome, state);
      }
      attempt = attempts;
      // The message went out (or not) when it was attempted, not when someone checked.
      eventDate ??= state.at;
    }
    const event = markedEvent({
      at: new Date(clock.now()).toISOString(),
      campaign,
      contact,
      outcome,
      note: options.note,
      by,
      date: eventDate,
      attempt,
    });
    // Idempotent against the marks still standing, so marking again after an undo records it again.
    const key = markKey(event);
    const recorded = !standingMarks(events).some((m) => markKey(m) === key);
    // The directory first, so the mark can record what it replaced; if the append then fails, the
    // contact is still not written to (the safe side).
    const { directoryUpdated, problems } =
      outcome === "do-not-contact"
        ? await stopContacting(paths.directory, event, recorded)
        : { directoryUpdated: false, problems: [] };
    if (recorded) await appendLedgerEvents(paths.ledger(campaign), [event]);
    const after = recorded ? [...events, event] : events;
    return { event, recorded, directoryUpdated, problems, ...statusAfter(campaign, contact, after) };
  } finally {
    await lock?.release();
  }
}

function markDateOrThrow(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const date = parseEventDate(text);
  if (!date)
    throw new InputError("E_MARK_DATE", `--date "${text}" is not a date (YYYY-MM-DD or ISO 8601 time)`);
  return date;
}

/** Sets the contact do-not-contact in the directory; a recorded mark keeps the status it replaced. */
async function stopContacting(
  directory: string,
  event: MarkedEvent,
  recorded: boolean,
): Promise<{ directoryUpdated: boolean; problems: Problem[] }> {
  const result = await setDirectoryStatus(directory, [event.contact], "do-not-contact");
  const previousStatus = result.previous.get(event.contact);
  if (previousStatus && recorded) event.previousStatus = previousStatus;
  return { directoryUpdated: result.changed.length > 0, problems: result.problems };
}

/**
 * `outreach mark --undo` / `outreach unmark`: retract the latest mark still standing (of `outcome`, when
 * given) by appending an `unmarked` event. Repeated, it walks back further.
 */
export async function unmarkContact(
  workspace: string,
  campaign: string,
  contact: string,
  options: { outcome?: string; note?: string; by?: string },
  clock: Clock,
): Promise<UnmarkResult> {
  const paths = workspacePaths(workspace);
  const outcome = options.outcome === undefined ? undefined : outcomeOrThrow(options.outcome);
  await campaignOrThrow(paths, campaign);
  const { contacts } = await readDirectory(paths.directory);
  const inDirectory = contacts.find((c) => c.id === contact);
  let lock: CampaignLock | undefined;
  try {
    let events = await contactEvents(paths, campaign, contact, inDirectory);
    let target = undoTarget(events, outcome);
    if (target && isSendMarkOutcome(target.outcome)) {
      // A send mark decides whether `send` mails the contact: decide again under the lock.
      lock = await lockCampaign(paths, campaign, clock);
      events = await contactEvents(paths, campaign, contact, inDirectory);
      target = undoTarget(events, outcome);
    }
    if (!target) {
      throw new InputError(
        "E_UNMARK_NOTHING",
        `${contact} has no ${outcome ? `"${outcome}" ` : ""}mark to undo in ${campaign}`,
        { hint: `\`outreach directory history ${contact}\` lists its events, and earlier undos` },
      );
    }
    const event = unmarkedEvent(target, {
      at: new Date(clock.now()).toISOString(),
      note: options.note,
      by: options.by ?? "cli",
    });
    await appendLedgerEvents(paths.ledger(campaign), [event]);
    const after = [...events, event];
    const problems: Problem[] = [];
    let directoryRestored: string | undefined;
    // Another reason to stay do-not-contact: another standing mark, or a complaint (never undone).
    const otherDnc =
      standingMarks(after).some((m) => m.outcome === "do-not-contact") ||
      after.some((e) => e.type === "complaint" && e.verified !== false);
    if (target.outcome === "do-not-contact" && target.previousStatus && !otherDnc) {
      const result = await restoreDirectoryStatus(paths.directory, contact, target.previousStatus);
      if (result.changed.length > 0) directoryRestored = target.previousStatus;
      problems.push(...result.problems);
    }
    return {
      event,
      retracted: target,
      directoryRestored,
      laterSendEvents: isSendMarkOutcome(target.outcome) && hasSendEventAfter(events, target),
      problems,
      ...statusAfter(campaign, contact, after),
    };
  } finally {
    await lock?.release();
  }
}

function outcomeOrThrow(text: string): MarkOutcome {
  const outcome = parseOutcome(text);
  if (!outcome) {
    throw new InputError(
      "E_MARK_OUTCOME",
      `unknown outcome "${text}"; use one of ${OUTCOME_WORDS.join(", ")}`,
      {
        hint: "a partner's word in Spanish or French works too: entregado, respondió, reunión, livré, a répondu…",
      },
    );
  }
  return outcome;
}

async function campaignOrThrow(paths: WorkspacePaths, campaign: string): Promise<void> {
  await access(paths.campaignFile(campaign)).catch(() => {
    throw new InputError(
      "E_CAMPAIGN_NOT_FOUND",
      `no campaign "${campaign}": ${paths.campaignFile(campaign)} does not exist`,
    );
  });
}

/** `delivered-by-partner` needs a partner group for the contact's country. */
async function partnerOrThrow(paths: WorkspacePaths, contact: Contact): Promise<void> {
  const partners = await readPartners(paths.partners);
  if (partners.some((p) => p.countries.includes(contact.country))) return;
  throw new InputError(
    "E_MARK_NO_PARTNER",
    `no partner group delivers in ${contact.country}, so ${contact.id} cannot be marked delivered-by-partner`,
    {
      hint: `add the group to ${paths.partners} (id,name,countries,email,language) with ${contact.country} in its countries, then mark again; a reply or a meeting is marked replied or meeting-held`,
    },
  );
}

function lockCampaign(paths: WorkspacePaths, campaign: string, clock: Clock): Promise<CampaignLock> {
  return acquireCampaignLock(paths.lock(campaign), {
    started: new Date(clock.now()).toISOString(),
    command: "mark",
  });
}

/** The contact's events in the campaign's ledger, in order; unknown contacts are refused. */
async function contactEvents(
  paths: WorkspacePaths,
  campaign: string,
  contact: string,
  inDirectory: Contact | undefined,
): Promise<LedgerEvent[]> {
  const events: LedgerEvent[] = [];
  await forEachLedgerEvent(paths.ledger(campaign), [], (e) => {
    if (e.contact === contact) events.push(e);
  });
  if (!inDirectory && events.length === 0) {
    throw new InputError(
      "E_CONTACT_UNKNOWN",
      `no contact "${contact}" in the directory or in the campaign's ledger`,
      {
        hint: "contact ids are the `id` column of contacts/directory.csv (`outreach directory list`)",
      },
    );
  }
  return events;
}

function statusAfter(campaign: string, contact: string, events: readonly LedgerEvent[]): ContactStatusAfter {
  const fold = createStatusFold(campaign);
  for (const e of events) fold.add(e);
  const track = fold.tracks.get(contact);
  const state = stateOf(track);
  return { state, detail: detailOf(track, state) };
}
