/**
 * A message to the campaign's sign-on address read as a request to sign: the name "as you would like it
 * to appear", country, type and contact from labelled lines ("Organisation: …", "País: …", "Nom de
 * l'organisation : …", the same vocabulary as a form export), else from the subject ("Sign-on: ISOC
 * Belgrade") or a sentence ("please add Kictanet, Kenya to the letter"); the contact is the sender when
 * the message names none; the date is the message's `Date:`, on the calendar of `timeZone` (the machine's),
 * when that is a real date, else `today`.
 * Only a proposal: it goes to the pending queue, and a person approves it.
 * Messages not sent to the sign-on address, automatic replies and delivery reports are not requests.
 * Pure.
 */
import type { SignOnProposal } from "../campaign/signatory-intake.js";
import { signOnFieldOf, signatoryTypeOf, type SignOnField } from "../campaign/signatory-import.js";
import { resolveCountry } from "../contacts/countries.js";
import { calendarDateIn, isCalendarDate } from "../core/calendar-date.js";
import { isAutoReply } from "./auto-reply.js";
import { addressesIn, type InboundMessage } from "./inbound-message.js";

export type SignOnReading =
  | { kind: "request"; proposal: SignOnProposal }
  /** Not a request: another address, an automatic reply, a delivery report. */
  | { kind: "ignored"; reason: string }
  /** Sent to the sign-on address, but no name found in it: a person reads it and uses `add`. */
  | { kind: "unreadable"; reason: string };

const RECIPIENT_HEADERS = [
  "to",
  "cc",
  "bcc",
  "delivered-to",
  "x-original-to",
  "envelope-to",
  "resent-to",
  "x-forwarded-to",
];

const SUBJECT_NAME =
  /^(?:(?:re|fwd?|tr|rv)\s*:\s*)*(?:sign[\s-]?on|sign(?:ing)?|signature|signatory|firma|adhesi[oó]n|adh[ée]sion|signer)\s*(?:request)?\s*[:\-–—]\s*(.+)$/i;
const SENTENCE_NAME =
  /\b(?:add|include|list)\s+(.{2,160}?)\s+(?:to|on|as a signatory (?:of|to))\s+(?:the|this|your)\s+(?:sign[\s-]?on\s+)?(?:letter|list|signatories)\b/i;
const INDIVIDUAL_SENTENCE =
  /\b(?:as an individual|in (?:my|a) personal capacity|a t[ií]tulo (?:personal|individual)|[àa] titre (?:individuel|personnel))\b/i;

export function readSignOnRequest(
  message: InboundMessage,
  signOnAddress: string,
  today: string,
  timeZone = "UTC",
): SignOnReading {
  const address = signOnAddress.toLowerCase();
  const recipients = RECIPIENT_HEADERS.flatMap((h) => (message.headers.get(h) ?? []).flatMap(addressesIn));
  if (!recipients.includes(address)) return { kind: "ignored", reason: `not sent to ${signOnAddress}` };
  if (message.contentType === "multipart/report") return { kind: "ignored", reason: "a delivery report" };
  if (isAutoReply(message)) return { kind: "ignored", reason: "an automatic reply" };
  const fields = labelledFields(ownLines(message.text));
  const found =
    fields.get("organisation") ??
    SUBJECT_NAME.exec(message.subject.trim())?.[1]?.trim() ??
    SENTENCE_NAME.exec(ownLines(message.text).join(" "))?.[1]?.trim() ??
    (fields.get("type") && signatoryTypeOf(fields.get("type") ?? "") === "individual"
      ? fields.get("name")
      : undefined);
  const name = found?.replace(/[.;]+$/, "").trim();
  if (!name) {
    return {
      kind: "unreadable",
      reason: 'no name to sign with ("Organisation: …" line, or "Sign-on: <name>" subject)',
    };
  }
  const typeWord = fields.get("type");
  const type = typeWord
    ? signatoryTypeOf(typeWord)
    : INDIVIDUAL_SENTENCE.test(message.text)
      ? "individual"
      : "";
  const countryText = fields.get("country") ?? "";
  const country = countryText ? resolveCountry(countryText) : "";
  if (country === undefined) return { kind: "unreadable", reason: `unknown country "${countryText}"` };
  const contact = fields.get("contact") ?? senderContact(message);
  return {
    kind: "request",
    proposal: {
      organisation: name,
      country,
      ...(type ? { type } : {}),
      ...(contact ? { contact } : {}),
      signed: signedOn(message.date, today, timeZone),
      source: `mail:${message.messageId ?? message.key}`,
      origin: message.source,
    },
  };
}

/** The day the message was sent, in `timeZone`; `today` for a date that is none (`Sat, 1 Jan 20000`). */
function signedOn(date: string | undefined, today: string, timeZone: string): string {
  const ms = date === undefined ? NaN : Date.parse(date);
  if (Number.isNaN(ms)) return today;
  const day = calendarDateIn(ms, timeZone);
  return isCalendarDate(day) ? day : today;
}

/** The message's own lines: quoted text and everything after a signature or a quoted original left out. */
function ownLines(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^-- ?$/.test(line) || /^-{2,}\s*(original message|message d'origine|mensaje original)/i.test(line))
      break;
    if (/^On .{4,200} wrote:$|^El .{4,200} escribi[oó]:$|^Le .{4,200} a [ée]crit ?:$/.test(line.trim()))
      break;
    if (line.trimStart().startsWith(">")) continue;
    out.push(line);
  }
  return out;
}

/** `Label: value` lines (a value may be on the next line, as forms write them) by sign-on field; first wins. */
function labelledFields(lines: readonly string[]): Map<SignOnField, string> {
  const fields = new Map<SignOnField, string>();
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*[*-]?\s*([^:：]{2,80}?)\s*[:：]\s*(.*)$/.exec(lines[i] ?? "");
    if (!m?.[1]) continue;
    const field = signOnFieldOf(m[1]);
    if (!field || fields.has(field)) continue;
    let value = (m[2] ?? "").trim();
    const next = (lines.slice(i + 1).find((l) => l.trim() !== "") ?? "").trim();
    if (!value && !isLabelled(next)) value = next;
    if (value) fields.set(field, value);
  }
  return fields;
}

function isLabelled(line: string): boolean {
  const m = /^\s*[*-]?\s*([^:：]{2,80}?)\s*[:：]/.exec(line);
  return m?.[1] !== undefined && signOnFieldOf(m[1]) !== undefined;
}

function senderContact(message: InboundMessage): string | undefined {
  if (!message.fromAddress) return undefined;
  return message.fromName ? `${message.fromName} <${message.fromAddress}>` : message.fromAddress;
}
