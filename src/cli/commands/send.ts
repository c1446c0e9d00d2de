/**
 * `outreach send <campaign>`, the shell around the send stage: reads the options, lets `prepareSend`
 * (src/send/prepare-send.fs.ts) plan, lock, select and trial-render, asks for confirmation before a real
 * send, builds the transport (src/cli/transports.ts), runs `sendPrepared`, prints progress and the summary,
 * and turns the run's end into an exit code.
 */
import { ConfigError, SafetyError } from "../../core/errors.js";
import { workspacePaths } from "../../core/workspace.js";
import type { Config, SendLimits } from "../../config/config-schema.js";
import { prepareSend, recordSkips, sendPrepared, type PreparedSend } from "../../send/prepare-send.fs.js";
import type { JobSelection } from "../../send/stream-selection.js";
import type { SendProgress, SendSummary } from "../../send/send-progress.js";
import { formatSendProgress } from "../../send/format-progress.js";
import {
  formatCountsTable,
  formatRunEnd,
  formatSummary,
  resumeCommand,
  type TypedSendArgs,
} from "../../send/format-summary.js";
import { formatSendNotice } from "../../send/format-notices.js";
import type { Transport, TransportName } from "../../send/transport.js";
import { readDkimKeyFor } from "../dkim-status.js";
import { buildTransport } from "../transports.js";
import { attachLetterPdfsFor } from "../attach-pdfs.js";
import type { CliContext } from "../context.js";
import { formatJson, parseFormat } from "../output.js";
import { EXIT_CODES } from "../exit-codes.js";
import type { SendOptions } from "../definitions/send.js";
import { parseCountryList, positiveInt } from "../options.js";

export async function runSend(ctx: CliContext, campaignId: string, opts: SendOptions): Promise<number> {
  const format = parseFormat(opts.format);
  const limit = parseLimit(opts.limit);
  const countries = parseCountryList(opts.country);
  const { config } = await ctx.loadConfig();
  const transportName = chooseTransport(opts.transport, config);
  const rehearsal = transportName === "outbox";
  const typed = typedArgs(ctx, campaignId, opts);
  const resume = resumeCommand(typed);
  const retryUncertain = Boolean(opts.retryUncertain);
  const notices = {
    workspace: ctx.workspace,
    campaignId,
    explicit: Boolean(opts.transport),
    resume,
    retryUncertain,
  };
  const prepared = await prepareSend({
    workspace: ctx.workspace,
    campaignId,
    config,
    rehearsal,
    countries,
    limit,
    retryUncertain,
    allowUnreviewed: Boolean(opts.allowUnreviewed),
    clock: ctx.clock,
    onNotice: (n) => ctx.stderr(formatSendNotice(n, notices)),
    prepareLetters: (loaded, renderer) => attachLetterPdfsFor(ctx, loaded, renderer),
  });
  const { selection, limits } = prepared;
  let summary: SendSummary;
  let transport: Transport | undefined;
  try {
    if (selection.jobCount === 0)
      return await reportNothingToSend(ctx, prepared, { transportName, format, retryUncertain });
    // A real send: can we ask (or were we told --yes)? Then reach the server once, before anything is
    // recorded, so a server that is down or a wrong password is said now, not after minutes of retries.
    if (!rehearsal && !opts.yes) ensureCanConfirm(ctx, selection.jobCount);
    transport = await buildTransport({
      name: transportName,
      config,
      workspace: ctx.workspace,
      env: ctx.env,
      clock: ctx.clock,
      outboxDir: workspacePaths(ctx.workspace).outbox(campaignId),
      readDkimKey: (dkim) => readDkimKeyFor(ctx, dkim),
    });
    await transport.verify();
    if (!rehearsal) {
      ctx.stderr(`${transport.description}: connected${config.smtp?.user ? " and logged in" : ""}\n`);
      if (!opts.yes) await confirm(ctx, selection, config.smtp?.host ?? "");
    }
    ctx.stderr(startLine(transport, selection, limits, rehearsal));
    summary = await sendWithProgress(ctx, prepared, transport, { rehearsal, noWait: !opts.wait });
  } finally {
    await transport?.close().catch(() => undefined);
    await prepared.release();
  }
  return reportSummary(ctx, summary, {
    campaignId,
    transportName,
    rehearsal,
    format,
    limit,
    typed,
    resume,
    retryUncertain,
    selection,
    limits,
  });
}

