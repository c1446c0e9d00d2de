/**
 * Reading a delivery report into its failed recipients, each with its own kind (hard: given up; soft:
 * delayed), status, diagnostic, reason and permanence. RFC 3464 fields come first (from the
 * delivery-status part, or found in the raw message when the parser yields none); a report written for
 * people is read line by line (bounce-text.ts); with neither, the report's own reason lines stand for
 * one recipient the matching finds by Message-ID or by the returned message's To:. Pure.
 */
import type { BounceReason } from "../ledger/ledger-event-schema.js";
import { classifyBounceReason, isPermanentBounce } from "./bounce-reason.js";
import { readTextRecipients, type TextRecipient } from "./bounce-text.js";
import { findDeliveryStatus, parseDeliveryStatus, type DsnRecipient } from "./dsn-fields.js";
import { addressesIn, headerValue, isDeliveryStatusPart, type InboundMessage } from "./inbound-message.js";
import { isDeliveredNotice } from "./recognise-report.js";
import { reportText, returnedRecipients, returnedSenders } from "./returned-message.js";

export interface RecipientBounce {
  /** The failed address the report names, lower-case. */
  address?: string;
  /** The address the letter was sent to, when the report gives it apart (Original-Recipient, "expanded from"). */
  original?: string;
  kind: "hard" | "soft";
  /** Enhanced status code such as 5.1.1, when one was found for this recipient. */
  status?: string;
  diagnostic?: string;
  reason: BounceReason;
  permanent: boolean;
}

export interface BounceReport {
  /** `dsn` for RFC 3464 fields, `text` for a report written for people, `provider` for a provider's notice. */
  shape: "dsn" | "text" | "provider";
  /** Every recipient the report says failed or is delayed; empty when it only says letters arrived. */
  failed: RecipientBounce[];
  /** The returned message's To: and Cc:, for a report that names no recipient we know. */
  returnedTo: string[];
}

/** Actions that say the letter arrived or went on (Postfix's address verification says `deliverable`). */
const ARRIVED = new Set(["delivered", "relayed", "expanded", "deliverable"]);
const SOFT_WORDS =
  /\b(delayed|will (be )?retr(y|ied)|still (being )?(trying|retried)|temporar(y|ily)|not yet been delivered|has been delayed|warning only|could not (be )?(send|sent) (message )?for (the )?past)\b/i;
const FINAL_WORDS = /permanent|given up|gave up|fatal|will not (try|be retried)|not going to try again/i;

export function readBounce(message: InboundMessage): BounceReport {
  const returnedTo = returnedRecipients(message);
  const text = message.text.trim() ? message.text : bodyOfRaw(message.raw);
  const report = reportText(text);
  const parts = message.parts.filter((p) => isDeliveryStatusPart(p.contentType));
  const dsn =
    parts.length > 0 ? parts.flatMap((p) => parseDeliveryStatus(p.content)) : findDeliveryStatus(message.raw);
  if (dsn.length > 0) {
    const failing = dsn.filter((r) => !ARRIVED.has(r.action ?? "") && !r.status?.startsWith("2"));
    const words = failing.some((r) => !r.diagnostic) ? textRecipients(message, report) : [];
    return { shape: "dsn", failed: failing.map((r) => fromDsn(r, words, failing.length)), returnedTo };
  }
  if (isDeliveredNotice(message, report)) return { shape: "text", failed: [], returnedTo };
  const soft = SOFT_WORDS.test(`${message.subject}\n${report}`) && !FINAL_WORDS.test(report);
  const recipients = textRecipients(message, report);
  const failed =
    recipients.length > 0
      ? recipients.map((r) => fromText(r, soft))
      : [fromText({ address: "", words: reasonsOnly(report), delayedSection: false }, soft)];
  return { shape: "text", failed, returnedTo };
}

function textRecipients(message: InboundMessage, report: string): TextRecipient[] {
  const ours = new Set(
    ["to", "delivered-to", "x-original-to", "return-path"].flatMap((h) =>
      addressesIn((message.headers.get(h) ?? []).join(" ")),
    ),
  );
  for (const a of returnedSenders(message)) ours.add(a);
  const failedHeader = headerValue(message, "x-failed-recipients");
  const domain = message.fromAddress?.split("@")[1];
  return readTextRecipients(report, {
    ours,
    ...(failedHeader ? { only: addressesIn(failedHeader) } : {}),
    ...(domain ? { domain } : {}),
  });
}

