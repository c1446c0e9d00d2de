/**
 * The SMTP transport: a small pool of nodemailer `SMTPConnection`s. Why not nodemailer's pool transport:
 * it re-queues messages on dropped connections on its own, and it does not tell whether the message body
 * had already gone out when a connection dropped. Here each send knows that (`readableDidRead` on the
 * message stream, which nodemailer pipes only after the server accepted DATA), so a drop after the body
 * is reported as uncertain and never silently retried.
 *
 * TLS is required (implicit, or STARTTLS with requireTLS) unless the host is loopback. The password comes
 * from the caller (read from the environment), and never appears in errors or results: every server reply
 * and error text is scrubbed (`core/scrub-secrets`) before it leaves this file, because a server may echo
 * the password, its base64 or the whole AUTH PLAIN blob in a 535.
 */
import { Readable } from "node:stream";
import { rootCertificates } from "node:tls";
import SMTPConnection from "nodemailer/lib/smtp-connection/index.js";
import type { SmtpConfig } from "../config/config-schema.js";
import { SafetyError } from "../core/errors.js";
import { createCredentialScrubber, scrubError, type Scrubber } from "../core/scrub-secrets.js";
import type { OutgoingMessage } from "../render/outgoing-message.js";
import { classifySmtpError, type SmtpErrorFacts } from "./classify-smtp-error.js";
import type { ComposeMessage, DeliveryResult, Transport } from "./transport.js";

export interface SmtpTransportOptions {
  smtp: SmtpConfig;
  /** From `readSmtpPassword`; undefined when the server needs no authentication. */
  password: string | undefined;
  compose: ComposeMessage;
  /** PEM text of `smtp.trustedCertificate`, already read by the caller. */
  trustedCertificate?: string | undefined;
  /** Messages per connection before it is recycled. */
  maxMessagesPerConnection?: number;
  /** The whole pre-flight (connect, greeting, TLS, login) must finish within this (default 10 s). */
  verifyTimeoutMs?: number;
}

const VERIFY_TIMEOUT_MS = 10_000;

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

interface PooledConnection {
  conn: SMTPConnection;
  alive: boolean;
  messages: number;
}

type SmtpError = Error & { code?: string; originalCode?: string; responseCode?: number; response?: string };

