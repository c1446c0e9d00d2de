/**
 * Send, the use-case: everything between "the user asked for a send" and the first message, then the run.
 * Input: the workspace, the campaign, the config and the user's choices. `prepareSend` loads the
 * campaign and plans it (every problem blocks here), makes sure the workspace key exists, takes the
 * campaign's lock (a rehearsal's own), reads the send state once, selects this run's recipients, refuses
 * unreviewed translations on a real send and trial-renders every message of the run; it returns the
 * prepared send, holding the lock. `sendPrepared` records the skips and runs the send loop through the
 * transport it is given. Effects: reads the campaign, templates and ledgers, the lock file, the ledger or
 * the rehearsal log; it never prints (what it has to say goes to `onNotice`).
 */
import { join } from "node:path";
import { buildPlan } from "../campaign/build-plan.js";
import { createWindowSchedule } from "../campaign/sending-window.js";
import { loadCampaign, loadCampaignLetters } from "../campaign/load-campaign.fs.js";
import type { LoadedCampaign } from "../campaign/loaded-campaign.js";
import type { Clock } from "../core/clock.js";
import { SafetyError, throwIfProblems, type Problem } from "../core/errors.js";
import { workspacePaths } from "../core/workspace.js";
import { ensureWorkspaceSecret } from "../core/workspace-secret.fs.js";
import type { Config, SendLimits } from "../config/config-schema.js";
import { acquireCampaignLock, type LockInfo } from "../ledger/campaign-lock.fs.js";
import type { LedgerEvent } from "../ledger/ledger-event-schema.js";
import { LedgerWriter } from "../ledger/ledger-writer.fs.js";
import { checkRendering } from "../render/check-rendering.js";
import type { OutgoingMessage } from "../render/outgoing-message.js";
import { createRenderer, precompileLetters, type Renderer } from "../render/create-renderer.js";
import { readTranslationReview } from "../translations/review-translations.fs.js";
import { REHEARSAL_FOLDER } from "./outbox-transport.fs.js";
import { sendCampaign, type SendCampaignInput } from "./send-campaign.js";
import type { SendSummary } from "./send-progress.js";
import { readSendState } from "./send-state.fs.js";
import { streamSelection, type JobSelection } from "./stream-selection.js";
import type { SendJob } from "./select-recipients.js";
import type { Transport } from "./transport.js";

export interface PrepareSendInput {
  workspace: string;
  campaignId: string;
  config: Config;
  /** Rehearse to the outbox (its own lock and log) rather than deliver. */
  rehearsal: boolean;
  countries?: readonly string[] | undefined;
  limit?: number | undefined;
  retryUncertain: boolean;
  allowUnreviewed: boolean;
  clock: Clock;
  onNotice: (notice: SendNotice) => void;
  /**
   * What the letters need made before the first message, once they are compiled and checked and before
   * anything is locked (the PDFs of `attachPdf` letters, src/publish/); given by the composition root.
   */
  prepareLetters?: (loaded: LoadedCampaign, renderer: Renderer) => Promise<void>;
}

/** What preparing a send has to tell the user, in the order it happens. */
export type SendNotice =
  | { kind: "secret-created"; path: string }
  | { kind: "plan-warnings"; count: number }
  | { kind: "rehearsal"; folder: string }
  | { kind: "stale-lock"; lock: LockInfo }
  | { kind: "ledger-problem"; problem: Problem }
  | { kind: "uncertain"; selection: JobSelection }
  | { kind: "skipped"; count: number };

export interface PreparedSend {
  campaignId: string;
  rehearsal: boolean;
  limits: SendLimits;
  /** Who this run sends to (the jobs, streamed again on each pass), and what it leaves out. */
  selection: JobSelection;
  /** Real hand-overs of the last day, so the caps hold across restarts (none for a rehearsal). */
  history: { at: number; domain: string }[];
  /** The campaign's office hours (real sends only). */
  windowOpensAt?: (country: string, now: number) => number;
  render: (job: SendJob) => OutgoingMessage;
  /** Skip events to record now (do-not-contact, bounced, too recent). */
  skipEvents: (at: string) => LedgerEvent[];
  /** The ledger, or the rehearsal log. */
  logPath: string;
  ledgerPath: string;
  release: () => Promise<void>;
}

