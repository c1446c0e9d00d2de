/**
 * `outreach send <campaign>`: plan → checks (problems, unreviewed letters, confirmation) → lock → ledger
 * fold → selection → pre-flight render → send with pacing → summary. The core lives in `src/send/`;
 * this file wires the real ports (disk ledger, outbox or SMTP transport, system clock) and prints.
 */
import { readFile } from "node:fs/promises";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import type { PlanEntry } from "../../campaign/build-plan.js";
import { loadCampaign } from "../../campaign/load-campaign.fs.js";
import { buildPlan } from "../../campaign/build-plan.js";
import { createRenderer } from "../../render/create-renderer.js";
import { checkRendering } from "../../render/check-rendering.js";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { mailOptionsFor } from "../../render/compose-eml.js";
import {
  ConfigError,
  InputError,
  SafetyError,
  formatProblem,
  throwIfProblems,
  type Problem,
} from "../../core/errors.js";
import { workspacePaths } from "../../core/workspace.js";
import { ensureWorkspaceSecret } from "../../core/workspace-secret.fs.js";
import { readSmtpPassword } from "../../config/read-config.fs.js";
import type { SendLimits } from "../../config/config-schema.js";
import { acquireCampaignLock } from "../../ledger/campaign-lock.fs.js";
import { LedgerWriter } from "../../ledger/ledger-writer.fs.js";
import { createOutboxTransport, REHEARSAL_FOLDER } from "../../send/outbox-transport.fs.js";
import { createSmtpTransport } from "../../send/smtp-transport.smtp.js";
import { readSendState } from "../../send/send-state.fs.js";
import { plannedRecipients } from "../../send/forecast-send.js";
import { selectRecipients, type Selection, type SendJob } from "../../send/select-recipients.js";
import { sendCampaign, type SendProgress, type SendSummary } from "../../send/send-campaign.js";
import {
  describeWait,
  formatLocalTime,
  formatProgressBar,
  formatProgressLine,
} from "../../send/format-progress.js";
import {
  describeResume,
  formatCountsTable,
  formatSummary,
  resumeCommand,
  type TypedSendArgs,
} from "../../send/format-summary.js";
import type { ComposeMessage, Transport, TransportName } from "../../send/transport.js";
import type { CliContext } from "../context.js";
import { formatJson, parseFormat } from "../output.js";
import { EXIT_CODES } from "../exit-codes.js";
import { withExample, type CommandResult } from "../program.js";
import { parseCountryList } from "../options.js";

interface SendOptions {
  transport?: TransportName;
  yes?: boolean;
  limit?: string;
  country?: string;
  retryUncertain?: boolean;
  allowUnreviewed?: boolean;
  /** False with --no-wait. */
  wait: boolean;
  format: string;
}

const PLAIN_PROGRESS_EVERY_MS = 10_000;

export function registerSendCommand(parent: Command, ctx: CliContext, result: CommandResult): void {
  const cmd = parent
    .command("send")
    .description(
      "send a campaign: paced, retried, recorded in the ledger; resumes where it stopped. Without " +
        "--transport smtp it only rehearses: the messages are written to campaigns/<id>/outbox/rehearsal/ " +
        "and nothing is delivered or counted as sent",
    )
    .argument("<campaign>", "campaign id (folder under campaigns/)")
    .addOption(
      new Option(
        "--transport <name>",
        "smtp delivers for real (asks for confirmation); outbox rehearses (the default)",
      ).choices(["outbox", "smtp"]),
    )
    .option("--yes", "do not ask for confirmation before a real (smtp) send")
    .option("--limit <n>", "send at most N messages in this run")
    .option("--country <codes>", "only these countries, e.g. FR,TH")
    .option(
      "--retry-uncertain",
      "also send the messages whose earlier attempt has no known outcome (may duplicate)",
    )
    .option("--allow-unreviewed", "send letters whose translation is not marked reviewed")
    .option(
      "--no-wait",
      "end the run instead of waiting for retry times, caps or a server pause (prints how to resume)",
    )
    .option("--format <format>", "summary format on stdout: table or json", "table");
  withExample(
    cmd,
    "outreach send wcit-2012                      # rehearse: write every message to the outbox",
    "outreach send wcit-2012 --transport smtp --country TH,BD --limit 20",
    "outreach send wcit-2012 --transport smtp --no-wait",
  );
  cmd.action(async (campaignId: string, opts: SendOptions) => {
    result.exitCode = await runSend(ctx, campaignId, opts);
  });
}

