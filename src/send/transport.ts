/**
 * The port between the sender and the outside world: one rendered message in, one classified outcome
 * out. Transports never write the ledger; the sender does, around `deliver`.
 *
 * A transport throws a `SafetyError` (E_SMTP_AUTH, E_SMTP_TLS) when going on would only burn through the
 * list; every other problem is a `DeliveryResult`.
 */
import type { Readable } from "node:stream";
import type { OutgoingMessage } from "../render/outgoing-message.js";

export type DeliveryResult =
  /** The server accepted the message (or the outbox file was written). */
  | { status: "sent"; response: string }
  /**
   * Not accepted, worth retrying later (4xx, network error before the message was complete).
   * `scope: "connection"` (421, connection refused or dropped) means back off every message, not just this one.
   */
  | { status: "deferred"; response: string; scope: "message" | "connection" }
  /** Refused for good (5xx): this message only; the campaign goes on. */
  | { status: "failed"; response: string }
  /** The message was handed over completely but no reply came: it may or may not have been accepted. */
  | { status: "uncertain"; response: string };

export type TransportName = "outbox" | "smtp";

export interface Transport {
  readonly name: TransportName;
  /** Where messages go, for confirmations and summaries (never includes credentials). */
  readonly description: string;
  /** False for the outbox: writing files troubles no server, so the run is not paced. */
  readonly paced: boolean;
  /** Check the connection and credentials before anything is attempted (smtp); throws SafetyError on auth/TLS. */
  verify(): Promise<void>;
  /**
   * Read what the message needs from disk (its attachment files) before its attempt is recorded. A
   * failure here means nothing was handed over: the sender stops the run with the error and the message
   * is left for the next run, never marked uncertain.
   */
  prepare?(message: OutgoingMessage): Promise<void>;
  deliver(message: OutgoingMessage): Promise<DeliveryResult>;
  close(): Promise<void>;
}

/** Reads a message's attachment files ahead of its attempt (`Transport.prepare`). */
export type PrepareMessage = (message: OutgoingMessage) => Promise<void>;

/**
 * Turns a rendered mail into RFC 5322 bytes (the render stage's composer): bytes, or a stream of them.
 * A stream must not be consumed before it is handed to the transport.
 */
export type ComposeMessage = (
  message: OutgoingMessage,
) => Promise<Buffer | Uint8Array | string | Readable> | Readable;
