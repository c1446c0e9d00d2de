/**
 * A DKIM key record (`<selector>._domainkey.<domain>` TXT, RFC 6376 §3.6.1) and whether its public key is
 * the public half of the configured private key. Pure (deriving and comparing keys draws no randomness).
 */
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";

export interface DkimRecord {
  /** The key type (`k=`), "rsa" when absent. */
  keyType: string;
  /** The public key (`p=`), base64 with spaces removed; "" means the key was revoked. */
  publicKey: string;
}

/** The tags of a DKIM record, or undefined when the text is not one (no `p=` tag, another `v=`). */
export function parseDkimRecord(text: string): DkimRecord | undefined {
  const tags = new Map<string, string>();
  for (const part of text.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    tags.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).replace(/\s+/g, ""));
  }
  const v = tags.get("v");
  if (v !== undefined && v !== "DKIM1") return undefined;
  const p = tags.get("p");
  if (p === undefined) return undefined;
  return { keyType: (tags.get("k") ?? "rsa").toLowerCase(), publicKey: p };
}

/** The public key a record publishes, or undefined when its base64 is no key (SPKI, or PKCS#1 for RSA). */
function publishedKey(record: DkimRecord): KeyObject | undefined {
  const der = Buffer.from(record.publicKey, "base64");
  for (const type of ["spki", "pkcs1"] as const) {
    try {
      return createPublicKey({ key: der, format: "der", type });
    } catch {
      // try the next encoding
    }
  }
  return undefined;
}

/** Whether the record's public key is the public half of `privateKeyPem`. */
export function dkimKeyMatches(record: DkimRecord, privateKeyPem: string): boolean {
  const published = publishedKey(record);
  if (!published) return false;
  const ours = createPublicKey(createPrivateKey(privateKeyPem));
  const der = (k: KeyObject) => k.export({ type: "spki", format: "der" });
  return der(published).equals(der(ours));
}

/** The `p=` value to publish for a private key: its public half, SPKI DER in base64. */
export function dkimPublicKeyBase64(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem))
    .export({ type: "spki", format: "der" })
    .toString("base64");
}
