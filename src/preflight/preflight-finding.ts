/**
 * Pre-flight: what the DNS says about the sender's domain and each target domain, before anything is sent.
 * Input: addresses, the relay, the DKIM key, a resolver (a port). Output: findings, one per domain and check.
 * Effects: only DNS queries, through the resolver passed in (`dns-resolver.dns.ts` makes the real one).
 */
import type { ErrorCode } from "../core/error-codes.js";

export type CheckName = "spf" | "dkim" | "dmarc" | "mx";

/** `error` blocks (check sender fails; a target domain's contacts block the plan); `warning` is shown. */
export type FindingLevel = "ok" | "warning" | "error";

export interface Finding {
  domain: string;
  check: CheckName;
  level: FindingLevel;
  /** Set on warnings and errors: the stable code (docs/ERRORS.md). */
  code?: ErrorCode;
  message: string;
}

export function finding(
  domain: string,
  check: CheckName,
  level: FindingLevel,
  message: string,
  code?: ErrorCode,
): Finding {
  return { domain, check, level, message, ...(code ? { code } : {}) };
}

/** The table rows `check sender` prints: domain, check, result, code, detail. */
export function findingRows(findings: readonly Finding[]): string[][] {
  return findings.map((f) => [f.domain, f.check, f.level, f.code ?? "", f.message]);
}
