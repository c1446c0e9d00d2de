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
import type { SmtpConfig } from "../config/config-schema.js";
import { createCredentialScrubber, scrubError, type Scrubber } from "../core/scrub-secrets.js";
import type { OutgoingMessage } from "../render/outgoing-message.js";
import { openConnection, type PooledConnection } from "./smtp-connection.smtp.js";
import { fatalFor, oneLineScrubber, resultOf, unreachable, type SmtpError } from "./smtp-error-mapping.js";
import { createSmtpPool, type SmtpPool } from "./smtp-pool.smtp.js";
import { assertSecureTarget } from "./smtp-security.js";
import type { ComposeMessage, DeliveryResult, PrepareMessage, Transport } from "./transport.js";

export interface SmtpTransportOptions {
  smtp: SmtpConfig;
  /** From `readSmtpPassword`; undefined when the server needs no authentication. */
  password: string | undefined;
  compose: ComposeMessage;
  /** Reads a message's attachment files before its attempt is recorded (`Transport.prepare`). */
  prepare?: PrepareMessage;
  /** PEM text of `smtp.trustedCertificate`, already read by the caller. */
  trustedCertificate?: string | undefined;
  /** Messages per connection before it is recycled. */
  maxMessagesPerConnection?: number;
  /** The whole pre-flight (connect, greeting, TLS, login) must finish within this (default 10 s). */
  verifyTimeoutMs?: number;
}

const VERIFY_TIMEOUT_MS = 10_000;

export function createSmtpTransport(options: SmtpTransportOptions): Transport {
  const { smtp } = options;
  assertSecureTarget(smtp);
  const pool = createSmtpPool({
    maxConnections: smtp.maxConnections,
    maxMessages: options.maxMessagesPerConnection ?? 100,
    open: () => openConnection(options),
  });
  const scrub = oneLineScrubber(createCredentialScrubber({ user: smtp.user, password: options.password }));

  return {
    name: "smtp",
    description: `SMTP server ${smtp.host}:${smtp.port} (${smtp.security === "none" ? "no TLS: loopback only" : smtp.security})`,
    paced: true,
    ...(options.prepare ? { prepare: options.prepare } : {}),

    /**
     * The pre-flight: one connection, greeting, TLS and login before anything is attempted, bounded in
     * time. Any failure ends the run here (nothing recorded): a server that is down, a wrong host or
     * port, a firewall, a TLS or password problem is the user's to fix, not something to retry for
     * minutes behind a progress bar.
     */
    async verify() {
      let c: PooledConnection;
      try {
        c = await openConnection(options, options.verifyTimeoutMs ?? VERIFY_TIMEOUT_MS);
      } catch (e) {
        throw fatalFor(smtp, e as SmtpError, false, scrub) ?? unreachable(smtp, e as SmtpError, scrub);
      }
      c.alive = false;
      c.conn.quit();
    },

    async deliver(message: OutgoingMessage): Promise<DeliveryResult> {
      try {
        return await deliverOne({ smtp, compose: options.compose, pool, scrub }, message);
      } catch (e) {
        // The sender records an unexpected error's message in the ledger: it must not carry a secret.
        throw scrubError(e, scrub);
      }
    },

    async close() {
      pool.close();
      return Promise.resolve();
    },
  };
}

/** What one delivery needs from its transport. */
interface DeliveryContext {
  smtp: SmtpConfig;
  compose: ComposeMessage;
  pool: SmtpPool;
  scrub: Scrubber;
}

/** Compose, take a connection and send one message; auth and TLS failures throw, the rest is a result. */
async function deliverOne(ctx: DeliveryContext, message: OutgoingMessage): Promise<DeliveryResult> {
  const { smtp, pool, scrub } = ctx;
  // Compose before taking a connection, so no connection sits idle while a message is being built.
  const raw = await ctx.compose(message);
  let c: PooledConnection;
  try {
    c = await pool.acquire();
  } catch (e) {
    const err = e as SmtpError;
    const fatal = fatalFor(smtp, err, false, scrub);
    if (fatal) throw fatal;
    return resultOf(err, false, scrub);
  }
  // nodemailer pipes the body only once the server accepted DATA, so `readableDidRead` tells whether
  // any of it went out. (A composer stream fills its own buffer early, but nobody *reads* it before.)
  const body = raw instanceof Readable ? raw : Readable.from([Buffer.isBuffer(raw) ? raw : Buffer.from(raw)]);
  const envelope = {
    from: message.mail.from.address,
    to: [message.mail.to.address, ...(message.mail.cc ?? []).map((a) => a.address)],
  };
  return new Promise<DeliveryResult>((resolve, reject) => {
    c.messages += 1;
    c.conn.send(envelope, body, (err, info) => {
      if (!err) {
        pool.release(c, true);
        const rejected = info.rejected.length ? ` (refused: ${info.rejected.join(", ")})` : "";
        resolve({ status: "sent", response: scrub(info.response) + rejected });
        return;
      }
      const e = err as SmtpError;
      const bodyStarted = body.readableDidRead;
      const fatal = fatalFor(smtp, e, bodyStarted, scrub);
      settleConnection(pool, c, e);
      if (fatal) reject(fatal);
      else resolve(resultOf(e, bodyStarted, scrub));
    });
  });
}

/** After a failed send: a refused message leaves the session usable after RSET; anything else ends it. */
function settleConnection(pool: SmtpPool, c: PooledConnection, e: SmtpError): void {
  const sessionOk = c.alive && (e.code === "EENVELOPE" || e.code === "EMESSAGE") && e.responseCode !== 421;
  if (sessionOk) {
    c.conn.reset((resetErr) => pool.release(c, !resetErr));
  } else {
    c.alive = false;
    pool.release(c, false);
  }
}
