/**
 * What an SMTP error becomes for the user and the ledger: a run-stopping `SafetyError` (auth, TLS, a
 * server that cannot be reached at the pre-flight) or a `DeliveryResult`. Pure: every server reply and
 * error text goes through the caller's scrubber before it leaves here.
 */
import type { SmtpConfig } from "../config/config-schema.js";
import { SafetyError } from "../core/errors.js";
import type { Scrubber } from "../core/scrub-secrets.js";
import { classifySmtpError, type SmtpErrorFacts } from "./classify-smtp-error.js";
import type { DeliveryResult } from "./transport.js";

/** The fields nodemailer puts on its errors. */
export type SmtpError = Error & {
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
};

/** The `SafetyError` that ends the run for an auth or TLS failure; undefined for anything else. */
export function fatalFor(
  smtp: SmtpConfig,
  e: SmtpError,
  bodyStarted: boolean,
  scrub: Scrubber,
): SafetyError | undefined {
  const cls = classifySmtpError(factsOf(e, bodyStarted));
  if (cls.kind === "auth") {
    return new SafetyError("E_SMTP_AUTH", `SMTP authentication failed at ${smtp.host}: ${authReply(e)}`, {
      hint: `check smtp.user in config.json and the password in $${smtp.passwordEnv}; nothing more will be sent until it works`,
    });
  }
  if (cls.kind === "tls") {
    return new SafetyError(
      "E_SMTP_TLS",
      `TLS with ${smtp.host}:${smtp.port} failed: ${scrub(e.response ?? e.message)}`,
      {
        hint: "check smtp.security and smtp.port; for a self-signed relay set smtp.trustedCertificate to its certificate",
      },
    );
  }
  return undefined;
}

/** Network error codes, as a reason in words and what to check. */
const UNREACHABLE_REASONS: Record<string, [string, string]> = {
  ECONNREFUSED: [
    "connection refused: nothing is listening there",
    "is the mail server running, and are smtp.host and smtp.port in config.json right?",
  ],
  ENOTFOUND: [
    "the host name does not resolve",
    "check smtp.host in config.json (is it still the example's placeholder?) and this machine's DNS",
  ],
  EAI_AGAIN: [
    "the host name could not be looked up (DNS did not answer)",
    "check this machine's DNS and network",
  ],
  ETIMEDOUT: [
    "no answer in time",
    "a firewall may block the port, or the host is wrong; check smtp.host and smtp.port (587 for starttls, 465 for tls)",
  ],
  EHOSTUNREACH: ["the host cannot be reached", "check the network and smtp.host"],
  ENETUNREACH: ["the network cannot be reached", "check this machine's network connection"],
  ECONNRESET: [
    "the server closed the connection",
    "check smtp.port and smtp.security (tls for 465, starttls for 587)",
  ],
};

/** What went wrong reaching the server, in words, with what to check. */
export function unreachable(smtp: SmtpConfig, e: SmtpError, scrub: Scrubber): SafetyError {
  const where = `${smtp.host}:${smtp.port}`;
  const code = e.originalCode ?? (e.cause as { code?: string } | undefined)?.code ?? e.code ?? "";
  const detail = scrub(e.response ?? e.message);
  const dns = code === "EDNS" || /ENOTFOUND/.test(e.message) ? "ENOTFOUND" : code;
  const refused: [string, string] | undefined = e.responseCode
    ? [
        `the server refused the session (${e.responseCode})`,
        "it may be busy or may not accept this machine; try again later, or ask its administrator",
      ]
    : undefined;
  const [reason, hint] = refused ??
    UNREACHABLE_REASONS[dns] ?? [
      detail,
      "check smtp.host, smtp.port and smtp.security in config.json, and that the server is up",
    ];
  return new SafetyError(
    "E_SMTP_UNREACHABLE",
    `cannot reach the SMTP server ${where}: ${reason} (${detail})`,
    {
      hint: `${hint}; nothing was sent and nothing was recorded`,
    },
  );
}

/**
 * What is shown of a refused login: the reply code and enhanced status only. Servers echo what they were
 * sent when they refuse a login, in forms no scrubber can list (split over lines, re-encoded), so the text
 * of that reply never reaches a message, the ledger or a report.
 */
function authReply(e: SmtpError): string {
  const enhanced = /\b[245]\.\d{1,3}\.\d{1,3}\b/.exec(e.response ?? "")?.[0];
  const code = e.responseCode ?? (/^\d{3}/.exec(e.response ?? "")?.[0] || undefined);
  const shown = [code, enhanced].filter(Boolean).join(" ");
  return shown
    ? `the server refused the login (${shown}; its reply text is not shown)`
    : "the server refused the login";
}

/** A nodemailer error as the facts `classifySmtpError` decides on. */
function factsOf(e: SmtpError, bodyStarted: boolean): SmtpErrorFacts {
  return {
    code: e.code,
    originalCode: e.originalCode ?? (e.cause as { code?: string } | undefined)?.code,
    responseCode: e.responseCode,
    response: e.response,
    message: e.message,
    bodyStarted,
  };
}

/** The ledger outcome of an error that does not stop the run. */
export function resultOf(e: SmtpError, bodyStarted: boolean, scrub: Scrubber): DeliveryResult {
  const cls = classifySmtpError(factsOf(e, bodyStarted));
  const response = scrub(cls.response);
  switch (cls.kind) {
    case "failed":
      return { status: "failed", response };
    case "uncertain":
      return { status: "uncertain", response };
    case "deferred":
      return { status: "deferred", response, scope: cls.scope };
    default:
      // auth and tls are turned into SafetyErrors before this point.
      return { status: "deferred", response, scope: "connection" };
  }
}

/**
 * Server text as one line, with the credentials scrubbed before and after the whitespace is folded (a
 * password with a run of spaces, or one a server wrapped over lines).
 */
export function oneLineScrubber(scrubSecrets: Scrubber): Scrubber {
  return (text) => scrubSecrets(scrubSecrets(text).replace(/\s+/g, " ").trim());
}
