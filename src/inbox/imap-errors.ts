/**
 * What an imapflow error becomes for the user: a refused login (E_IMAP_AUTH), a server that cannot be
 * reached (E_IMAP_UNREACHABLE), TLS that cannot be had (E_IMAP_TLS), a folder the server does not have
 * (E_IMAP_FOLDER), anything else during the session (E_IMAP_FAILED). Pure: the server's text goes through
 * the caller's scrubber, and the text of a refused login is never shown at all.
 */
import {
  InputError,
  isOutreachError,
  OperationError,
  SafetyError,
  type OutreachError,
} from "../core/errors.js";
import type { Scrubber } from "../core/scrub-secrets.js";

/** The fields imapflow (and Node's sockets) put on their errors, as far as they decide anything here. */
export type ImapError = Error & {
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  mailboxMissing?: boolean;
  responseText?: string;
  serverResponseCode?: string;
  path?: string;
};

export interface ImapEndpoint {
  host: string;
  port: number;
  user: string;
  passwordEnv: string;
}

/** `connect`: reaching the server and logging in; `session`: any command after that. */
export type ImapPhase = "connect" | "session";

/** Network error codes while connecting, as a reason in words and what to check. */
const UNREACHABLE_REASONS: Readonly<Record<string, [string, string]>> = {
  ECONNREFUSED: [
    "connection refused: nothing is listening there",
    "check that the server is up and that imap.host and imap.port are right",
  ],
  ENOTFOUND: [
    "the host name does not resolve",
    "check imap.host in config.json (is it still the example's placeholder?) and this machine's DNS",
  ],
  EAI_AGAIN: [
    "the host name could not be looked up (DNS did not answer)",
    "check this machine's DNS and network",
  ],
  ETIMEDOUT: ["no answer in time", "a firewall may block the port, or the host is wrong"],
  CONNECT_TIMEOUT: ["no answer in time", "a firewall may block the port, or the host is wrong"],
  GREETING_TIMEOUT: [
    "the server sent no greeting in time",
    "check imap.port and imap.security (tls for 993, starttls for 143)",
  ],
  EHOSTUNREACH: ["the host cannot be reached", "check the network and imap.host"],
  ENETUNREACH: ["the network cannot be reached", "check this machine's network connection"],
  ECONNRESET: [
    "the server closed the connection",
    "check imap.port and imap.security (tls for 993, starttls for 143)",
  ],
  ClosedAfterConnectText: [
    "the server closed the connection before its greeting",
    "it may be busy or refuse this machine; check imap.port and imap.security",
  ],
};

const TLS_CODE = /^(EPROTO|ClosedAfterConnectTLS|UPGRADE_TIMEOUT|ERR_TLS_|ERR_SSL_)|CERT|SELF_SIGNED/;

/** The OutreachError for an error met talking to the IMAP server (an OutreachError is kept as it is). */
export function imapErrorFor(
  error: unknown,
  at: ImapEndpoint,
  phase: ImapPhase,
  scrub: Scrubber,
  /** The folder being read when it happened, if any. */
  folder?: string,
): OutreachError {
  if (isOutreachError(error)) return error;
  const e = (error instanceof Error ? error : new Error(String(error))) as ImapError;
  const where = `${at.host}:${at.port}`;
  const code = e.code ?? "";
  // Scrubbed before and after folding: a password a server wrapped over lines is found either way.
  const detail = scrub(oneLine(scrub(e.responseText ?? e.message)));
  // A response code is an atom (AUTHENTICATIONFAILED); anything else a server put there is not shown.
  const responseCode = /^[A-Z][A-Z0-9-]{0,39}$/.test(e.serverResponseCode ?? "")
    ? e.serverResponseCode
    : undefined;
  if (e.authenticationFailed) {
    // A server may echo what it was sent when it refuses a login: its text is never shown.
    return new SafetyError(
      "E_IMAP_AUTH",
      `the IMAP server ${where} refused the login of ${at.user}${responseCode ? ` (${scrub(responseCode)}; its reply text is not shown)` : " (its reply text is not shown)"}`,
      { hint: `check imap.user in config.json and the password in $${at.passwordEnv}; nothing was fetched` },
    );
  }
  if (e.tlsFailed || TLS_CODE.test(code)) {
    const why = /wrong version number/i.test(detail)
      ? `the server does not speak TLS on port ${at.port} (${detail})`
      : detail;
    return new SafetyError("E_IMAP_TLS", `TLS with the IMAP server ${where} failed: ${why}`, {
      hint: "check imap.security and imap.port (tls: 993, starttls: 143); nothing was fetched",
    });
  }
  if (e.mailboxMissing || e.serverResponseCode === "NONEXISTENT") {
    return new InputError(
      "E_IMAP_FOLDER",
      `the folder "${folder ?? e.path ?? "?"}" does not exist on the IMAP server ${where}`,
      {
        hint: "check imap.folders in config.json: names as the server lists them (e.g. INBOX.Bounces or Bounces)",
      },
    );
  }
  const reason = UNREACHABLE_REASONS[code];
  if (phase === "connect") {
    const [why, hint] = reason ?? [
      detail,
      "check imap.host, imap.port and imap.security in config.json, and that the server is up",
    ];
    return new SafetyError(
      "E_IMAP_UNREACHABLE",
      `cannot reach the IMAP server ${where}: ${why}${reason ? ` (${detail})` : ""}`,
      { hint: `${hint}; nothing was fetched` },
    );
  }
  const during = folder === undefined ? "" : ` (reading ${folder})`;
  return new OperationError("E_IMAP_FAILED", `the IMAP session with ${where} failed${during}: ${detail}`, {
    hint: "run the command again: what was not recorded is fetched again",
  });
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
