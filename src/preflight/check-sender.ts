/**
 * The sender's side of the pre-flight: does the From domain publish what the chosen relay can satisfy?
 * - SPF: a `v=spf1` record exists and is sound (errors otherwise), and evaluating it (mailauth, RFC 7208)
 *   for each address the relay's host name resolves to gives `pass` (a warning otherwise: the submission
 *   address is what can be known from here, and many providers deliver from other addresses that the
 *   `include:` they tell you to publish covers).
 * - DKIM: the selector's key record exists and its public key is the public half of the configured key.
 * - DMARC: the policy at `_dmarc.<domain>` (or the organisational domain), and whether From aligns with an
 *   SPF pass (outreach sends with the From address as the envelope sender) or with the DKIM domain.
 * Pure apart from the resolver it is given.
 */
import { dmarc } from "mailauth/lib/dmarc/index.js";
import { spf } from "mailauth/lib/spf/index.js";
import { dkimKeyMatches, parseDkimRecord } from "./dkim-record.js";
import { domainOfAddress, lookup, lookupTxt, type DnsResolve } from "./dns-lookup.js";
import { finding, type Finding } from "./preflight-finding.js";

/** mailauth asks for TXT (string[][]) and A/AAAA/MX answers with node:dns's `resolve` shape, which ours has. */
const asMailauthResolver = (resolve: DnsResolve) =>
  resolve as (name: string, rrtype: string) => Promise<string[][]>;

export interface SenderCheckInput {
  /** The From address. */
  from: string;
  /** The SMTP relay's host (name or IP); undefined when config.json has no smtp section. */
  relayHost?: string | undefined;
  dkim?: { domain: string; selector: string; privateKey: string } | undefined;
  resolve: DnsResolve;
}

/** Every sender check, in the order SPF, DKIM, DMARC (DMARC reads the first two). */
export async function checkSender(input: SenderCheckInput): Promise<Finding[]> {
  const domain = domainOfAddress(input.from);
  const spfFinding = await checkSpf(domain, input);
  const dkimResult = await checkDkim(input);
  const dmarcFinding = await checkDmarc(domain, input, spfFinding.level === "ok", dkimResult.ok);
  return [spfFinding, ...dkimResult.findings, dmarcFinding];
}

/** The SPF record: there is exactly one, and it covers the relay. */
async function checkSpf(domain: string, input: SenderCheckInput): Promise<Finding> {
  const txt = await lookupTxt(input.resolve, domain);
  if (txt.kind === "failed")
    return finding(domain, "spf", "warning", `could not look up TXT: ${txt.reason}`, "E_DNS_LOOKUP");
  const records = txt.kind === "records" ? txt.records.filter((t) => /^v=spf1(\s|$)/i.test(t.trim())) : [];
  if (records.length === 0)
    return finding(
      domain,
      "spf",
      "error",
      `no SPF record (TXT "v=spf1 …") at ${domain}`,
      "E_DNS_SPF_MISSING",
    );
  if (records.length > 1) {
    const message = `${records.length} SPF records at ${domain}; there must be one`;
    return finding(domain, "spf", "error", message, "E_DNS_SPF_INVALID");
  }
  if (!input.relayHost) {
    const message = "SPF published; no smtp relay configured to check it against";
    return finding(domain, "spf", "warning", message, "E_DNS_SPF_RELAY");
  }
  return spfCoversRelay(domain, input.relayHost, input);
}

/** Evaluate the record (mailauth) for each address of the relay: every one must give `pass`. */
async function spfCoversRelay(domain: string, relay: string, input: SenderCheckInput): Promise<Finding> {
  const ips = await relayAddresses(relay, input.resolve);
  if (ips.length === 0) {
    const message = `the relay ${relay} does not resolve; SPF coverage not checked`;
    return finding(domain, "spf", "warning", message, "E_DNS_LOOKUP");
  }
  const failing: string[] = [];
  for (const ip of ips) {
    const { status } = await spf({
      sender: input.from,
      ip,
      helo: relay,
      mta: "outreach-preflight",
      resolver: asMailauthResolver(input.resolve),
    });
    if (status.result === "permerror") {
      const message = `SPF record is broken: ${status.comment || status.result}`;
      return finding(domain, "spf", "error", message, "E_DNS_SPF_INVALID");
    }
    if (status.result !== "pass") failing.push(`${ip}: ${status.result}`);
  }
  if (failing.length) {
    // A warning, not an error: many providers take submissions on one host and deliver from others that
    // their SPF include covers, so the submission address tells only part of the story.
    const message = `SPF does not cover the relay's submission address ${relay} (${failing.join(", ")}); if your provider relays from other addresses, this can be fine`;
    return finding(domain, "spf", "warning", message, "E_DNS_SPF_RELAY");
  }
  return finding(domain, "spf", "ok", `SPF covers the relay ${relay} (${ips.join(", ")})`);
}

