/** What preparing a send says on stderr, one text per notice (`prepareSend`'s `onNotice`). Pure. */
import { relative } from "node:path";
import { formatProblem } from "../core/errors.js";
import type { SendNotice } from "./prepare-send.fs.js";
import type { JobSelection } from "./stream-selection.js";

export interface NoticeContext {
  workspace: string;
  campaignId: string;
  /** Whether --transport was given (a rehearsal says so when it was not). */
  explicit: boolean;
  /** The command that repeats this run. */
  resume: string;
  retryUncertain: boolean;
}

/** What preparing the send has to say, as stderr text. */
export function formatSendNotice(n: SendNotice, c: NoticeContext): string {
  switch (n.kind) {
    case "secret-created":
      return `created ${relative(c.workspace, n.path)}: the workspace key that tags Message-IDs so bounces and replies can be verified; back it up, never commit it (add /.outreach/ to .gitignore)\n`;
    case "plan-warnings":
      return `${n.count} warning(s) in the plan; outreach plan ${c.campaignId} lists them\n`;
    case "rehearsal":
      return (
        `rehearsal${c.explicit ? "" : " (no --transport smtp given)"}: messages are written to ` +
        `${n.folder}; nothing is delivered and nothing counts as sent\n`
      );
    case "stale-lock":
      return `warning: took over a stale lock (pid ${n.lock.pid} on ${n.lock.host}, started ${n.lock.started}): that sender is gone\n`;
    case "ledger-problem":
      return `warning: ${formatProblem(n.problem)}\n`;
    case "uncertain":
      return formatUncertain(n.selection, c.retryUncertain, c.campaignId, c.resume);
    case "skipped":
      return `skipped ${n.count} contact(s) (do-not-contact, bounced or mailed recently by another campaign)\n`;
  }
}

function formatUncertain(
  selection: JobSelection,
  retryUncertain: boolean,
  campaignId: string,
  resume: string,
): string {
  const verb = retryUncertain ? "will be sent again (--retry-uncertain)" : "are NOT sent again";
  let text = `${selection.uncertain.length} uncertain message(s): attempted, but no outcome was recorded (the server may or may not have them); they ${verb}:\n`;
  for (const u of selection.uncertain.slice(0, 50)) {
    text += `  ${u.recipient.contactId} <${u.record.email ?? u.recipient.email}> attempt ${u.record.attempts} at ${u.record.state.kind === "uncertain" ? u.record.state.at : "?"}\n`;
  }
  if (selection.uncertain.length > 50)
    text += `  … and ${selection.uncertain.length - 50} more (outreach status ${campaignId})\n`;
  if (!retryUncertain)
    text +=
      `  check with the recipients or the server's log, then record what you found: outreach mark ${campaignId} <contact> sent|not-sent;\n` +
      `  or send them all again anyway (may duplicate): ${resume} --retry-uncertain\n`;
  return text;
}