/** The line that opens the run: how many messages go where, and at what pace for a real send. */
function startLine(
  transport: Transport,
  selection: JobSelection,
  limits: SendLimits,
  rehearsal: boolean,
): string {
  return rehearsal
    ? `rehearsing ${selection.jobCount} message(s) to ${transport.description}\n`
    : `sending ${selection.jobCount} message(s) to ${transport.description}; ${limits.perMinute}/min, ${limits.perHour}/h, ${limits.perDay}/day, ${limits.perDomainPerHour}/domain/h, ${limits.concurrency} at once\n`;
}

/**
 * Run the prepared send with the progress display on stderr (a plain line every 10 s off a terminal, and
 * at once when a long wait starts); the run's summary.
 */
async function sendWithProgress(
  ctx: CliContext,
  prepared: PreparedSend,
  transport: Transport,
  run: { rehearsal: boolean; noWait: boolean },
): Promise<SendSummary> {
  const progress = ctx.progress();
  const state = (p: SendProgress) => formatSendProgress(p, run.rehearsal);
  let last: SendProgress | undefined;
  const summary = await sendPrepared(prepared, {
    transport,
    clock: ctx.clock,
    random: Math.random,
    signal: ctx.signal,
    noWait: run.noWait,
    onOutcome: (_e, p) => progress.update(state((last = p))),
    onWait: (p) => progress.show(state((last = p))),
  });
  // The last figures reported (already printed, or held back by the throttle); the summary's when the
  // run reported none.
  progress.end(state(last ?? summary));
  return summary;
}

interface RunFacts {
  campaignId: string;
  transportName: TransportName;
  rehearsal: boolean;
  format: ReturnType<typeof parseFormat>;
  limit: number | undefined;
  typed: TypedSendArgs;
  resume: string;
  retryUncertain: boolean;
  selection: JobSelection;
  limits: SendLimits;
}

/** The end of a run: the summary on stderr (and stdout as JSON), what stopped it, how to resume; the exit code. */
function reportSummary(ctx: CliContext, summary: SendSummary, f: RunFacts): number {
  const { rehearsal, resume } = f;
  const remaining =
    f.selection.jobCount + f.selection.overLimit - (summary.sent + summary.failed + summary.uncertain);
  ctx.stderr(formatSummary(summary, rehearsal));
  if (f.format === "json") {
    ctx.stdout(
      formatJson({
        campaign: f.campaignId,
        transport: f.transportName,
        rehearsal,
        stoppedBy: summary.stoppedBy,
        sent: summary.sent,
        deferred: summary.deferred,
        failed: summary.failed,
        uncertain: summary.uncertain,
        waitingRetry: summary.waitingRetry,
        remaining,
        uncertainContacts: summary.uncertainContacts,
        failedContacts: summary.failedContacts,
        resumeCommand: remaining > 0 ? resume : undefined,
      }),
    );
  }
  const end = formatRunEnd(summary, {
    campaignId: f.campaignId,
    rehearsal,
    remaining,
    limit: f.limit,
    typed: f.typed,
    pauseAfter: f.limits.pauseAfterConsecutiveFailures,
    now: ctx.clock.now(),
  });
  if (end.uncertain) ctx.stderr(end.uncertain);
  if (summary.stoppedBy === "fatal" && summary.fatal) {
    const e = summary.fatal;
    throw new SafetyError(e.code, e.message, {
      hint: `${e.hint ?? ""}${e.hint ? "; then resume" : "resume"} with: ${resume} (${end.resumeWords})`,
    });
  }
  if (end.next) ctx.stderr(end.next);
  if (summary.stoppedBy !== "finished" && summary.stoppedBy !== "fatal")
    return EXIT_CODES.finishedWithFailures;
  const uncertainLeft =
    summary.uncertainContacts.length > 0 ||
    (f.selection.uncertain.length > 0 && !f.retryUncertain && !rehearsal);
  return summary.failed > 0 || summary.waitingRetry > 0 || uncertainLeft
    ? EXIT_CODES.finishedWithFailures
    : EXIT_CODES.success;
}