/** The relay's IPv4 and IPv6 addresses (the host itself when it is an address). */
async function relayAddresses(host: string, resolve: DnsResolve): Promise<string[]> {
  // An address literal (IPv4 dotted quad, or IPv6 with its colons) is its own address.
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":")) return [host.replace(/^\[|\]$/g, "")];
  if (host === "localhost") return ["127.0.0.1"];
  const out: string[] = [];
  for (const type of ["A", "AAAA"]) {
    const found = await lookup<string>(resolve, host, type);
    if (found.kind === "records") out.push(...found.records);
  }
  return out;
}

async function checkDkim(input: SenderCheckInput): Promise<{ findings: Finding[]; ok: boolean }> {
  const dkim = input.dkim;
  const senderDomain = domainOfAddress(input.from);
  if (!dkim)
    return {
      ok: false,
      findings: [
        finding(
          senderDomain,
          "dkim",
          "warning",
          "letters are not signed: config.json has no dkim section",
          "E_DKIM_NOT_CONFIGURED",
        ),
      ],
    };
  const name = `${dkim.selector}._domainkey.${dkim.domain}`;
  const txt = await lookupTxt(input.resolve, name);
  if (txt.kind === "failed")
    return {
      ok: false,
      findings: [
        finding(dkim.domain, "dkim", "warning", `could not look up ${name}: ${txt.reason}`, "E_DNS_LOOKUP"),
      ],
    };
  const record =
    txt.kind === "records" ? txt.records.map(parseDkimRecord).find((r) => r !== undefined) : undefined;
  if (!record || record.publicKey === "")
    return {
      ok: false,
      findings: [
        finding(
          dkim.domain,
          "dkim",
          "error",
          record ? `the key at ${name} is revoked (empty p=)` : `no DKIM key record at ${name}`,
          "E_DNS_DKIM_MISSING",
        ),
      ],
    };
  if (record.keyType !== "rsa" || !dkimKeyMatches(record, dkim.privateKey))
    return {
      ok: false,
      findings: [
        finding(
          dkim.domain,
          "dkim",
          "error",
          `the key published at ${name} is not the public half of the configured private key`,
          "E_DNS_DKIM_MISMATCH",
        ),
      ],
    };
  return { ok: true, findings: [finding(dkim.domain, "dkim", "ok", `${name} publishes the configured key`)] };
}

async function checkDmarc(
  domain: string,
  input: SenderCheckInput,
  spfPass: boolean,
  dkimOk: boolean,
): Promise<Finding> {
  const result = await dmarc({
    headerFrom: input.from,
    spfDomains: spfPass ? [domain] : [],
    dkimDomains: dkimOk && input.dkim ? [{ domain: input.dkim.domain }] : [],
    resolver: asMailauthResolver(input.resolve),
  });
  if (!result)
    return finding(domain, "dmarc", "warning", "the From address cannot be checked", "E_DNS_LOOKUP");
  const status = result.status.result;
  if (status === "none")
    return finding(
      domain,
      "dmarc",
      "warning",
      `no DMARC record at _dmarc.${domain}; large providers expect one from bulk senders`,
      "E_DNS_DMARC_MISSING",
    );
  if (status === "temperror" || status === "temperr")
    return finding(domain, "dmarc", "warning", `could not look up the DMARC record`, "E_DNS_LOOKUP");
  const policy = result.policy || "none";
  const aligned = [
    result.alignment.spf.result ? "SPF" : "",
    result.alignment.dkim.result ? "DKIM" : "",
  ].filter(Boolean);
  if (status === "pass")
    return finding(domain, "dmarc", "ok", `p=${policy}; From aligns with ${aligned.join(" and ")}`);
  const why =
    `From ${domain} aligns with neither a passing SPF nor the DKIM domain` +
    (input.dkim ? ` (d=${input.dkim.domain}${dkimOk ? "" : ", key not verified"})` : " (no DKIM)");
  return finding(
    domain,
    "dmarc",
    policy === "none" ? "warning" : "error",
    `p=${policy}: ${why}; receivers would ${policy === "none" ? "only report it" : policy === "reject" ? "refuse" : "junk"} the letters`,
    "E_DNS_DMARC_MISALIGNED",
  );
}