export async function prepareSend(input: PrepareSendInput): Promise<PreparedSend> {
  const { campaignId, clock, rehearsal } = input;
  const paths = workspacePaths(input.workspace);
  // Every problem the plan and the letters have blocks here, before anything is locked or sent. (The
  // messages of this run are trial-rendered below, once we know which they are.)
  // MJML first, in a thread that is gone before the directory is read: the two never share the memory.
  await precompileLetters(await loadCampaignLetters(input.workspace, campaignId));
  const loaded = await loadCampaign(input.workspace, campaignId);
  const plan = buildPlan(loaded, input.countries ? { countries: input.countries } : {});
  // The key that tags Message-IDs; a workspace made before keys existed gets one on its first send.
  const secret = await ensureWorkspaceSecret(paths.secret);
  if (secret.created) input.onNotice({ kind: "secret-created", path: paths.secret });
  const renderer = await createRenderer(loaded, { messageIdKey: secret.key });
  const problems = [...plan.problems, ...renderer.problems];
  throwIfProblems(
    "E_PLAN",
    `campaign ${campaignId} has problems; nothing was sent (run outreach plan ${campaignId})`,
    problems,
  );
  const warnings = problems.filter((p) => p.severity === "warning").length;
  if (warnings) input.onNotice({ kind: "plan-warnings", count: warnings });
  await input.prepareLetters?.(loaded, renderer);
  const limits: SendLimits = { ...input.config.send, ...(loaded.campaign.limits ?? {}) };
  if (rehearsal)
    input.onNotice({ kind: "rehearsal", folder: join(paths.outbox(campaignId), REHEARSAL_FOLDER) });

  // A rehearsal has its own lock and log, so it can run beside a long real send and never touches the
  // campaign's ledger.
  const lock = await acquireCampaignLock(
    rehearsal ? paths.rehearsalLock(campaignId) : paths.lock(campaignId),
    {
      started: iso(clock.now()),
      command: `outreach send ${campaignId}`,
    },
  );
  try {
    if (lock.replacedStale) input.onNotice({ kind: "stale-lock", lock: lock.replacedStale });
    // One pass over the campaign's ledger (a rehearsal reads it too: it shows what a real send would do now).
    const state = await readSendState(paths, campaignId, {
      now: clock.now(),
      minDaysBetweenCampaigns: limits.minDaysBetweenCampaigns,
    });
    for (const problem of state.problems) input.onNotice({ kind: "ledger-problem", problem });
    const selection = streamSelection(plan.entries, state.fold, {
      now: clock.now(),
      ...(input.countries ? { countries: input.countries } : {}),
      ...(input.limit !== undefined ? { limit: input.limit } : {}),
      retryUncertain: input.retryUncertain,
      minDaysBetweenCampaigns: limits.minDaysBetweenCampaigns,
      lastSentElsewhere: state.lastSentElsewhere,
    });
    if (selection.uncertain.length) input.onNotice({ kind: "uncertain", selection });
    if (!rehearsal && !input.allowUnreviewed)
      checkReviewed((await readTranslationReview(loaded)).states, selection.jobs, campaignId);
    const render = (job: SendJob) =>
      withRecordedMessageId(renderer.render(selection.entryOf(job)), state.fold.get(job.contactId));
    await trialRender(selection, renderer);
    if (selection.skipped.length) input.onNotice({ kind: "skipped", count: selection.skipped.length });
    return {
      campaignId,
      rehearsal,
      limits,
      selection,
      history: rehearsal ? [] : state.history,
      // Office hours hold real letters only: a rehearsal troubles nobody's inbox.
      ...(loaded.campaign.sendingWindow && !rehearsal
        ? { windowOpensAt: createWindowSchedule(loaded.campaign.sendingWindow) }
        : {}),
      render,
      skipEvents: (at) => skipEvents(selection, campaignId, at),
      logPath: rehearsal ? paths.rehearsalLog(campaignId) : paths.ledger(campaignId),
      ledgerPath: paths.ledger(campaignId),
      release: () => lock.release(),
    };
  } catch (e) {
    await lock.release();
    throw e;
  }
}