async function runSend(ctx: CliContext, campaignId: string, opts: SendOptions): Promise<number> {
  const format = parseFormat(opts.format);
  const limit = parseLimit(opts.limit);
  const countries = parseCountryList(opts.country);
  const { config } = await ctx.loadConfig();
  // A real send is always asked for by name: a workspace with an smtp section must not reach the server
  // because someone typed `outreach send` to see what happens.
  const transportName: TransportName = opts.transport ?? "outbox";
  const rehearsal = transportName === "outbox";
  if (transportName === "smtp" && !config.smtp) {
    throw new ConfigError("E_SMTP_NOT_CONFIGURED", "--transport smtp needs an smtp section in config.json", {
      hint: "add one (see README, Configuration); until then `outreach send` rehearses to the outbox",
    });
  }
  const paths = workspacePaths(ctx.workspace);
  const typed: TypedSendArgs = {
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
  const resume = resumeCommand(typed);
  const deliverHint = resumeCommand({ ...typed, transport: "smtp", noWait: undefined, format: undefined });

  // Every problem the plan and the letters have blocks here, before anything is locked or sent. (The
  // messages of this run are trial-rendered below, once we know which they are.)
  const loaded = await loadCampaign(ctx.workspace, campaignId);
  const plan = buildPlan(loaded, countries ? { countries } : {});
  // The key that tags Message-IDs; a workspace made before keys existed gets one on its first send.
  const secret = await ensureWorkspaceSecret(paths.secret);
  if (secret.created)
    ctx.stderr(
      `created ${relative(ctx.workspace, paths.secret)}: the workspace key that tags Message-IDs so bounces and replies can be verified; back it up, never commit it (add /.outreach/ to .gitignore)\n`,
    );
  const renderer = await createRenderer(loaded, { messageIdKey: secret.key });
  throwIfProblems(
    "E_PLAN",
    `campaign ${campaignId} has problems; nothing was sent (run outreach plan ${campaignId})`,
    [...plan.problems, ...renderer.problems],
  );
  const warnings = [...plan.problems, ...renderer.problems].filter((p) => p.severity === "warning").length;
  if (warnings) ctx.stderr(`${warnings} warning(s) in the plan; outreach plan ${campaignId} lists them\n`);
  const limits: SendLimits = { ...config.send, ...(loaded.campaign.limits ?? {}) };
  if (rehearsal) {
    ctx.stderr(
      `rehearsal${opts.transport ? "" : " (no --transport smtp given)"}: messages are written to ` +
        `${join(paths.outbox(campaignId), REHEARSAL_FOLDER)}; nothing is delivered and nothing counts as sent\n`,
    );
  }

  // A rehearsal has its own lock and log, so it can run beside a long real send and never touches the
  // campaign's ledger.
  const lock = await acquireCampaignLock(
    rehearsal ? paths.rehearsalLock(campaignId) : paths.lock(campaignId),
    {
      started: iso(ctx.clock.now()),
      command: `outreach send ${campaignId}`,
    },
  );
  let summary: SendSummary | undefined;
  let transport: Transport | undefined;
  let writer: LedgerWriter | undefined;
  let selection: Selection;
  try {
    if (lock.replacedStale) {
      const s = lock.replacedStale;
      ctx.stderr(
        `warning: took over a stale lock (pid ${s.pid} on ${s.host}, started ${s.started}): that sender is gone\n`,
      );
    }
    // One pass over the campaign's ledger (a rehearsal reads it too: it shows what a real send would do now).
    const state = await readSendState(paths, campaignId, {
      now: ctx.clock.now(),
      minDaysBetweenCampaigns: limits.minDaysBetweenCampaigns,
    });
    for (const p of state.problems) ctx.stderr(`warning: ${formatProblem(p)}\n`);
    const entryOf = (job: SendJob): PlanEntry => {
      const e = job.ref === undefined ? undefined : plan.entries[job.ref];
      if (!e) throw new Error(`no plan entry for ${job.contactId}`);
      return e;
    };
    selection = selectRecipients(plannedRecipients(plan.entries), state.fold, {
      now: ctx.clock.now(),
      ...(countries ? { countries } : {}),
      ...(limit !== undefined ? { limit } : {}),
      retryUncertain: Boolean(opts.retryUncertain),
      minDaysBetweenCampaigns: limits.minDaysBetweenCampaigns,
      lastSentElsewhere: state.lastSentElsewhere,
    });
    reportUncertain(ctx, selection, Boolean(opts.retryUncertain), campaignId, resume);

    const jobs = selection.jobs;
    if (!rehearsal && !opts.allowUnreviewed) checkReviewed(loaded.campaign.letters, jobs, campaignId);
    const relieve = createMemoryRelief();
    relieve(true);
    await trialRender(jobs.map(entryOf), renderer, relieve);

    if (selection.skipped.length)
      ctx.stderr(
        `skipped ${selection.skipped.length} contact(s) (do-not-contact, bounced or mailed recently by another campaign)\n`,
      );
    if (jobs.length === 0) {
      if (!rehearsal && selection.newSkips.length) {
        writer = await LedgerWriter.open(paths.ledger(campaignId));
        await writer.append(skipEvents(selection, campaignId, iso(ctx.clock.now())));
      }
      ctx.stderr(
        `nothing to ${rehearsal ? "rehearse" : "send"}: ${selection.alreadySent} sent before, ${selection.alreadyFailed} failed before, ${selection.uncertain.length} uncertain\n`,
      );
      if (format === "json")
        ctx.stdout(
          formatJson({
            campaign: campaignId,
            transport: transportName,
            rehearsal,
            stoppedBy: "finished",
            sent: 0,
            alreadySent: selection.alreadySent,
            uncertainContacts: selection.uncertain.map((u) => u.recipient.contactId),
          }),
        );
      return !rehearsal && selection.uncertain.length > 0 && !opts.retryUncertain
        ? EXIT_CODES.finishedWithFailures
        : EXIT_CODES.success;
    }

    // A real send: can we ask (or were we told --yes)? Then reach the server once, before anything is
    // recorded, so a server that is down or a wrong password is said now, not after minutes of retries.
    if (!rehearsal && !opts.yes) ensureCanConfirm(ctx, jobs);
    transport = await buildTransport(ctx, transportName, paths.outbox(campaignId));
    await transport.verify();
    if (!rehearsal) {
      ctx.stderr(`${transport.description}: connected${config.smtp?.user ? " and logged in" : ""}\n`);
      if (!opts.yes) await confirm(ctx, jobs, config.smtp?.host ?? "");
    }

    writer = await LedgerWriter.open(rehearsal ? paths.rehearsalLog(campaignId) : paths.ledger(campaignId));
    // Skips are the campaign's facts (do-not-contact, bounced): a rehearsal does not record them.
    if (!rehearsal) await writer.append(skipEvents(selection, campaignId, iso(ctx.clock.now())));
    ctx.stderr(
      rehearsal
        ? `rehearsing ${jobs.length} message(s) to ${transport.description}\n`
        : `sending ${jobs.length} message(s) to ${transport.description}; ${limits.perMinute}/min, ${limits.perHour}/h, ${limits.perDay}/day, ${limits.perDomainPerHour}/domain/h, ${limits.concurrency} at once\n`,
    );
    const progress = createProgress(ctx, rehearsal);
    summary = await sendCampaign({
      campaign: campaignId,
      jobs,
      total: jobs.length,
      render: (job) => withRecordedMessageId(renderer.render(entryOf(job)), state.fold.get(job.contactId)),
      transport,
      ledger: writer,
      limits,
      clock: ctx.clock,
      random: Math.random,
      signal: ctx.signal,
      noWait: !opts.wait,
      history: rehearsal ? [] : state.history,
      onOutcome: (_e, p) => {
        progress.update(p);
        relieve();
      },
      onWait: (p) => progress.waiting(p),
    });
    progress.done(summary);
  } finally {
    await writer?.close().catch(() => undefined);
    await transport?.close().catch(() => undefined);
    await lock.release();
  }

  const remaining =
    selection.jobs.length + selection.overLimit - (summary.sent + summary.failed + summary.uncertain);
  const resumeWords = describeResume({ remaining, limit, rehearsal });
  ctx.stderr(formatSummary(summary, rehearsal));
  if (format === "json") {
    ctx.stdout(
      formatJson({
        campaign: campaignId,
        transport: transportName,
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
  if (summary.uncertainContacts.length) {
    ctx.stderr(
      `${summary.uncertainContacts.length} message(s) ended uncertain (handed over, but no reply came): ${summary.uncertainContacts.slice(0, 20).join(", ")}\n` +
        `  they are not sent again; check with the recipients or the server's log, then ` +
        `outreach mark ${campaignId} <contact> sent|not-sent\n`,
    );
  }
  const resumeText = `Resume with:\n  ${resume}\n  (${resumeWords})\n`;
  switch (summary.stoppedBy) {
    case "fatal":
      if (summary.fatal) {
        const f = summary.fatal;
        throw new SafetyError(f.code, f.message, {
          hint: `${f.hint ?? ""}${f.hint ? "; then resume" : "resume"} with: ${resume} (${resumeWords})`,
        });
      }
      break;
    case "interrupted":
      ctx.stderr(`interrupted: messages in flight were finished and recorded. ${resumeText}`);
      return EXIT_CODES.finishedWithFailures;
    case "paused":
      ctx.stderr(
        `stopped after ${limits.pauseAfterConsecutiveFailures} failures in a row; the last: ${summary.lastFailure ?? "?"}\n` +
          `check the server and the addresses, then resume. ${resumeText}`,
      );
      return EXIT_CODES.finishedWithFailures;
    case "waiting":
      if (summary.stopWait)
        ctx.stderr(
          `stopped (--no-wait): the rest must wait until ${formatLocalTime(summary.stopWait.until, ctx.clock.now())} for ${describeWait(summary.stopWait)}. ${resumeText}`,
        );
      return EXIT_CODES.finishedWithFailures;
    case "finished":
      break;
  }
  if (summary.waitingRetry > 0) {
    ctx.stderr(
      `${summary.waitingRetry} deferred message(s) not sent yet; resume later to retry them. ${resumeText}`,
    );
  } else if (remaining > 0) {
    ctx.stderr(`${resumeText.replace("Resume with", "To go on")}`);
  }
  if (rehearsal && remaining <= 0)
    ctx.stderr(`rehearsal done. Read the messages, then deliver them with:\n  ${deliverHint}\n`);
  const uncertainLeft =
    summary.uncertainContacts.length > 0 ||
    (selection.uncertain.length > 0 && !opts.retryUncertain && !rehearsal);
  return summary.failed > 0 || summary.waitingRetry > 0 || uncertainLeft
    ? EXIT_CODES.finishedWithFailures
    : EXIT_CODES.success;
}

function skipEvents(selection: Selection, campaign: string, at: string) {
  return selection.newSkips.map((s) => ({
    type: "skipped" as const,
    at,
    campaign,
    contact: s.recipient.contactId,
    reason: s.reason,
    language: s.recipient.language,
  }));
}

function reportUncertain(
  ctx: CliContext,
  selection: Selection,
  retryUncertain: boolean,
  campaignId: string,
  resume: string,
): void {
  if (selection.uncertain.length === 0) return;
  const verb = retryUncertain ? "will be sent again (--retry-uncertain)" : "are NOT sent again";
  ctx.stderr(
    `${selection.uncertain.length} uncertain message(s): attempted, but no outcome was recorded (the server may or may not have them); they ${verb}:\n`,
  );
  for (const u of selection.uncertain.slice(0, 50)) {
    ctx.stderr(
      `  ${u.recipient.contactId} <${u.record.email ?? u.recipient.email}> attempt ${u.record.attempts} at ${u.record.state.kind === "uncertain" ? u.record.state.at : "?"}\n`,
    );
  }
  if (selection.uncertain.length > 50)
    ctx.stderr(`  … and ${selection.uncertain.length - 50} more (outreach status ${campaignId})\n`);
  if (!retryUncertain)
    ctx.stderr(
      `  check with the recipients or the server's log, then record what you found: outreach mark ${campaignId} <contact> sent|not-sent;\n` +
        `  or send them all again anyway (may duplicate): ${resume} --retry-uncertain\n`,
    );
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InputError("E_USAGE", `--limit must be a positive whole number, not ${value}`);
  return n;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Render every message of this run once before the first is sent, so a missing merge field is found
 * now, never mid-send. In chunks, yielding to the event loop in between: one long synchronous loop over
 * 100k messages keeps the garbage collector from finishing, and memory balloons.
 */
async function trialRender(
  entries: PlanEntry[],
  renderer: Parameters<typeof checkRendering>[1],
  relieve: () => void,
): Promise<void> {
  const problems: Problem[] = [];
  for (let i = 0; i < entries.length && problems.length < 100; i += 1000) {
    problems.push(...checkRendering(entries.slice(i, i + 1000), renderer));
    relieve();
    await new Promise<void>((r) => setImmediate(r));
  }
  throwIfProblems("E_TEMPLATE_FIELD", "some messages cannot be rendered; nothing was sent", problems);
}

/**
 * Rendering and composing thousands of messages makes garbage fast, and V8 lets the heap grow far past
 * the live data before it collects (a 100k-recipient run reached 600 MB with ~150 MB live). Ask for a
 * full collection once after loading, and whenever the heap has grown by a quarter (at least 32 MB)
 * since the last one, but only past 160 MB: small runs are left to V8. Memory then stays near what is
 * really held. `gc` is exposed at run time because the CLI's node flags are not ours to set.
 */
function createMemoryRelief(minGrowthBytes = 32 << 20, floorBytes = 160 << 20): (now?: boolean) => void {
  let gc: (() => void) | undefined;
  try {
    v8.setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  } catch {
    gc = undefined;
  }
  const heapUsed = () => v8.getHeapStatistics().used_heap_size;
  let baseline = heapUsed();
  return (now = false) => {
    // Relative to what is live, so the cost of a collection per message stays the same at any size.
    const used = heapUsed();
    if (!gc || (!now && (used < floorBytes || used - baseline < Math.max(minGrowthBytes, baseline / 4))))
      return;
    gc();
    baseline = heapUsed();
  };
}

function checkReviewed(
  letters: Partial<Record<string, { reviewed: boolean }>>,
  jobs: readonly SendJob[],
  campaignId: string,
): void {
  const counts = new Map<string, number>();
  for (const j of jobs)
    if (!letters[j.language]?.reviewed) counts.set(j.language, (counts.get(j.language) ?? 0) + 1);
  if (counts.size === 0) return;
  throw new SafetyError(
    "E_UNREVIEWED",
    `translations not marked reviewed are targeted: ${[...counts.keys()].join(", ")}; nothing was sent`,
    {
      problems: [...counts].map(([lang, n]) => ({
        file: `campaigns/${campaignId}/campaign.json`,
        field: `letters.${lang}.reviewed`,
        message: `${n} message(s) would use this unreviewed translation`,
      })),
      hint: "have a native speaker check it and set reviewed: true, or pass --allow-unreviewed",
    },
  );
}

/** A real send needs a yes: refuse before connecting anywhere when there is nobody to ask. */
function ensureCanConfirm(ctx: CliContext, jobs: readonly SendJob[]): void {
  if (ctx.interactive && ctx.prompt) return;
  throw new SafetyError("E_CONFIRM_REQUIRED", `a real send of ${jobs.length} message(s) needs confirmation`, {
    hint: "run it on a terminal to confirm, or pass --yes",
  });
}

async function confirm(ctx: CliContext, jobs: readonly SendJob[], host: string): Promise<void> {
  ensureCanConfirm(ctx, jobs);
  if (!ctx.prompt) return;
  ctx.stderr(formatCountsTable(jobs));
  const answer = await ctx.prompt(`Send ${jobs.length} message(s) through ${host}? Type "yes" to go on: `);
  if (!/^\s*y(es)?\s*$/i.test(answer))
    throw new SafetyError("E_NOT_CONFIRMED", "not confirmed; nothing was sent");
}

async function buildTransport(ctx: CliContext, name: TransportName, outboxDir: string): Promise<Transport> {
  // A stream, not a Buffer: the message flows to the socket or file as it is built. (Building the whole
  // message into one Buffer first was measured: fewer socket writes, but more garbage and more CPU.)
  const compose: ComposeMessage = (m) =>
    new MailComposer(mailOptionsFor(m.mail, new Date(ctx.clock.now()))).compile().createReadStream();
  if (name === "outbox") return createOutboxTransport(outboxDir, compose);
  const { config } = await ctx.loadConfig();
  const smtp = config.smtp;
  if (!smtp) throw new ConfigError("E_SMTP_NOT_CONFIGURED", "no smtp section in config.json");
  let trustedCertificate: string | undefined;
  if (smtp.trustedCertificate) {
    const file = resolve(ctx.workspace, smtp.trustedCertificate);
    try {
      trustedCertificate = await readFile(file, "utf8");
    } catch (e) {
      throw new ConfigError(
        "E_CONFIG_READ",
        `cannot read smtp.trustedCertificate ${file}: ${(e as Error).message}`,
      );
    }
  }
  return createSmtpTransport({
    smtp,
    password: readSmtpPassword(smtp, ctx.env),
    compose,
    trustedCertificate,
  });
}

function createProgress(ctx: CliContext, rehearsal: boolean) {
  const bar = (p: SendProgress) => formatProgressBar(p, 24, rehearsal);
  const line = (p: SendProgress) => formatProgressLine(p, rehearsal);
  let lastShown = Number.NEGATIVE_INFINITY;
  let lastDone = -1;
  return {
    update(p: SendProgress) {
      if (ctx.interactive) {
        if (p.now - lastShown < 200 && p.remaining > 0) return;
        lastShown = p.now;
        ctx.stderr(`\r${bar(p)}\u001b[K`);
        return;
      }
      if (p.now - lastShown < PLAIN_PROGRESS_EVERY_MS) return;
      lastShown = p.now;
      lastDone = p.total - p.remaining;
      ctx.stderr(line(p) + "\n");
    },
    /** The run starts a long wait: say it now (the bar, or one plain line), not at the next outcome. */
    waiting(p: SendProgress) {
      lastShown = p.now;
      if (ctx.interactive) ctx.stderr(`\r${bar(p)}\u001b[K`);
      else {
        lastDone = p.total - p.remaining;
        ctx.stderr(line(p) + "\n");
      }
    },
    done(s: SendSummary) {
      if (ctx.interactive) {
        ctx.stderr(`\r${bar(s)}\u001b[K\n`);
      } else if (lastDone !== s.total - s.remaining) {
        ctx.stderr(line(s) + "\n");
      }
    },
  };
}

/**
 * A retried uncertain message keeps the Message-ID its first attempt carried, even if the workspace key
 * changed since (or the campaign started before keys), so a recipient can still spot the duplicate.
 */
function withRecordedMessageId<M extends { mail: { messageId: string } }>(
  message: M,
  record: { state: { kind: string; messageId?: string } } | undefined,
): M {
  const recorded = record?.state.kind === "uncertain" ? record.state.messageId : undefined;
  if (recorded) message.mail.messageId = recorded;
  return message;
}