/** The transport asked for; a real send is only ever asked for by name. */
function chooseTransport(given: TransportName | undefined, config: Config): TransportName {
  // A real send is always asked for by name: a workspace with an smtp section must not reach the server
  // because someone typed `outreach send` to see what happens.
  const name: TransportName = given ?? "outbox";
  if (name === "smtp" && !config.smtp) {
    throw new ConfigError("E_SMTP_NOT_CONFIGURED", "--transport smtp needs an smtp section in config.json", {
      hint: "add one (see README, Configuration); until then `outreach send` rehearses to the outbox",
    });
  }
  return name;
}

/** What the user typed for this send (commander's values before defaults), so a resume repeats exactly that. */
function typedArgs(ctx: CliContext, campaignId: string, opts: SendOptions): TypedSendArgs {
  return {
    globalArgs: ctx.globalArgs,
    campaign: campaignId,
    transport: opts.transport,
    country: opts.country,
    limit: opts.limit,
    yes: opts.yes,
    allowUnreviewed: opts.allowUnreviewed,
    noWait: !opts.wait,
    format: opts.format === "table" ? undefined : opts.format,
  };
}

/** Nobody to send to: record the new skips (a real send's), say what was done before; the exit code. */
async function reportNothingToSend(
  ctx: CliContext,
  prepared: PreparedSend,
  f: { transportName: TransportName; format: ReturnType<typeof parseFormat>; retryUncertain: boolean },
): Promise<number> {
  const { selection, rehearsal } = prepared;
  await recordSkips(prepared, iso(ctx.clock.now()));
  ctx.stderr(
    `nothing to ${rehearsal ? "rehearse" : "send"}: ${selection.alreadySent} sent before, ${selection.alreadyFailed} failed before, ${selection.uncertain.length} uncertain\n`,
  );
  if (f.format === "json")
    ctx.stdout(
      formatJson({
        campaign: prepared.campaignId,
        transport: f.transportName,
        rehearsal,
        stoppedBy: "finished",
        sent: 0,
        alreadySent: selection.alreadySent,
        uncertainContacts: selection.uncertain.map((u) => u.recipient.contactId),
      }),
    );
  return !rehearsal && selection.uncertain.length > 0 && !f.retryUncertain
    ? EXIT_CODES.finishedWithFailures
    : EXIT_CODES.success;
}

function parseLimit(value: string | undefined): number | undefined {
  return value === undefined ? undefined : positiveInt("--limit", value);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A real send needs a yes: refuse before connecting anywhere when there is nobody to ask. */
function ensureCanConfirm(ctx: CliContext, count: number): void {
  if (ctx.interactive && ctx.prompt) return;
  throw new SafetyError("E_CONFIRM_REQUIRED", `a real send of ${count} message(s) needs confirmation`, {
    hint: "run it on a terminal to confirm, or pass --yes",
  });
}

async function confirm(ctx: CliContext, selection: JobSelection, host: string): Promise<void> {
  ensureCanConfirm(ctx, selection.jobCount);
  if (!ctx.prompt) return;
  ctx.stderr(formatCountsTable(selection.jobs));
  const answer = await ctx.prompt(
    `Send ${selection.jobCount} message(s) through ${host}? Type "yes" to go on: `,
  );
  if (!/^\s*y(es)?\s*$/i.test(answer))
    throw new SafetyError("E_NOT_CONFIRMED", "not confirmed; nothing was sent");
}