/** A run with nothing to send still records its new skips in the ledger (never a rehearsal's). */
export async function recordSkips(prepared: PreparedSend, at: string): Promise<void> {
  if (prepared.rehearsal || prepared.selection.newSkips.length === 0) return;
  const writer = await LedgerWriter.open(prepared.ledgerPath);
  try {
    await writer.append(prepared.skipEvents(at));
  } finally {
    await writer.close().catch(() => undefined);
  }
}

export type SendRunOptions = Pick<
  SendCampaignInput,
  "clock" | "random" | "signal" | "noWait" | "onOutcome" | "onWait"
> & { transport: Transport };

/** The run: the skips (a real send's), then every job through the transport, recorded in the log. */
export async function sendPrepared(prepared: PreparedSend, options: SendRunOptions): Promise<SendSummary> {
  const writer = await LedgerWriter.open(prepared.logPath);
  try {
    // Skips are the campaign's facts (do-not-contact, bounced): a rehearsal does not record them.
    if (!prepared.rehearsal) await writer.append(prepared.skipEvents(iso(options.clock.now())));
    return await sendCampaign({
      ...options,
      campaign: prepared.campaignId,
      jobs: prepared.selection.jobs,
      total: prepared.selection.jobCount,
      render: prepared.render,
      ledger: writer,
      limits: prepared.limits,
      history: prepared.history,
      ...(prepared.windowOpensAt ? { windowOpensAt: prepared.windowOpensAt } : {}),
    });
  } finally {
    await writer.close().catch(() => undefined);
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function skipEvents(selection: JobSelection, campaign: string, at: string): LedgerEvent[] {
  return selection.newSkips.map((s) => ({
    type: "skipped" as const,
    at,
    campaign,
    contact: s.recipient.contactId,
    reason: s.reason,
    language: s.recipient.language,
  }));
}

/**
 * Render every message of this run once before the first is sent, so a missing merge field is found
 * now, never mid-send. In chunks, yielding to the event loop in between, so the collector can keep up.
 */
async function trialRender(
  selection: JobSelection,
  renderer: Parameters<typeof checkRendering>[1],
): Promise<void> {
  const problems: Problem[] = [];
  const chunk = [];
  for (const job of selection.jobs) {
    chunk.push(selection.entryOf(job));
    if (chunk.length < 1000) continue;
    problems.push(...checkRendering(chunk, renderer));
    chunk.length = 0;
    if (problems.length >= 100) break;
    await new Promise<void>((r) => setImmediate(r));
  }
  if (problems.length < 100) problems.push(...checkRendering(chunk, renderer));
  throwIfProblems("E_TEMPLATE_FIELD", "some messages cannot be rendered; nothing was sent", problems);
}

/** A translation is reviewed when approved as it is now, or marked reviewed: true (src/translations/campaign-translations.ts). */
function checkReviewed(
  states: ReadonlyMap<string, { reviewed: boolean; reason?: string }>,
  jobs: Iterable<SendJob>,
  campaignId: string,
): void {
  const counts = new Map<string, number>();
  for (const j of jobs)
    if (!states.get(j.language)?.reviewed) counts.set(j.language, (counts.get(j.language) ?? 0) + 1);
  if (counts.size === 0) return;
  throw new SafetyError(
    "E_UNREVIEWED",
    `translations not reviewed are targeted: ${[...counts.keys()].join(", ")}; nothing was sent`,
    {
      problems: [...counts].map(([lang, n]) => ({
        file: `campaigns/${campaignId}/campaign.json`,
        field: `letters.${lang}.reviewed`,
        message: `${n} message(s) would use this translation: ${states.get(lang)?.reason ?? "not marked reviewed"}`,
      })),
      hint:
        `have a native speaker check it, then outreach translations approve ${campaignId} --lang <code> ` +
        "(or set reviewed: true), or pass --allow-unreviewed",
    },
  );
}

/**
 * A retried uncertain message keeps the Message-ID its first attempt carried, even if the workspace key
 * changed since (or the campaign started before keys), so a recipient can still spot the duplicate.
 */
export function withRecordedMessageId<M extends { mail: { messageId: string } }>(
  message: M,
  record: { state: { kind: string; messageId?: string } } | undefined,
): M {
  const recorded = record?.state.kind === "uncertain" ? record.state.messageId : undefined;
  if (recorded) message.mail.messageId = recorded;
  return message;
}
