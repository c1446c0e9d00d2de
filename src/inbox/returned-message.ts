/**
 * The returned message inside a delivery report (or a complaint): where the report's own text ends, and
 * the headers of the message that came back, from an attached `message/rfc822` or `text/rfc822-headers`
 * part or, failing that, from the text after the report's "copy of the message" line. Pure.
 */
import { addressesIn, type InboundMessage } from "./inbound-message.js";

/** Lines after which a report's text is the returned message (Exim, qmail, sendmail, Exchange, Gmail…). */
const RETURNED_MARKERS = [
  /^-+ ?this is a copy of the message/i,
  /^-+ ?below this line is a copy of the message/i,
  /^\s*-+ ?(original message|message header|message body|returned message|undelivered message)( follows)? ?-*\s*$/i,
  /^original message (follows|headers)/i,
  /^-+ ?the (original|returned) message/i,
  /^-+ ?original message -+/i,
  /^-+ ?message (header|body) (follows|suppressed)/i,
];

/** The report's own words: its text up to the returned message. */
export function reportText(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const cut = lines.findIndex((l) => RETURNED_MARKERS.some((re) => re.test(l)));
  return (cut < 0 ? lines : lines.slice(0, cut)).join("\n");
}

/** Lower-case header name → values of the returned message (first header block found). */
export function returnedHeaders(message: Pick<InboundMessage, "parts" | "text">): Map<string, string[]> {
  const part = message.parts.find((p) => /rfc822|headers|^message\/global$/.test(p.contentType));
  if (part) return headerBlock(part.content);
  const text = message.text.replace(/\r\n?/g, "\n");
  const own = reportText(text);
  return own.length < text.length ? headerBlock(text.slice(own.length)) : new Map<string, string[]>();
}

/** Addresses of the returned message's To: (and Cc:), lower-case: whom the letter was written to. */
export function returnedRecipients(message: Pick<InboundMessage, "parts" | "text">): string[] {
  const headers = returnedHeaders(message);
  return [...new Set(addressesIn([...(headers.get("to") ?? []), ...(headers.get("cc") ?? [])].join(" ")))];
}

/** Addresses the returned message was sent from (ours): its From, Sender and Return-Path. */
export function returnedSenders(message: Pick<InboundMessage, "parts" | "text">): string[] {
  const headers = returnedHeaders(message);
  const from = ["from", "sender", "return-path"].flatMap((h) => headers.get(h) ?? []);
  return addressesIn(from.join(" "));
}

/** The first run of `Name: value` lines (with folded continuations) in `text`, skipping a leading marker. */
function headerBlock(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let started = false;
  let last: string | undefined;
  for (const line of lines) {
    const field = /^([A-Za-z][A-Za-z0-9-]*):\s?(.*)$/.exec(line);
    if (field?.[1] && field[2] !== undefined) {
      started = true;
      last = field[1].toLowerCase();
      const list = headers.get(last) ?? [];
      list.push(field[2].trim());
      headers.set(last, list);
    } else if (started && last && /^[ \t]+\S/.test(line)) {
      const list = headers.get(last) ?? [];
      list[list.length - 1] = `${list[list.length - 1] ?? ""} ${line.trim()}`;
    } else if (started && line.trim() === "") break;
    else if (started) last = undefined;
  }
  return headers;
}
