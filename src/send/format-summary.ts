/** Texts the send command shows: the confirmation counts, the end-of-run summary, the resume command. Pure. */
import { formatTable } from "../cli/output.js";
import type { SendJob } from "./select-recipients.js";
import type { SendSummary } from "./send-campaign.js";
import { formatDuration } from "./format-progress.js";

/** Counts per country and language, for the confirmation before a real send. */
export function formatCountsTable(jobs: readonly SendJob[]): string {
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

/** The shell command that continues this run (same transport and filters; never --retry-uncertain). */
export function resumeCommand(args: {
  campaign: string;
  transport: string;
  countries?: readonly string[];
  allowUnreviewed?: boolean;
  yes?: boolean;
  workspace?: string;
}): string {
  const parts = ["outreach"];
  if (args.workspace) parts.push("-w", shellQuote(args.workspace));
  parts.push("send", shellQuote(args.campaign), "--transport", args.transport);
  if (args.countries?.length) parts.push("--country", args.countries.join(","));
  if (args.allowUnreviewed) parts.push("--allow-unreviewed");
  if (args.yes) parts.push("--yes");
  return parts.join(" ");
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@=-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

export function formatSummary(s: SendSummary): string {
  const lines = [
    `sent ${s.sent}, deferred ${s.deferred} (retried), failed ${s.failed}, uncertain ${s.uncertain}` +
      (s.waitingRetry ? `, ${s.waitingRetry} waiting for a retry` : "") +
      ` in ${formatDuration(s.now - s.startedAt)}`,
  ];
  for (const f of s.failedContacts.slice(0, 20)) lines.push(`  failed: ${f.contact}: ${f.response}`);
  if (s.failedContacts.length > 20)
    lines.push(`  … and ${s.failedContacts.length - 20} more failed (see outreach status)`);
  return lines.join("\n") + "\n";
}
