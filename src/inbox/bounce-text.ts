/**
 * The failed recipients of a delivery report written for people (Exim, qmail, sendmail, Postfix,
 * Exchange, Domino, GroupWise, AOL, Gmail…), each with the words about it: the line that names it and
 * the lines that follow (sendmail's "(reason: …)", Exim's indented SMTP error, qmail's sentence), so its
 * status is the one on its own line and never the first code of a transcript (`250 2.0.0 Ok`). Pure.
 */
import { addressesIn } from "./inbound-message.js";

export interface TextRecipient {
  /** The address the report names, lower-case. */
  address: string;
  /** The address the letter was sent to, when the report says the failed one came from it. */
  original?: string;
  /** The report's words about this recipient: its own lines. */
  words: string;
  /** The report's reason lines, when the recipient's own lines give no reason. */
  context?: string;
  /** The lines sit under a "transient" / "will be retried" heading. */
  delayedSection: boolean;
}

const ADDRESS = /^[A-Za-z0-9._%+'=#-]+@[A-Za-z0-9#-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]+$/;
/** A line that starts with an address: `  a@b.c`, `<a@b.c>:`, `A@B.C on Wed…`, `a@b.c (user not found)`. */
const RECIPIENT_LINE = /^\s*[<"]?([^\s<>"]+@[^\s<>":]+?)[>"]?(?=[\s:;,(]|$)/;
/** A line that mentions an address and says it failed (Outlook's "Your message to a@b.c couldn't be delivered"). */
const FAILURE_WORDS =
  /could ?n[o']?t be (delivered|sent)|can ?n[o']?t be delivered|was not delivered|undeliverable|failed|not a valid|does not exist|doesn'?t exist|exceeds|rejected|unknown|not found|no such/i;
/** Lines that carry a reason: an SMTP reply or enhanced code (never 2xx), or "because:" / "Reason:". */
const REASON_LINE = /(^|[\s'"(:#])[45]\d\d[\s-]|(^|[\s(#])[45]\.\d{1,3}\.\d{1,3}\b|\b(because|reason)\b/i;
/** A section heading (sendmail's "----- … -----") or a rule line; both end a recipient's lines. */
const SECTION = /^\s*-{3,}.*-{3,}\s*$|^\s*[-_=*]{10,}\s*$/;
const SOFT_SECTION = /transient|non-fatal|delayed|will be retried|warning/i;

/**
 * Recipients of a text report. `ours`: addresses that are the sender's (the report's To, the returned
 * message's From), never a failed recipient. `only`: X-Failed-Recipients, when the report has it.
 * `domain`: the reporting domain, for AOL's bare screen names.
 */
export function readTextRecipients(
  report: string,
  options: { ours: ReadonlySet<string>; only?: readonly string[]; domain?: string },
): TextRecipient[] {
  const lines = report.replace(/\r\n?/g, "\n").split("\n");
  const reasons = reasonLines(lines);
  let found = recipientBlocks(lines, options.ours);
  if (options.only && options.only.length > 0) {
    const only = new Set(options.only);
    const listed = found.filter((r) => only.has(r.address));
    const missing = [...only].filter((a) => !listed.some((r) => r.address === a));
    found = [...listed, ...missing.map((address) => ({ address, words: "", delayedSection: false }))];
  }
  if (found.length === 0) found = inlineMentions(lines, options.ours);
  if (found.length === 0 && options.domain) found = bareNames(lines, options.domain);
  return found.map((r) => (hasReason(r.words) || !reasons ? r : { ...r, context: reasons }));
}

/** Each line that starts with an address, with the lines after it up to a blank line or the next one. */
function recipientBlocks(lines: readonly string[], ours: ReadonlySet<string>): TextRecipient[] {
  const out: TextRecipient[] = [];
  let delayedSection = false;
  let current: { address: string; words: string[]; delayedSection: boolean } | undefined;
  const close = () => {
    if (current) out.push(withOriginal(current.address, current.words, current.delayedSection));
    current = undefined;
  };
  for (const line of lines) {
    if (SECTION.test(line)) {
      close();
      delayedSection = SOFT_SECTION.test(line);
      continue;
    }
    const address = recipientOf(line);
    if (address && !ours.has(address) && !isDaemon(address)) {
      close();
      current = { address, words: [line.replace(RECIPIENT_LINE, "")], delayedSection };
    } else if (line.trim() === "" || line.startsWith(">>>")) close();
    else current?.words.push(line);
  }
  close();
  const seen = new Set<string>();
  return out.filter((r) => !seen.has(r.address) && seen.add(r.address));
}

function recipientOf(line: string): string | undefined {
  const candidate = RECIPIENT_LINE.exec(line)?.[1]?.replace(/[.,;:]+$/, "");
  return candidate && ADDRESS.test(candidate) ? candidate.toLowerCase() : undefined;
}

/** Exim's "(ultimately generated from a@b.c)", Postfix's "(expanded from <a@b.c>)", sendmail's "(expanded from: <…>)". */
function withOriginal(address: string, words: readonly string[], delayedSection: boolean): TextRecipient {
  const text = words.join("\n").trim();
  const original = /\b(?:expanded|generated) from:?\s*<?([^\s<>()]+@[^\s<>()]+?)>?[)\s]/i
    .exec(`${text} `)?.[1]
    ?.toLowerCase();
  return {
    address,
    ...(original && original !== address ? { original } : {}),
    words: text,
    delayedSection,
  };
}

/** Addresses named in a sentence that says they failed, with the lines after it up to a blank line. */
function inlineMentions(lines: readonly string[], ours: ReadonlySet<string>): TextRecipient[] {
  const out: TextRecipient[] = [];
  lines.forEach((line, i) => {
    if (!FAILURE_WORDS.test(line)) return;
    let end = i + 1;
    while (end < lines.length && (lines[end] ?? "").trim() !== "") end += 1;
    const words = lines.slice(i, end).join("\n").trim();
    for (const address of addressesIn(line)) {
      if (ours.has(address) || isDaemon(address) || out.some((r) => r.address === address)) continue;
      out.push({ address, words, delayedSection: false });
    }
  });
  return out;
}

/** AOL: "Your mail to the following recipients could not be delivered because …:" then bare screen names. */
function bareNames(lines: readonly string[], domain: string): TextRecipient[] {
  const at = lines.findIndex((l) => /following (recipients?|addresses)/i.test(l));
  if (at < 0) return [];
  const out: TextRecipient[] = [];
  for (const line of lines.slice(at + 1)) {
    const name = /^\s+([A-Za-z0-9._-]+)\s*$/.exec(line)?.[1];
    if (name)
      out.push({ address: `${name}@${domain}`.toLowerCase(), words: lines[at] ?? "", delayedSection: false });
    else if (line.trim() !== "") break;
  }
  return out;
}

/** The report's reason lines, for recipients whose own lines say nothing: codes, "because:" and what follows. */
function reasonLines(lines: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.startsWith(">>>") || /\b2\d\d[\s-]|\b2\.\d{1,3}\.\d{1,3}\b/.test(line)) continue;
    if (/\b(because|reason)\b\s*:?\s*$/i.test(line)) {
      const next = lines.slice(i + 1).find((l) => l.trim() !== "");
      if (next) out.push(next.trim());
    } else if (REASON_LINE.test(line) || FAILURE_WORDS.test(line)) out.push(line.trim());
  }
  return out.join("\n");
}

function hasReason(words: string): boolean {
  return REASON_LINE.test(words);
}

function isDaemon(address: string): boolean {
  return /^(postmaster|mailer-daemon|mail-daemon|post_master)@/i.test(address);
}
