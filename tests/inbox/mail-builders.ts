/**
 * Invented mail for the inbox tests: a campaign of three contacts at reserved domains, their keyed
 * Message-IDs, and builders for the reports and answers that come back.
 */
import { messageIdFor } from "../../src/campaign/message-id.js";
import { buildContactIndex } from "../../src/inbox/contact-index.js";
import type { InboundMessage } from "../../src/inbox/inbound-message.js";
import { parseInbound } from "../../src/inbox/parse-inbound.js";

export const CAMPAIGN = "wcit-test";
export const DOMAIN = "outreach.coalition.example";
export const KEY = Buffer.alloc(32, 5);

export const ANA = { contactId: "ar-mincom", email: "ana.perez@mincom.gob.example" };
export const LUC = { contactId: "fr-arcep", email: "luc.martin@arcep.example" };
export const SOM = { contactId: "th-mdes", email: "somchai@mdes.go.test" };
export const CONTACTS = [ANA, LUC, SOM] as const;

/** The keyed Message-ID the campaign gives a contact: quoting it verifies a report. */
export function idOf(contact: { contactId: string }): string {
  return messageIdFor(CAMPAIGN, contact.contactId, DOMAIN, KEY);
}

export function campaignIndex() {
  return buildContactIndex(
    CAMPAIGN,
    CONTACTS.map((c) => ({ ...c, messageId: idOf(c) })),
    [],
    KEY,
  );
}

export function parseLines(lines: readonly string[], source = "inline"): Promise<InboundMessage> {
  return parseInbound(Buffer.from(lines.join("\r\n"), "utf8"), source);
}

/** The headers of our letter to `contact`, as a report quotes them. */
export function ourHeaders(contact: { email: string; contactId: string }): string[] {
  return [
    "From: Coalition <letters@coalition.example>",
    `To: ${contact.email}`,
    "Subject: Letter to ITU Member States",
    `Message-ID: ${idOf(contact)}`,
  ];
}

/** A standard report: a text part, one delivery-status block per recipient, and the quoted headers. */
export function dsnReport(
  blocks: readonly { recipient: string; action: string; status: string; diagnostic?: string }[],
  quoted: readonly string[],
  options: { subject?: string; text?: string } = {},
): Promise<InboundMessage> {
  return parseLines([
    "Return-Path: <>",
    "From: Mail Delivery System <MAILER-DAEMON@relay.coalition.example>",
    "To: letters@coalition.example",
    `Subject: ${options.subject ?? "Undelivered Mail Returned to Sender"}`,
    "Message-ID: <dsn-report@relay.coalition.example>",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="rpt"',
    "",
    "--rpt",
    "Content-Type: text/plain",
    "",
    options.text ?? "This is the mail system at host relay.coalition.example.",
    "",
    "--rpt",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; relay.coalition.example",
    "",
    ...blocks.flatMap((b) => [
      `Final-Recipient: rfc822; ${b.recipient}`,
      `Action: ${b.action}`,
      `Status: ${b.status}`,
      ...(b.diagnostic ? [`Diagnostic-Code: smtp; ${b.diagnostic}`] : []),
      "",
    ]),
    "--rpt",
    "Content-Type: text/rfc822-headers",
    "",
    ...quoted,
    "",
    "--rpt--",
    "",
  ]);
}
