/**
 * The throwaway zone the pre-flight tests serve from dnsmasq: one sender domain per check, each wrong in
 * one way, and target domains for each MX outcome. Invented names under .test only.
 */
import { generateKeyPairSync } from "node:crypto";
import { dkimPublicKeyBase64 } from "../../src/preflight/dkim-record.js";
import type { DnsZone } from "../helpers/dns-server.js";

export function rsaKey(): string {
  return generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    type: "pkcs8",
    format: "pem",
  }) as string;
}

export const SELECTOR = "s2026";
const RELAY_SPF = "v=spf1 a:relay.coalition.test -all";
const OTHER_SPF = "v=spf1 ip4:192.0.2.10 -all";
const REJECT = "v=DMARC1; p=reject; adkim=r; aspf=r";

/** `key` is the configured DKIM key, `otherKey` one it must not be confused with. */
export function preflightZone(key: string, otherKey: string): DnsZone {
  const dkim = (k: string) => `v=DKIM1; k=rsa; p=${dkimPublicKeyBase64(k)}`;
  return {
    a: { "relay.coalition.test": "127.0.0.1", "aonly.test": "127.0.0.5" },
    txt: {
      // The correct setup: SPF covers the relay by name, the key matches, DMARC reject aligns.
      "good.test": RELAY_SPF,
      [`${SELECTOR}._domainkey.good.test`]: dkim(key),
      "_dmarc.good.test": REJECT,
      // One fault each.
      "narrow.test": OTHER_SPF,
      [`${SELECTOR}._domainkey.narrow.test`]: dkim(key),
      "nodkim.test": RELAY_SPF,
      "_dmarc.nodkim.test": "v=DMARC1; p=none",
      "wrongkey.test": RELAY_SPF,
      [`${SELECTOR}._domainkey.wrongkey.test`]: dkim(otherKey),
      "_dmarc.wrongkey.test": "v=DMARC1; p=none",
      "nospf.test": "some-verification=abc123",
      [`${SELECTOR}._domainkey.nospf.test`]: dkim(key),
      // DMARC reject, SPF does not cover the relay and the DKIM domain is another organisation's.
      "misaligned.test": OTHER_SPF,
      "_dmarc.misaligned.test": REJECT,
      [`${SELECTOR}._domainkey.signer.test`]: dkim(key),
      "nomail.test": "v=spf1 -all",
    },
    mx: {
      "ministry.test": [{ host: "mx1.ministry.test", preference: 10 }],
      "good.test": [{ host: "mx.good.test" }],
    },
    nullMx: ["nullmx.test"],
  };
}
