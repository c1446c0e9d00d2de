/**
 * What an SMTP error means for one message. Pure: input is the fields nodemailer puts on its errors and
 * whether the message body had started to go out; output is the ledger outcome or a run-stopping kind.
 */

export interface SmtpErrorFacts {
  /** nodemailer's code: EAUTH, ETLS, ECONNECTION, ETIMEDOUT, ESOCKET, EENVELOPE, EMESSAGE, EPROTOCOL, ... */
  code?: string | undefined;
  /** The underlying system or TLS code (e.g. DEPTH_ZERO_SELF_SIGNED_CERT, ECONNREFUSED). */
  originalCode?: string | undefined;
  responseCode?: number | undefined;
  response?: string | undefined;
  message: string;
  /** True once the message body started to be streamed after DATA was accepted. */
  bodyStarted: boolean;
}

export type SmtpErrorClass =
  | { kind: "auth"; response: string }
  | { kind: "tls"; response: string }
  | { kind: "deferred"; scope: "message" | "connection"; response: string }
  | { kind: "failed"; response: string }
  | { kind: "uncertain"; response: string };

const NETWORK_CODES = new Set([
  "ECONNECTION",
  "ETIMEDOUT",
  "ESOCKET",
  "EDNS",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "EPROTO",
]);

export function classifySmtpError(facts: SmtpErrorFacts): SmtpErrorClass {
  const response = (facts.response ?? facts.message).trim();
  const code = facts.code ?? "";
  const rc = facts.responseCode;
  if (code === "EAUTH" || code === "ENOAUTH" || rc === 535 || rc === 534 || rc === 530)
    return { kind: "auth", response };
  if (
    code === "ETLS" ||
    code === "EREQUIRETLS" ||
    (facts.originalCode !== undefined && TLS_CODES.has(facts.originalCode))
  ) {
    return { kind: "tls", response };
  }
  // A reply code decides, when there is one: 421 means the server is closing the whole session.
  if (rc === 421) return { kind: "deferred", scope: "connection", response };
  if (rc !== undefined && rc >= 400 && rc < 500) return { kind: "deferred", scope: "message", response };
  // 503 is a bad command sequence (a session problem), not a verdict on the message.
  if (rc === 503) return { kind: "deferred", scope: "connection", response };
  if (rc !== undefined && rc >= 500 && rc < 600) return { kind: "failed", response };
  // No reply. If the body had started to go out, the server may have taken it: we cannot know.
  if (facts.bodyStarted) return { kind: "uncertain", response };
  if (
    NETWORK_CODES.has(code) ||
    (facts.originalCode !== undefined && NETWORK_CODES.has(facts.originalCode))
  ) {
    return { kind: "deferred", scope: "connection", response };
  }
  return { kind: "deferred", scope: "message", response };
}