export function createSmtpTransport(options: SmtpTransportOptions): Transport {
  const { smtp } = options;
  if (smtp.security === "none" && !isLoopbackHost(smtp.host)) {
    throw new SafetyError(
      "E_SMTP_INSECURE",
      `smtp.security "none" is only allowed for a loopback host, not ${smtp.host}`,
      {
        hint: 'use "starttls" (port 587) or "tls" (port 465)',
      },
    );
  }
  const maxConnections = smtp.maxConnections;
  const maxMessages = options.maxMessagesPerConnection ?? 100;
  const idle: PooledConnection[] = [];
  const waiters: ((c: PooledConnection | undefined) => void)[] = [];
  let open = 0;
  let closed = false;

  const connectionOptions = (): SMTPConnection.Options => ({
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
      ...(options.trustedCertificate ? { ca: [...rootCertificates, options.trustedCertificate] } : {}),
      ...(isLoopbackHost(smtp.host) ? { servername: "localhost" } : {}),
    },
    logger: false,
  });

  const scrub = oneLineScrubber(createCredentialScrubber({ user: smtp.user, password: options.password }));
  const describe = (e: SmtpError) => scrub(e.response ?? e.message);

  const fatalFor = (e: SmtpError, bodyStarted: boolean): SafetyError | undefined => {
    const cls = classifySmtpError(factsOf(e, bodyStarted));
    if (cls.kind === "auth") {
      return new SafetyError("E_SMTP_AUTH", `SMTP authentication failed at ${smtp.host}: ${authReply(e)}`, {
        hint: `check smtp.user in config.json and the password in $${smtp.passwordEnv}; nothing more will be sent until it works`,
      });
    }
    if (cls.kind === "tls") {
      return new SafetyError("E_SMTP_TLS", `TLS with ${smtp.host}:${smtp.port} failed: ${describe(e)}`, {
        hint: "check smtp.security and smtp.port; for a self-signed relay set smtp.trustedCertificate to its certificate",
      });
    }
    return undefined;
  };

  /** Open and log in. With `deadlineMs`, give up (and close the socket) when that is not done in time. */
  const openConnection = (deadlineMs?: number): Promise<PooledConnection> =>
    new Promise((resolve, reject) => {
      const base = connectionOptions();
      const conn = new SMTPConnection(
        deadlineMs === undefined
          ? base
          : {
              ...base,
              connectionTimeout: Math.min(deadlineMs, smtp.connectionTimeoutMs),
              greetingTimeout: Math.min(deadlineMs, smtp.connectionTimeoutMs),
              socketTimeout: deadlineMs,
            },
      );
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
      conn.on("error", fail);
      conn.on("end", () => {
        pooled.alive = false;
        if (!settled)
          fail(Object.assign(new Error("connection closed before it was ready"), { code: "ECONNECTION" }));
      });
      conn.connect((err) => {
        if (err) return fail(err);
        if (!smtp.user) {
          settled = true;
          clearTimeout(timer);
          return resolve(pooled);
        }
        conn.login({ user: smtp.user, pass: options.password ?? "" }, (loginErr) => {
          if (loginErr) {
            // Settle first: closing emits "end", which would otherwise report a plain network error.
            fail(loginErr);
            conn.close();
            return;
          }
          settled = true;
          clearTimeout(timer);
          resolve(pooled);
        });
      });
    });

  const acquire = async (): Promise<PooledConnection> => {
    for (;;) {
      const c = idle.pop();
      if (!c) break;
      if (c.alive) return c;
      open -= 1;
    }
    if (open < maxConnections) {
      open += 1;
      try {
        return await openConnection();
      } catch (e) {
        open -= 1;
        wakeOne();
        throw e;
      }
    }
    const c = await new Promise<PooledConnection | undefined>((r) => waiters.push(r));
    return c ?? acquire();
  };

  const wakeOne = () => {
    const w = waiters.shift();
    if (w) w(undefined);
  };

  const release = (c: PooledConnection, reusable: boolean) => {
    if (!reusable || !c.alive || closed || c.messages >= maxMessages) {
      c.alive = false;
      c.conn.quit();
      open -= 1;
      wakeOne();
      return;
    }
    const w = waiters.shift();
    if (w) w(c);
    else idle.push(c);
  };

  return {
    name: "smtp",
    description: `SMTP server ${smtp.host}:${smtp.port} (${smtp.security === "none" ? "no TLS: loopback only" : smtp.security})`,
    paced: true,

    /**
     * The pre-flight: one connection, greeting, TLS and login before anything is attempted, bounded in
     * time. Any failure ends the run here (nothing recorded): a server that is down, a wrong host or
     * port, a firewall, a TLS or password problem is the user's to fix, not something to retry for
     * minutes behind a progress bar.
     */
    async verify() {
      let c: PooledConnection;
      try {
        c = await openConnection(options.verifyTimeoutMs ?? VERIFY_TIMEOUT_MS);
      } catch (e) {
        throw fatalFor(e as SmtpError, false) ?? unreachable(smtp, e as SmtpError, scrub);
      }
      c.alive = false;
      c.conn.quit();
    },

    async deliver(message: OutgoingMessage): Promise<DeliveryResult> {
      try {
        return await deliverOne(message);
      } catch (e) {
        // The sender records an unexpected error's message in the ledger: it must not carry a secret.
        throw scrubError(e, scrub);
      }
    },

    async close() {
      closed = true;
      for (const c of idle.splice(0)) {
        c.alive = false;
        c.conn.quit();
      }
      for (const w of waiters.splice(0)) w(undefined);
      return Promise.resolve();
    },
  };

  async function deliverOne(message: OutgoingMessage): Promise<DeliveryResult> {
    // Compose before taking a connection, so no connection sits idle while a message is being built.
    const raw = await options.compose(message);
    let c: PooledConnection;
    try {
      c = await acquire();
    } catch (e) {
      const err = e as SmtpError;
      const fatal = fatalFor(err, false);
      if (fatal) throw fatal;
      return resultOf(err, false, scrub);
    }
    // nodemailer pipes the body only once the server accepted DATA, so `readableDidRead` tells whether
    // any of it went out. (A composer stream fills its own buffer early, but nobody *reads* it before.)
    const body = raw instanceof Readable ? raw : Readable.from([Buffer.from(raw)]);
    const envelope = {
      from: message.mail.from.address,
      to: [message.mail.to.address, ...(message.mail.cc ?? []).map((a) => a.address)],
    };
    return new Promise<DeliveryResult>((resolve, reject) => {
      c.messages += 1;
      c.conn.send(envelope, body, (err, info) => {
        if (!err) {
          release(c, true);
          const rejected = info.rejected.length ? ` (refused: ${info.rejected.join(", ")})` : "";
          resolve({ status: "sent", response: scrub(info.response) + rejected });
          return;
        }
        const e = err as SmtpError;
        const bodyStarted = body.readableDidRead;
        const fatal = fatalFor(e, bodyStarted);
        // A refused message leaves the session usable after RSET; anything else ends the connection.
        const sessionOk =
          c.alive && (e.code === "EENVELOPE" || e.code === "EMESSAGE") && e.responseCode !== 421;
        if (sessionOk) {
          c.conn.reset((resetErr) => release(c, !resetErr));
        } else {
          c.alive = false;
          release(c, false);
        }
        if (fatal) reject(fatal);
        else resolve(resultOf(e, bodyStarted, scrub));
      });
    });
  }
}

/** What went wrong reaching the server, in words, with what to check. */
function unreachable(smtp: SmtpConfig, e: SmtpError, scrub: Scrubber): SafetyError {
  const where = `${smtp.host}:${smtp.port}`;
  const code = e.originalCode ?? (e.cause as { code?: string } | undefined)?.code ?? e.code ?? "";
  const detail = scrub(e.response ?? e.message);
  const known: Record<string, [string, string]> = {
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
  const dns = code === "EDNS" || /ENOTFOUND/.test(e.message) ? "ENOTFOUND" : code;
  const refused: [string, string] | undefined = e.responseCode
    ? [
        `the server refused the session (${e.responseCode})`,
        "it may be busy or may not accept this machine; try again later, or ask its administrator",
      ]
    : undefined;
  const [reason, hint] = refused ??
    known[dns] ?? [
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

function resultOf(e: SmtpError, bodyStarted: boolean, scrub: Scrubber): DeliveryResult {
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
function oneLineScrubber(scrubSecrets: Scrubber): Scrubber {
  return (text) => scrubSecrets(scrubSecrets(text).replace(/\s+/g, " ").trim());
}
