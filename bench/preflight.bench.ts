/**
 * The DNS pre-flight of 2,000 target domains against a local dnsmasq (tests/helpers/dns-server.ts,
 * 127.0.0.1): every domain's MX looked up, with the A/AAAA fallback where there is none, in parallel
 * (config.json `dns.concurrency`, default 16). Target: at most 10 s. Baseline in the same run, on the same
 * names: a bare sequential `resolveMx` per name (one query each, no fallback, no classification), which
 * is what a naive loop costs. The zone: 1,700 domains with MX, 100 null MX, 100 with only an A record,
 * 100 that do not exist. ROUNDS rounds, interleaved; the median of each figure is printed, and the load
 * average first (the machine is shared).
 */
import { Resolver } from "node:dns/promises";
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { checkTargetDomains } from "../src/preflight/check-targets.js";
import { createDnsResolver } from "../src/preflight/dns-resolver.dns.js";
import { startDnsServer, type DnsZone } from "../tests/helpers/dns-server.js";
import { median, report } from "./measure.js";

const DOMAINS = 2_000;
const ROUNDS = 3;
const CONCURRENCY = 16;

function zoneAndNames(): { zone: DnsZone; names: string[] } {
  const zone: DnsZone = { mx: {}, nullMx: [], a: {} };
  const names: string[] = [];
  for (let i = 0; i < DOMAINS; i++) {
    const name = `ministry-${i}.gov${i % 50}.test`;
    names.push(name);
    if (i % 20 === 1) zone.nullMx?.push(name);
    else if (i % 20 === 2) (zone.a ?? {})[name] = `192.0.2.${i % 250}`;
    else if (i % 20 === 3)
      continue; // does not exist
    else (zone.mx ?? {})[name] = [{ host: `mx.${name}` }];
  }
  return { zone, names };
}

async function sequentialMx(server: string, names: string[]): Promise<number> {
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([server]);
  let answered = 0;
  for (const name of names) {
    try {
      await resolver.resolveMx(name);
      answered += 1;
    } catch {
      // NODATA / NXDOMAIN: counted as looked up all the same
    }
  }
  return answered;
}

async function main(): Promise<void> {
  console.log(`load average ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} cores`);
  const { zone, names } = zoneAndNames();
  const dns = await startDnsServer(zone);
  const ours: number[] = [];
  const baseline: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      let t = performance.now();
      const found = await checkTargetDomains(names, {
        resolve: createDnsResolver({ servers: [dns.address], timeoutMs: 2000 }),
        concurrency: CONCURRENCY,
      });
      ours.push(performance.now() - t);
      const errors = [...found.values()].filter((f) => f.level === "error").length;
      const unchecked = [...found.values()].filter((f) => f.level === "warning").length;
      if (found.size !== DOMAINS || errors !== 200 || unchecked !== 0)
        throw new Error(
          `unexpected result: ${found.size} domains, ${errors} errors, ${unchecked} not checked`,
        );
      t = performance.now();
      await sequentialMx(dns.address, names);
      baseline.push(performance.now() - t);
    }
  } finally {
    await dns.stop();
  }
  const ms = median(ours);
  const base = median(baseline);
  report(
    `pre-flight of ${DOMAINS} target domains (MX, A fallback; ${CONCURRENCY} in flight)`,
    ms / 1000,
    "s",
    {
      op: "<=",
      value: 10,
    },
  );
  report("baseline: sequential resolveMx of the same names", base / 1000, "s");
  console.log(`ratio: pre-flight takes ${(ms / base).toFixed(2)}x the sequential baseline's time`);
}

await main();
