/**
 * The real resolver for the pre-flight: node:dns's `Resolver`, asking the servers config.json's `dns.servers`
 * names (or the system's), with a per-query timeout. Effects: DNS queries over the network.
 */
import { Resolver } from "node:dns/promises";
import type { DnsResolve } from "./dns-lookup.js";

export interface ResolverSettings {
  /** IP or IP:port of each server; the system's when absent. */
  servers?: readonly string[] | undefined;
  timeoutMs: number;
}

export function createDnsResolver(settings: ResolverSettings): DnsResolve {
  const resolver = new Resolver({ timeout: settings.timeoutMs, tries: 2 });
  if (settings.servers?.length) resolver.setServers([...settings.servers]);
  return (name, rrtype) => resolver.resolve(name, rrtype) as Promise<unknown[]>;
}
