/**
 * Each pre-flight check against a real DNS server (dnsmasq on loopback, tests/helpers/dns-server.ts):
 * a finding with its code for each fault, and a correct setup that passes every check.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSender } from "../../src/preflight/check-sender.js";
import { checkTargetDomain, checkTargetDomains } from "../../src/preflight/check-targets.js";
import { createDnsResolver } from "../../src/preflight/dns-resolver.dns.js";
import type { DnsResolve } from "../../src/preflight/dns-lookup.js";
import type { Finding } from "../../src/preflight/preflight-finding.js";
import { startDnsServer, type DnsServer } from "../helpers/dns-server.js";
import { SELECTOR, preflightZone, rsaKey } from "./dns-zone.js";

let dns: DnsServer;
let resolve: DnsResolve;
const key = rsaKey();
const otherKey = rsaKey();

beforeAll(async () => {
  dns = await startDnsServer(preflightZone(key, otherKey));
  resolve = createDnsResolver({ servers: [dns.address], timeoutMs: 2000 });
});
afterAll(async () => {
  await dns.stop();
});

async function sender(domain: string, dkimDomain = domain): Promise<Finding[]> {
  return checkSender({
    from: `letters@${domain}`,
    relayHost: "relay.coalition.test",
    dkim: { domain: dkimDomain, selector: SELECTOR, privateKey: key },
    resolve,
  });
}

const byCheck = (findings: Finding[], check: Finding["check"]) => findings.find((f) => f.check === check);

describe("sender pre-flight against dnsmasq", () => {
  it("passes a correct setup: SPF covers the relay, the DKIM key matches, DMARC reject aligns", async () => {
    const findings = await sender("good.test");
    expect(findings.map((f) => [f.check, f.level, f.code])).toEqual([
      ["spf", "ok", undefined],
      ["dkim", "ok", undefined],
      ["dmarc", "ok", undefined],
    ]);
    expect(byCheck(findings, "spf")?.message).toContain("127.0.0.1");
  });

  it("reports a missing SPF record", async () => {
    expect(byCheck(await sender("nospf.test"), "spf")).toMatchObject({
      level: "error",
      code: "E_DNS_SPF_MISSING",
    });
  });

  it("warns (no error) when SPF does not cover the relay's submission address", async () => {
    const f = await sender("narrow.test");
    expect(byCheck(f, "spf")).toMatchObject({ level: "warning", code: "E_DNS_SPF_RELAY" });
    expect(byCheck(f, "spf")?.message).toContain(
      "if your provider relays from other addresses, this can be fine",
    );
    expect(f.filter((x) => x.level === "error")).toEqual([]);
  });

  it("reports a missing DKIM key record", async () => {
    const f = await sender("nodkim.test");
    expect(byCheck(f, "dkim")).toMatchObject({ level: "error", code: "E_DNS_DKIM_MISSING" });
    // SPF passes and aligns: DMARC still passes.
    expect(byCheck(f, "dmarc")?.level).toBe("ok");
  });

  it("reports a published key that is not the configured key's public half", async () => {
    expect(byCheck(await sender("wrongkey.test"), "dkim")).toMatchObject({
      level: "error",
      code: "E_DNS_DKIM_MISMATCH",
    });
  });

  it("reports DMARC reject with a From aligned with neither SPF nor DKIM", async () => {
    const f = await sender("misaligned.test", "signer.test");
    expect(byCheck(f, "dkim")?.level).toBe("ok");
    expect(byCheck(f, "spf")?.code).toBe("E_DNS_SPF_RELAY");
    expect(byCheck(f, "dmarc")).toMatchObject({ level: "error", code: "E_DNS_DMARC_MISALIGNED" });
    expect(byCheck(f, "dmarc")?.message).toContain("p=reject");
  });

  it("warns when there is no DMARC record, and when no DKIM key is configured", async () => {
    const f = await checkSender({ from: "letters@narrow.test", relayHost: "127.0.0.1", resolve });
    expect(byCheck(f, "dkim")).toMatchObject({ level: "warning", code: "E_DKIM_NOT_CONFIGURED" });
    expect(byCheck(f, "dmarc")).toMatchObject({ level: "warning", code: "E_DNS_DMARC_MISSING" });
  });
});

describe("target pre-flight against dnsmasq", () => {
  it.each([
    ["ministry.test", "ok", undefined],
    ["aonly.test", "ok", undefined],
    ["nullmx.test", "error", "E_DNS_NULL_MX"],
    ["nowhere.test", "error", "E_DNS_NXDOMAIN"],
    ["nomail.test", "error", "E_DNS_NO_MAIL"],
  ])("%s: %s %s", async (domain, level, code) => {
    const f = await checkTargetDomain(domain, resolve);
    expect([f.level, f.code]).toEqual([level, code]);
  });

  it("says an A-only domain gets mail at its address", async () => {
    expect((await checkTargetDomain("aonly.test", resolve)).message).toContain("127.0.0.5");
  });

  it("checks each distinct domain once, in parallel, and a server that is down is a warning, not a block", async () => {
    // The real resolver, wrapped: every query counted per name and type, and the most in flight at once.
    const queries = new Map<string, number>();
    let inFlight = 0;
    let peak = 0;
    const counting: DnsResolve = async (name, rrtype) => {
      const k = `${name.toLowerCase()} ${rrtype}`;
      queries.set(k, (queries.get(k) ?? 0) + 1);
      peak = Math.max(peak, ++inFlight);
      try {
        return await resolve(name, rrtype);
      } finally {
        inFlight--;
      }
    };
    const domains = [
      "Ministry.test",
      "ministry.test",
      "nullmx.test",
      "aonly.test",
      "nowhere.test",
      "nomail.test",
    ];
    const found = await checkTargetDomains(domains, { resolve: counting, concurrency: 3 });
    expect([...found.keys()]).toEqual([
      "ministry.test",
      "nullmx.test",
      "aonly.test",
      "nowhere.test",
      "nomail.test",
    ]);
    for (const d of found.keys()) expect(queries.get(`${d} MX`), `${d} MX`).toBe(1);
    expect([...queries.values()].every((n) => n === 1)).toBe(true);
    // In parallel, and bounded: three domains' lookups in flight at once, never more.
    expect(peak).toBe(3);
    const down = createDnsResolver({ servers: ["127.0.0.1:9"], timeoutMs: 200 });
    const f = await checkTargetDomain("ministry.test", down);
    expect([f.level, f.code]).toEqual(["warning", "E_DNS_LOOKUP"]);
  });
});
