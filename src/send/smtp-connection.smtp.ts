/**
 * Opening one logged-in SMTP connection (nodemailer `SMTPConnection`), with the TLS settings the
 * transport requires and an optional overall deadline (the pre-flight's).
 */
import { rootCertificates } from "node:tls";
import SMTPConnection from "nodemailer/lib/smtp-connection/index.js";
import type { SmtpConfig } from "../config/config-schema.js";
import { isLoopbackHost } from "./smtp-security.js";

/** A connection in the pool: `alive` turns false once it errored, ended or was quit. */
export interface PooledConnection {
  conn: SMTPConnection;
  alive: boolean;
  messages: number;
}

export interface ConnectionSettings {
  smtp: SmtpConfig;
  password: string | undefined;
  /** PEM text of `smtp.trustedCertificate`. */
  trustedCertificate?: string | undefined;
}

/** nodemailer options for the configured server: TLS 1.2+, the system CAs plus the trusted certificate. */
function connectionOptions({ smtp, trustedCertificate }: ConnectionSettings): SMTPConnection.Options {
  return {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === "tls",
    requireTLS: smtp.security === "starttls",
    ignoreTLS: smtp.security === "none",
    connectionTimeout: smtp.connectionTimeoutMs,
    greetingTimeout: smtp.connectionTimeoutMs,
    socketTimeout: Math.max(smtp.connectionTimeoutMs, 60_000),
    tls: {
      minVersion: "TLSv1.2",
      // Adding a CA must not drop the system ones: `ca` replaces them, so pass both.
      ...(trustedCertificate ? { ca: [...rootCertificates, trustedCertificate] } : {}),
      ...(isLoopbackHost(smtp.host) ? { servername: "localhost" } : {}),
    },
    logger: false,
  };
}

/** The options, with every timeout bounded by `deadlineMs` when there is one. */
function boundedOptions(settings: ConnectionSettings, deadlineMs?: number): SMTPConnection.Options {
  const base = connectionOptions(settings);
  if (deadlineMs === undefined) return base;
  const { connectionTimeoutMs } = settings.smtp;
  return {
    ...base,
    connectionTimeout: Math.min(deadlineMs, connectionTimeoutMs),
    greetingTimeout: Math.min(deadlineMs, connectionTimeoutMs),
    socketTimeout: deadlineMs,
  };
}

/** Open and log in. With `deadlineMs`, give up (and close the socket) when that is not done in time. */
export function openConnection(settings: ConnectionSettings, deadlineMs?: number): Promise<PooledConnection> {
  const { smtp, password } = settings;
  return new Promise((resolve, reject) => {
    const conn = new SMTPConnection(boundedOptions(settings, deadlineMs));
    const pooled: PooledConnection = { conn, alive: true, messages: 0 };
    let settled = false;
    const timer =
      deadlineMs === undefined
        ? undefined
        : setTimeout(() => {
            fail(
              Object.assign(new Error(`no answer within ${Math.round(deadlineMs / 1000)} s`), {
                code: "ETIMEDOUT",
              }),
            );
            conn.close();
          }, deadlineMs);
    const fail = (e: unknown) => {
      pooled.alive = false;
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const succeed = () => {
      settled = true;
      clearTimeout(timer);
      resolve(pooled);
    };
    conn.on("error", fail);
    conn.on("end", () => {
      pooled.alive = false;
      if (!settled)
        fail(Object.assign(new Error("connection closed before it was ready"), { code: "ECONNECTION" }));
    });
    conn.connect((err) => {
      if (err) return fail(err);
      if (!smtp.user) return succeed();
      conn.login({ user: smtp.user, pass: password ?? "" }, (loginErr) => {
        if (loginErr) {
          // Settle first: closing emits "end", which would otherwise report a plain network error.
          fail(loginErr);
          conn.close();
          return;
        }
        succeed();
      });
    });
  });
}
