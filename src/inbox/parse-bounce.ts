/**
 * Reading delivery reports: the standard RFC 3464 `message/delivery-status` fields, and the plain-text
 * shapes common mail servers produce (Postfix, Exim, Exchange/Outlook, Gmail, qmail, Sendmail), reduced
 * to what tracking needs: hard or soft, the enhanced status code, a diagnostic, and candidate recipients.
 */
import { headerValue, type InboundMessage } from "./inbound-message.js";

export interface BounceRecipient {
  /** Final-Recipient (or Original-Recipient) address, lower-case. */
  address?: string;
  action?: string;
  status?: string;
  diagnostic?: string;
}

export interface BounceReport {
  kind: "hard" | "soft";
  /** Enhanced status code such as 5.1.1, when one was found. */
  status?: string;
  diagnostic?: string;
  /** Recipients named by the report (DSN fields first, then addresses found in the text). */
  recipients: string[];
  /** `dsn` for RFC 3464 reports, `text` for recognised non-standard ones. */
  shape: "dsn" | "text";
}

const BOUNCE_SENDER =
  /^(mailer-daemon|postmaster|mail-daemon|mail delivery (sub)?system|microsoftexchange[0-9a-f]*)/i;

const BOUNCE_SUBJECTS = [
  /undeliver(ed|able)/i,
  /returned mail/i,
  /mail delivery (failed|failure)/i,
  /delivery status notification/i,
  /delivery (has )?failed/i,
  /failure notice/i,
  /non.?delivery/i,
  /returned to sender/i,
  /could not be delivered/i,
  /delivery (delayed|delay)/i,
  /delayed mail/i,
  /warning: (message|could not send)/i,
];

const ENHANCED_STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
const SMTP_REPLY = /(?:^|[\s:;(])([45])\d\d(?=[\s-])/m;
const SOFT_WORDS =
  /\b(delayed|will (be )?retr(y|ied)|still trying|temporar(y|ily)|not yet been delivered|has been delayed)\b/i;
const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** True when the message is a delivery report: a multipart/report, or a known non-standard bounce. */
export function looksLikeBounce(message: InboundMessage): boolean {
  if (
    message.contentType === "multipart/report" &&
    (message.reportType ?? "delivery-status") === "delivery-status"
  )
    return true;
  if (message.parts.some((p) => p.contentType === "message/delivery-status")) return true;
  const from = `${message.fromName ?? ""} ${message.fromAddress ?? ""}`.trim();
  const fromDaemon = BOUNCE_SENDER.test(message.fromAddress ?? "") || BOUNCE_SENDER.test(from);
  const bounceSubject = BOUNCE_SUBJECTS.some((re) => re.test(message.subject));
  // A person may write "Undeliverable" in a subject; a daemon may send notices. Either with the
  // other, or a null return path, is a delivery report.
  const nullReturnPath = (headerValue(message, "return-path") ?? "").trim() === "<>";
  return (
    (fromDaemon && (bounceSubject || nullReturnPath || ENHANCED_STATUS.test(message.text))) ||
    (bounceSubject && nullReturnPath)
  );
}

/** Parse RFC 3464 `message/delivery-status` content into its per-recipient blocks. */
export function parseDeliveryStatus(content: string): BounceRecipient[] {
  const blocks = unfold(content)
    .split(/\r?\n\s*\r?\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const recipients: BounceRecipient[] = [];
  for (const block of blocks) {
    const fields = new Map<string, string>();
    for (const line of block.split(/\r?\n/)) {
      const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (m?.[1] && m[2] !== undefined && !fields.has(m[1].toLowerCase()))
        fields.set(m[1].toLowerCase(), m[2].trim());
    }
    const final = fields.get("final-recipient") ?? fields.get("original-recipient");
    if (!final && !fields.has("action")) continue;
    const r: BounceRecipient = {};
    const address = final ? addressOf(final) : undefined;
    if (address) r.address = address;
    const action = fields.get("action");
    if (action) r.action = action.toLowerCase();
    const status = fields.get("status");
    const statusMatch = status ? ENHANCED_STATUS.exec(status) : null;
    if (statusMatch) r.status = statusMatch[0];
    const diagnostic = fields.get("diagnostic-code");
    if (diagnostic) r.diagnostic = diagnostic.replace(/^[A-Za-z-]+;\s*/, "").trim();
    recipients.push(r);
  }
  return recipients;
}

/** Read a delivery report (standard or not) into hard/soft, status, diagnostic and recipients. */
export function readBounce(message: InboundMessage): BounceReport {
  const dsnParts = message.parts.filter((p) => p.contentType === "message/delivery-status");
  const dsn = dsnParts.flatMap((p) => parseDeliveryStatus(p.content));
  const failing = dsn.filter(
    (r) => r.action !== "delivered" && r.action !== "relayed" && r.action !== "expanded",
  );
  const first = failing[0] ?? dsn[0];
  const bodyText = message.text;
  const recipients = [
    ...failing.map((r) => r.address).filter((a): a is string => Boolean(a)),
    ...addressesIn(bodyText),
  ];
  const unique = [...new Set(recipients)];
  if (first && dsn.length > 0) {
    const status = first.status ?? ENHANCED_STATUS.exec(first.diagnostic ?? "")?.[0];
    const kind: "hard" | "soft" =
      first.action === "delayed" || status?.startsWith("4")
        ? "soft"
        : status?.startsWith("5")
          ? "hard"
          : kindFromText(bodyText);
    return {
      kind,
      ...(status ? { status } : {}),
      ...withDiagnostic(first.diagnostic ?? diagnosticLine(bodyText)),
      recipients: unique,
      shape: "dsn",
    };
  }
  const status = ENHANCED_STATUS.exec(bodyText)?.[0];
  return {
    kind: status
      ? status.startsWith("4")
        ? "soft"
        : "hard"
      : kindFromText(`${message.subject}\n${bodyText}`),
    ...(status ? { status } : {}),
    ...withDiagnostic(diagnosticLine(bodyText)),
    recipients: unique,
    shape: "text",
  };
}

function kindFromText(text: string): "hard" | "soft" {
  const smtp = SMTP_REPLY.exec(text)?.[1];
  if (smtp === "4") return "soft";
  if (smtp === "5") return "hard";
  return SOFT_WORDS.test(text) ? "soft" : "hard";
}

/** The most informative line of a text bounce: the one carrying an SMTP reply or status code. */
function diagnosticLine(text: string): string | undefined {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const withStatus =
    lines.find((l) => ENHANCED_STATUS.test(l)) ??
    lines.find((l) => /^[45]\d\d[\s-]/.test(l) || /said: [45]\d\d/.test(l));
  return withStatus ? withStatus.slice(0, 300) : undefined;
}

function withDiagnostic(d: string | undefined): { diagnostic?: string } {
  return d ? { diagnostic: d.slice(0, 300) } : {};
}

function addressOf(field: string): string | undefined {
  // `rfc822; someone@example.org` or `rfc822;<someone@example.org>`
  const value = field.includes(";") ? field.slice(field.indexOf(";") + 1) : field;
  return value.match(EMAIL)?.[0]?.toLowerCase();
}

export function addressesIn(text: string): string[] {
  return [...text.matchAll(EMAIL)].map((m) => m[0].toLowerCase());
}

function unfold(text: string): string {
  return text.replace(/\r?\n[ \t]+/g, " ");
}
