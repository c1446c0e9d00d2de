/**
 * The DNS pre-flight as `plan` and `check sender` run it: the resolver from config.json's `dns` section,
 * each planned e-mail recipient's domain looked up once (in parallel, bounded), and the contacts of a
 * domain that accepts no mail turned into blocking problems, one per finding, naming its contacts.
 */
import type { PlanEntry } from "../campaign/build-plan.js";
import type { Config } from "../config/config-schema.js";
import type { Problem } from "../core/errors.js";
import { acceptsNoMail, checkTargetDomains } from "../preflight/check-targets.js";
import { domainOfAddress, type DnsResolve } from "../preflight/dns-lookup.js";
import { createDnsResolver } from "../preflight/dns-resolver.dns.js";
import type { Finding } from "../preflight/preflight-finding.js";
import type { CliContext } from "./context.js";
import type { ProblemNotice } from "./output.js";

/** A recipient as the check needs it. */
export interface TargetRecipient {
  contactId: string;
  country: string;
  email: string;
}

/** The plan's letters that go by e-mail, as the check needs them (`plan` and `check sender` alike). */
export function emailRecipients(entries: readonly PlanEntry[]): TargetRecipient[] {
  return entries
    .filter((e) => e.delivery === "email" && e.contact.email)
    .map((e) => ({ contactId: e.contact.id, country: e.country, email: e.contact.email }));
}

export interface TargetCheck {
  /** One finding per distinct domain. */
  findings: Finding[];
  /** Errors (with the contacts they concern) and warnings, ready for `formatProblemLines`. */
  notices: ProblemNotice[];
  /** Contacts whose domain accepts no mail. */
  blockedContacts: string[];
}

/**
 * The `dns` section's defaults once it is there. Without a `dns` section `plan` looks nothing up: these
 * are not on by default, `checkTargets: true` only means "on when the section exists".
 */
export const DEFAULT_DNS = { checkTargets: true, concurrency: 16, timeoutMs: 5000 } as const;

export function resolverFor(config: Config): DnsResolve {
  return createDnsResolver({
    servers: config.dns?.servers,
    timeoutMs: config.dns?.timeoutMs ?? DEFAULT_DNS.timeoutMs,
  });
}

export async function checkTargets(
  ctx: CliContext,
  config: Config,
  recipients: readonly TargetRecipient[],
  resolve: DnsResolve = resolverFor(config),
): Promise<TargetCheck> {
  const progress = ctx.progress();
  const found = await checkTargetDomains(
    recipients.map((r) => domainOfAddress(r.email)),
    {
      resolve,
      concurrency: config.dns?.concurrency ?? DEFAULT_DNS.concurrency,
      onChecked: (done, total) =>
        progress.update({
          line: `checked ${done}/${total} target domains`,
          fraction: done / Math.max(1, total),
        }),
    },
  ).finally(() => progress.end());
  const notices: ProblemNotice[] = [];
  const blockedContacts: string[] = [];
  for (const r of recipients) {
    const f = found.get(domainOfAddress(r.email));
    if (!f || f.level === "ok") continue;
    if (acceptsNoMail(f)) blockedContacts.push(r.contactId);
    notices.push({ problem: problemOf(f), about: `${r.country} ${r.contactId}` });
  }
  return { findings: [...found.values()], notices, blockedContacts };
}

function problemOf(f: Finding): Problem {
  return {
    file: "contacts/directory.csv",
    field: "email",
    message: f.message,
    severity: f.level === "error" ? "error" : "warning",
    ...(f.code ? { code: f.code } : {}),
  };
}
