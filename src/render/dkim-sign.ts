/**
 * DKIM signing (RFC 6376, rsa-sha256, relaxed/relaxed) of composed RFC 5322 bytes, with nodemailer's own
 * signer, for what goes to the relay. Rehearsals (the outbox) are never signed: workspaces are copied,
 * shared and committed, and a signed .eml there could be replayed as genuine mail. Input: the message (bytes or a stream) and the key; output: a stream of the signed message.
 * The signer reads the whole message to hash its body before the first byte comes out; nothing is
 * written to disk (no cache folder). Pure: signing draws no randomness and reads no clock.
 */
import type { Readable } from "node:stream";
import DKIM from "nodemailer/lib/dkim";
import type { DkimKey } from "../config/read-dkim-key.fs.js";

export type MessageSigner = (message: Readable | Buffer | string) => Readable;

export function createDkimSigner(key: DkimKey): MessageSigner {
  const dkim = new DKIM({ domainName: key.domain, keySelector: key.selector, privateKey: key.privateKey });
  return (message) => dkim.sign(message);
}

/** What `preview` and `check sender` say about signing. */
export function describeSigning(key: Pick<DkimKey, "domain" | "selector"> | undefined): string {
  return key
    ? `signed when sent as d=${key.domain}, s=${key.selector} (rehearsals are not signed)`
    : "not DKIM-signed: config.json has no dkim section (see README, Deliverability)";
}
