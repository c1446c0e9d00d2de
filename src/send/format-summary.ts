/** Texts the send command shows: the confirmation counts, the end-of-run summary, the resume command. Pure. */
import { formatTable } from "../core/text-table.js";
import type { SendJob } from "./select-recipients.js";
import type { SendSummary } from "./send-progress.js";
import { describeWait, formatDuration, formatLocalTime } from "./format-progress.js";

/** Counts per country and language, for the confirmation before a real send. */
export function formatCountsTable(jobs: Iterable<Pick<SendJob, "country" | "language">>): string {
  const counts = new Map<string, number>();
  for (const j of jobs) {
    const key = `${j.country}\u0000${j.language}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => [...k.split("\u0000"), n]);
  return formatTable(["country", "language", "messages"], rows);
}

/** What the user typed for a send (commander's values before defaults), so a resume repeats exactly that. */
export interface TypedSendArgs {
  /** The global options as typed, e.g. `["-w", "/home/me/letters", "-c", "prod.json"]`. */
  globalArgs: readonly string[];
  campaign: string;
  transport?: string | undefined;
  country?: string | undefined;
  limit?: string | undefined;
  yes?: boolean | undefined;
  allowUnreviewed?: boolean | undefined;
  noWait?: boolean | undefined;
  format?: string | undefined;
}

/**
 * The shell command that continues this run: the user's own options again, nothing added. Never
 * `--retry-uncertain`, even when it was given: that was a decision about the messages uncertain then,
 * and repeating it would re-send the ones that became uncertain in this run.
 */
export function resumeCommand(a: TypedSendArgs): string {
  const parts = ["outreach", ...a.globalArgs.map(shellQuote), "send", shellQuote(a.campaign)];
  if (a.transport) parts.push("--transport", shellQuote(a.transport));
  if (a.country) parts.push("--country", shellQuote(a.country));
  if (a.limit) parts.push("--limit", shellQuote(a.limit));
  if (a.allowUnreviewed) parts.push("--allow-unreviewed");
  if (a.yes) parts.push("--yes");
  if (a.noWait) parts.push("--no-wait");
  if (a.format) parts.push("--format", shellQuote(a.format));
  return parts.join(" ");
}

/** What running the resume command will do, in words ("sends the 27 remaining messages"). */
export function describeResume(a: {
  remaining: number;
  limit?: number | undefined;
  rehearsal: boolean;
}): string {
  const verb = a.rehearsal ? "writes" : "sends";
  const where = a.rehearsal ? " to the outbox (a rehearsal: nothing is delivered)" : "";
  const noun = (n: number) => `${n} remaining message${n === 1 ? "" : "s"}`;
  if (a.remaining === 0) return `${a.rehearsal ? "rehearses" : "sends"} nothing: no message is left to send`;
  if (a.limit !== undefined && a.limit < a.remaining)
    return `${verb} the next ${a.limit} of the ${noun(a.remaining)}${where} (--limit ${a.limit})`;
  return `${verb} the ${a.remaining === 1 ? "1 remaining message" : noun(a.remaining)}${where}`;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@=,+-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

export function formatSummary(s: SendSummary, rehearsal = false): string {
  if (rehearsal)
    return `rehearsed ${s.sent} message(s) (written to the outbox, not delivered; nothing counts as sent)${s.failed ? `, ${s.failed} could not be written` : ""} in ${formatDuration(s.now - s.startedAt)}\n`;
  const lines = [
    `sent ${s.sent}, deferred ${s.deferred}, failed ${s.failed}, uncertain ${s.uncertain}` +
      (s.waitingRetry ? `, ${s.waitingRetry} waiting for a retry` : "") +
      ` in ${formatDuration(s.now - s.startedAt)}`,
  ];
  for (const f of s.failedContacts.slice(0, 20)) lines.push(`  failed: ${f.contact}: ${f.response}`);
  if (s.failedContacts.length > 20)
    lines.push(`  … and ${s.failedContacts.length - 20} more failed (see outreach status)`);
  return lines.join("\n") + "\n";
}

/**
 * What follows the summary: the messages that ended uncertain, then what stopped the run and how to go
 * on (`next`, not shown when a fatal error stops it: that error's hint says how to resume).
 */
export function formatRunEnd(
  s: SendSummary,
  f: {
    campaignId: string;
    rehearsal: boolean;
    remaining: number;
    limit: number | undefined;
    typed: TypedSendArgs;
    pauseAfter: number;
    now: number;
  },
): { uncertain: string; next: string; resumeWords: string } {
  const resume = resumeCommand(f.typed);
  const resumeWords = describeResume({ remaining: f.remaining, limit: f.limit, rehearsal: f.rehearsal });
  const uncertain = s.uncertainContacts.length
    ? `${s.uncertainContacts.length} message(s) ended uncertain (handed over, but no reply came): ${s.uncertainContacts.slice(0, 20).join(", ")}\n` +
      `  they are not sent again; check with the recipients or the server's log, then ` +
      `outreach mark ${f.campaignId} <contact> sent|not-sent\n`
    : "";
  const resumeText = `Resume with:\n  ${resume}\n  (${resumeWords})\n`;
  let next = "";
  switch (s.stoppedBy) {
    case "fatal":
      break;
    case "interrupted":
      return {
        uncertain,
        resumeWords,
        next: `interrupted: messages in flight were finished and recorded. ${resumeText}`,
      };
    case "paused":
      return {
        uncertain,
        resumeWords,
        next:
          `stopped after ${f.pauseAfter} failures in a row; the last: ${s.lastFailure ?? "?"}\n` +
          `check the server and the addresses, then resume. ${resumeText}`,
      };
    case "waiting":
      return {
        uncertain,
        resumeWords,
        next: s.stopWait
          ? `stopped (--no-wait): the rest must wait until ${formatLocalTime(s.stopWait.until, f.now)} for ${describeWait(s.stopWait)}. ${resumeText}`
          : "",
      };
    case "finished":
      break;
  }
  if (s.waitingRetry > 0)
    next += `${s.waitingRetry} deferred message(s) not sent yet; resume later to retry them. ${resumeText}`;
  else if (f.remaining > 0) next += resumeText.replace("Resume with", "To go on");
  if (f.rehearsal && f.remaining <= 0) {
    const deliver = resumeCommand({ ...f.typed, transport: "smtp", noWait: undefined, format: undefined });
    next += `rehearsal done. Read the messages, then deliver them with:\n  ${deliver}\n`;
  }
  return { uncertain, next, resumeWords };
}
