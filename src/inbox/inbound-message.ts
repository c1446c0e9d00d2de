/**
 * Inbox: what the rest of `src/inbox` knows about one imported mail message. The mail parser's output
 * is reduced to this small shape (in `parse-inbound.ts`) so classification is a pure function of plain data.
 */

export interface InboundPart {
  /**
   * Lower-case MIME type: `message/delivery-status` (or a vendor's `message/xdelivery-status`, RFC 6533's
   * `message/global-delivery-status`), `message/feedback-report`, `message/rfc822`, `text/rfc822-headers`.
   */
  contentType: string;
  content: string;
}

export interface InboundMessage {
  /** Where it came from, for listing: `inbox.mbox#3`, `maildir/cur/123.eml`. */
  source: string;
  /** The message's own Message-ID with angle brackets, when it has one. */
  messageId?: string;
  /** Idempotency key: the Message-ID, or `sha256:<hex>` of the raw message when it has none. */
  key: string;
  fromAddress?: string;
  fromName?: string;
  subject: string;
  /** ISO 8601, when the Date header parses. */
  date?: string;
  inReplyTo: string[];
  references: string[];
  /** Lower-case header name → values (a header may repeat). */
  headers: ReadonlyMap<string, readonly string[]>;
  /** Lower-case top-level MIME type, e.g. `multipart/report`. */
  contentType: string;
  /** The `report-type` parameter of a multipart/report, lower-case. */
  reportType?: string;
  /** Plain-text body (mail parser's text, including inline delivery-status text). */
  text: string;
  /** Parts kept aside: delivery-status, feedback-report, attached messages or headers. */
  parts: InboundPart[];
  /** The raw message as latin1 text, searched for our Message-IDs and headers quoted in bounces. */
  raw: string;
}

export function headerValue(message: Pick<InboundMessage, "headers">, name: string): string | undefined {
  return message.headers.get(name.toLowerCase())?.[0];
}

const EMAIL = /[A-Za-z0-9._%+'=-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]+/g;

/** Every address in `text`, lower-case, in order. */
export function addressesIn(text: string): string[] {
  return [...text.matchAll(EMAIL)].map((m) => m[0].toLowerCase());
}

/** Whether a part holds delivery-status fields (RFC 3464, RFC 6533, or a vendor's variant). */
export function isDeliveryStatusPart(contentType: string): boolean {
  return contentType.endsWith("delivery-status");
}
