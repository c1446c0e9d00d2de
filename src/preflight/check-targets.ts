/**
 * The target side of the pre-flight: does each recipient domain accept mail at all? (RFC 5321 §5.1, RFC 7505)
 * - MX records → it does;
 * - no MX but an A or AAAA record → it does, at that host (the implicit MX);
 * - the null MX (`MX 0 .`) → it says it accepts no mail;
 * - neither MX nor address → nowhere to deliver;
 * - the name does not exist (NXDOMAIN) → nowhere to deliver, and probably a typo or a retired domain.
 * A lookup that fails (timeout, SERVFAIL) is a warning, never a block: the network may be at fault.
 * Queries run in parallel, bounded (p-limit). Pure apart from the resolver it is given.
 */
import pLimit from "p-limit";
import { lookup, type DnsResolve, type MxRecord } from "./dns-lookup.js";
import { finding, type Finding } from "./preflight-finding.js";

export async function checkTargetDomain(domain: string, resolve: DnsResolve): Promise<Finding> {
  const mx = await lookup<MxRecord>(resolve, domain, "MX");
  if (mx.kind === "records") {
    const usable = mx.records.filter((r) => r.exchange !== "" && r.exchange !== ".");
    if (usable.length === 0)
      return finding(
        domain,
        "mx",
        "error",
        `${domain} publishes a null MX: it accepts no mail`,
        "E_DNS_NULL_MX",
      );
    const first = [...usable].sort((a, b) => a.priority - b.priority)[0];
    return finding(
      domain,
      "mx",
      "ok",
      `MX ${first?.exchange ?? ""}${usable.length > 1 ? ` and ${usable.length - 1} more` : ""}`,
    );
  }
  if (mx.kind === "nxdomain")
    return finding(domain, "mx", "error", `${domain} does not exist (NXDOMAIN)`, "E_DNS_NXDOMAIN");
  if (mx.kind === "failed")
    return finding(domain, "mx", "warning", `could not look up MX: ${mx.reason}`, "E_DNS_LOOKUP");
  for (const type of ["A", "AAAA"]) {
    const address = await lookup<string>(resolve, domain, type);
    if (address.kind === "records")
      return finding(
        domain,
        "mx",
        "ok",
        `no MX; mail goes to its ${type} record ${address.records[0] ?? ""}`,
      );
    if (address.kind === "failed")
      return finding(
        domain,
        "mx",
        "warning",
        `no MX, and could not look up ${type}: ${address.reason}`,
        "E_DNS_LOOKUP",
      );
  }
  return finding(
    domain,
    "mx",
    "error",
    `${domain} has neither MX nor address records: it accepts no mail`,
    "E_DNS_NO_MAIL",
  );
}

export interface TargetCheckOptions {
  resolve: DnsResolve;
  /** Domains looked up at once. */
  concurrency: number;
  /** Called after each domain, for progress. */
  onChecked?: (done: number, total: number) => void;
}

/** One finding per distinct domain (lower-cased), in the order first given. */
export async function checkTargetDomains(
  domains: Iterable<string>,
  options: TargetCheckOptions,
): Promise<Map<string, Finding>> {
  const unique = [...new Set([...domains].map((d) => d.toLowerCase()).filter(Boolean))];
  const limit = pLimit(options.concurrency);
  let done = 0;
  const results = await Promise.all(
    unique.map((d) =>
      limit(async () => {
        const f = await checkTargetDomain(d, options.resolve);
        options.onChecked?.(++done, unique.length);
        return f;
      }),
    ),
  );
  return new Map(results.map((f) => [f.domain, f]));
}

/** Whether a target finding means its contacts cannot receive the letter. */
export function acceptsNoMail(f: Finding): boolean {
  return f.level === "error";
}
