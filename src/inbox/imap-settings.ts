/**
 * The IMAP account of `inbox fetch`, from config.json's `imap` section: the port, the refusal of clear
 * text to a host that is not loopback, the password from the environment, the options imapflow connects
 * with. Pure: the environment is passed in.
 */
import type { ImapFlowOptions } from "imapflow";
import type { ImapConfig } from "../config/config-schema.js";
import { ConfigError, SafetyError } from "../core/errors.js";
import { isLoopbackHost } from "../send/smtp-security.js";

/** `imap.port`, or the standard one for the security chosen (993 for implicit TLS, 143 otherwise). */
export function imapPortOf(imap: ImapConfig): number {
  return imap.port ?? (imap.security === "tls" ? 993 : 143);
}

/** The account the fetch state is kept under: another server or user starts from the first message. */
export function imapAccountOf(imap: ImapConfig): string {
  return `${imap.user}@${imap.host}:${imapPortOf(imap)}`;
}

/** Throws E_IMAP_INSECURE when `security: "none"` would send the password over the network in clear. */
export function assertSecureImap(imap: ImapConfig): void {
  if (imap.security === "none" && !isLoopbackHost(imap.host)) {
    throw new SafetyError(
      "E_IMAP_INSECURE",
      `imap.security "none" is only allowed for a loopback host, not ${imap.host}: the password would cross the network in clear text`,
      { hint: 'use "tls" (port 993) or "starttls" (port 143)' },
    );
  }
}

/** The IMAP password, from the environment variable `imap.passwordEnv` names. Never logged, never stored. */
export function readImapPassword(imap: ImapConfig, env: NodeJS.ProcessEnv): string {
  const value = env[imap.passwordEnv];
  if (value === undefined || value === "") {
    throw new ConfigError(
      "E_CONFIG_PASSWORD_MISSING",
      `the environment variable ${imap.passwordEnv} (imap.passwordEnv) holding the IMAP password for ${imap.user} is empty`,
      { hint: `export ${imap.passwordEnv}=... before running the command` },
    );
  }
  return value;
}

/**
 * What imapflow connects with. TLS is required unless `none` (loopback only): implicit TLS, or STARTTLS
 * that must succeed (never the opportunistic kind, which a man in the middle can strip). No logger: its
 * lines would carry the server's replies, which are printed by no one. No IDLE: the session is short.
 */
export function imapClientOptions(imap: ImapConfig, password: string): ImapFlowOptions {
  return {
    host: imap.host,
    port: imapPortOf(imap),
    secure: imap.security === "tls",
    doSTARTTLS: imap.security === "starttls",
    auth: { user: imap.user, pass: password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: imap.connectionTimeoutMs,
    greetingTimeout: imap.connectionTimeoutMs,
  };
}
