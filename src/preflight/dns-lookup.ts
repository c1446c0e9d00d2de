/**
 * The pre-flight's port to DNS and what a query can come back with. Pure: the resolver is passed in
 * (`dns-resolver.dns.ts` builds the real one on node:dns; tests point it at a dnsmasq on loopback).
 *
 * A resolver has node:dns's `resolve(name, rrtype)` shape, which is also what mailauth's SPF, DKIM and
 * DMARC code takes: TXT answers are arrays of strings, MX answers `{ exchange, priority }`.
 */

export type DnsResolve = (name: string, rrtype: string) => Promise<unknown[]>;

export interface MxRecord {
  exchange: string;
  priority: number;
}

/** A query's outcome: records, a name without records of that type, a name that does not exist, or a failure. */
export type Lookup<T> =
  | { kind: "records"; records: T[] }
  | { kind: "nodata" }
  | { kind: "nxdomain" }
  | { kind: "failed"; reason: string };

/** Ask, and sort the answer into the four outcomes (node:dns error codes: ENODATA, ENOTFOUND, the rest). */
export async function lookup<T>(resolve: DnsResolve, name: string, rrtype: string): Promise<Lookup<T>> {
  try {
    const records = (await resolve(name, rrtype)) as T[];
    return records.length ? { kind: "records", records } : { kind: "nodata" };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    if (code === "ENODATA") return { kind: "nodata" };
    if (code === "ENOTFOUND") return { kind: "nxdomain" };
    return { kind: "failed", reason: code || (e as Error).message };
  }
}

/** TXT records as whole texts (a record's strings joined, as SPF, DKIM and DMARC read them). */
export async function lookupTxt(resolve: DnsResolve, name: string): Promise<Lookup<string>> {
  const found = await lookup<string[] | string>(resolve, name, "TXT");
  if (found.kind !== "records") return found;
  return { kind: "records", records: found.records.map((r) => (Array.isArray(r) ? r.join("") : r)) };
}

/** The domain of an address, lower-cased ("" when there is none). */
export function domainOfAddress(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0
    ? ""
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase()
        .replace(/\.$/, "");
}
