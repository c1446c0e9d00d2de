/**
 * RFC 3464 delivery-status fields, one entry per recipient block, read from a `message/delivery-status`
 * part or, when the mail parser yields none (a broken or missing boundary, a truncated report, a vendor's
 * `message/xdelivery-status`, fields pasted into the text), found in the raw message. Pure.
 */
import { ENHANCED_STATUS } from "./bounce-reason.js";

export interface DsnRecipient {
  /** Final-Recipient address, lower-case; absent when the field holds no address (`LOCAL;<f.b>`). */
  final?: string;
  /** Original-Recipient address, lower-case: the address as the sender gave it. */
  original?: string;
  /** Lower-case Action: failed, delayed, delivered, relayed, expanded (Postfix: deliverable, undeliverable). */
  action?: string;
  /** The enhanced status code of the Status field. */
  status?: string;
  /** What the Status field says besides its code, e.g. "(delivery time expired)". */
  statusText?: string;
  /** Diagnostic-Code without its type (`smtp;`, `X-Postfix;`). */
  diagnostic?: string;
}

/** Parse delivery-status content into its recipient blocks (blocks without a recipient field are skipped). */
export function parseDeliveryStatus(content: string): DsnRecipient[] {
  const recipients: DsnRecipient[] = [];
  for (const block of unfold(content).split(/\n[ \t]*\n/)) {
    const fields = new Map<string, string>();
    for (const line of block.split("\n")) {
      const m = /^\s*([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
      if (m?.[1] && m[2] !== undefined && !fields.has(m[1].toLowerCase()))
        fields.set(m[1].toLowerCase(), m[2].trim());
    }
    const final = fields.get("final-recipient");
    const original = fields.get("original-recipient");
    // The per-message block (Reporting-MTA…) names no recipient: its fields (even an Action) are not one's.
    if (final === undefined && original === undefined) continue;
    recipients.push(recipientOf(fields, final, original));
  }
  return recipients;
}

/**
 * Delivery-status fields anywhere in the raw message: every blank-line separated block that holds a
 * Final-Recipient or Original-Recipient line. Used only when no delivery-status part was parsed.
 */
export function findDeliveryStatus(raw: string): DsnRecipient[] {
  const blocks = unfold(raw)
    .split(/\n[ \t]*\n/)
    .filter((b) => /^\s*(final|original)-recipient:/im.test(b));
  return parseDeliveryStatus(blocks.join("\n\n"));
}

function recipientOf(
  fields: ReadonlyMap<string, string>,
  final: string | undefined,
  original: string | undefined,
): DsnRecipient {
  const r: DsnRecipient = {};
  const finalAddress = final === undefined ? undefined : addressOfField(final);
  const originalAddress = original === undefined ? undefined : addressOfField(original);
  if (finalAddress) r.final = finalAddress;
  if (originalAddress) r.original = originalAddress;
  const action = fields.get("action");
  if (action) r.action = action.toLowerCase().split(/[\s(;]/)[0] ?? "";
  const status = fields.get("status") ?? "";
  const code = ENHANCED_STATUS.exec(status);
  if (code) {
    r.status = code[0];
    const rest = status.replace(code[0], "").trim();
    if (rest) r.statusText = rest;
  }
  const diagnostic = fields.get("diagnostic-code");
  if (diagnostic) r.diagnostic = diagnostic.replace(/^[A-Za-z0-9-]+\s*;\s*/, "").trim();
  return r;
}

/**
 * The address in a recipient field: `rfc822; a@b.c`, `rfc822;<a@b.c>`, XWall's `rfc822; rfc822;a@b.c`;
 * none in `LOCAL;<f.b>`. Kept as written otherwise (`recipient@#example.net` is what the report names).
 */
export function addressOfField(value: string): string | undefined {
  let rest = value.trim();
  while (/^[A-Za-z0-9-]+\s*;/.test(rest)) rest = rest.replace(/^[A-Za-z0-9-]+\s*;\s*/, "");
  const token = rest.replace(/^<\s*/, "").split(/[\s>]/)[0] ?? "";
  return /^[^\s@<>]+@[^\s@<>]+$/.test(token) ? token.toLowerCase() : undefined;
}

function unfold(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/\n[ \t]+(?=\S)/g, " ");
}