/**
 * One DSN recipient block. Its own fields decide; the report's text about it is read only when they say
 * nothing specific (no diagnostic and a generic status such as 5.0.0), never the whole report (a
 * disclaimer about "viruses" must not make a 5.1.1 a content rejection).
 */
function fromDsn(r: DsnRecipient, words: readonly TextRecipient[], count: number): RecipientBounce {
  const address = r.final ?? r.original;
  const status = r.status ?? codeIn(r.diagnostic ?? "");
  const kind: "hard" | "soft" =
    r.action === "delayed"
      ? "soft"
      : r.action === "failed" || r.action === "undeliverable"
        ? "hard"
        : status?.startsWith("4") || (!status && SOFT_WORDS.test(r.diagnostic ?? ""))
          ? "soft"
          : "hard";
  const generic = !status || /^\d\.0\.0$/.test(status);
  const aboutIt =
    !r.diagnostic && generic
      ? (words.find((w) => w.address === address || w.address === r.original) ??
        (count === 1 ? words[0] : undefined))
      : undefined;
  const evidence = [r.diagnostic, r.statusText, aboutIt?.words, aboutIt?.context].filter(Boolean).join("\n");
  const reason = classifyBounceReason({ ...(status ? { status } : {}), text: evidence });
  return {
    ...(address ? { address } : {}),
    ...(r.original && r.original !== address ? { original: r.original } : {}),
    kind,
    ...(status ? { status } : {}),
    ...diagnosticOf(r.diagnostic ?? r.statusText ?? bestLine(aboutIt?.words ?? "")),
    reason,
    permanent: isPermanentBounce(kind, reason),
  };
}

function fromText(r: TextRecipient, reportSoft: boolean): RecipientBounce {
  const words = [r.words, r.context].filter(Boolean).join("\n");
  const status = codeIn(words);
  const smtp = /(?:^|[\s'"(:])([45])\d\d(?=[\s-])/m.exec(words)?.[1];
  const soft =
    r.delayedSection ||
    reportSoft ||
    ((status?.startsWith("4") || smtp === "4") && !FINAL_WORDS.test(words) && !status?.startsWith("5"));
  const kind = soft ? "soft" : "hard";
  const reason = classifyBounceReason({ ...(status ? { status } : {}), text: words });
  return {
    ...(r.address ? { address: r.address } : {}),
    ...(r.original ? { original: r.original } : {}),
    kind,
    ...(status ? { status } : {}),
    ...diagnosticOf(
      codedLine(r.words) ?? codedLine(r.context ?? "") ?? bestLine(r.words) ?? bestLine(r.context ?? ""),
    ),
    reason,
    permanent: isPermanentBounce(kind, reason),
  };
}

/** The first 4.x.x or 5.x.x code: a 2.x.x ("250 2.0.0 Ok" in a transcript) never speaks for a failure. */
function codeIn(text: string): string | undefined {
  return /\b[45]\.\d{1,3}\.\d{1,3}\b/.exec(text)?.[0];
}

/** The most informative line: the one with a code, else the longest. */
function bestLine(words: string): string | undefined {
  return (
    codedLine(words) ??
    linesOf(words).reduce<string | undefined>((a, l) => (l.length > (a?.length ?? 0) ? l : a), undefined)
  );
}

/** The first line with an SMTP reply or status code (a 2.x.x one never speaks for a failure). */
function codedLine(words: string): string | undefined {
  return linesOf(words).find((l) => /\b[45]\d\d\b|\b[45]\.\d{1,3}\.\d{1,3}\b/.test(l));
}

function linesOf(words: string): string[] {
  return words
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

function diagnosticOf(d: string | undefined): { diagnostic?: string } {
  const text = d?.replace(/\s+/g, " ").trim();
  return text ? { diagnostic: text.slice(0, 300) } : {};
}

/** A report whose recipient is named nowhere: its lines with a code or a reason stand for it. */
function reasonsOnly(report: string): string {
  const lines = report
    .split("\n")
    .filter((l) =>
      /\b[45]\d\d\b|\b[45]\.\d+\.\d+\b|reason|because|rejected|disabled|unknown|full|exceed/i.test(l),
    );
  return (lines.length > 0 ? lines : report.split("\n")).join("\n");
}

/** The body of a raw message, for when the mail parser returned no text. */
function bodyOfRaw(raw: string): string {
  const text = raw.replace(/\r\n?/g, "\n");
  const at = text.indexOf("\n\n");
  return at < 0 ? "" : text.slice(at + 2);
}
