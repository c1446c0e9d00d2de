/**
 * What `plan` checks beyond the letters: whether config.json lets a real send start, whether letters will
 * be signed, whether each target domain accepts mail (DNS, only when config.json has a `dns` section, whose
 * `checkTargets` then defaults to true), and, when the campaign sets office hours, the next window per country.
 */
import type { PlanEntry } from "../campaign/build-plan.js";
import type { SendingWindow } from "../campaign/sending-window-schema.js";
import { countryHours, nextWindow, type CountryHours } from "../campaign/sending-window.js";
import type { Config } from "../config/config-schema.js";
import type { Problem } from "../core/errors.js";
import { isLoopbackHost } from "../send/smtp-security.js";
import type { CliContext } from "./context.js";
import { formatTable, mergeProblems, type ProblemNotice } from "./output.js";
import { describeDkim } from "./dkim-status.js";
import { checkTargets, emailRecipients } from "./target-check.js";

/**
 * What in config.json would stop `send --transport smtp` before its first message (the pre-flight then
 * checks the server itself): no smtp section, a placeholder host, no password in the environment, TLS
 * off for a remote host.
 */
export function checkRealSend(config: Config, env: NodeJS.ProcessEnv): string[] {
  const smtp = config.smtp;
  if (!smtp) return ["config.json has no smtp section (see README, Configuration)"];
  const out: string[] = [];
  if (/\.(invalid|example|test)$/i.test(smtp.host))
    out.push(`config.json smtp.host: "${smtp.host}" is a placeholder; put your provider's server there`);
  if (smtp.user && !env[smtp.passwordEnv])
    out.push(`config.json smtp.passwordEnv: the environment variable ${smtp.passwordEnv} is not set`);
  if (smtp.security === "none" && !isLoopbackHost(smtp.host))
    out.push(`config.json smtp.security: "none" is only allowed for a loopback host, not ${smtp.host}`);
  return out;
}

export interface Deliverability {
  /** What would stop `send --transport smtp` (`checkRealSend`). */
  realSendProblems: string[];
  /** Blocking: contacts whose domain accepts no mail (merged, naming the contacts). */
  errors: Problem[];
  /** Lookups that failed. */
  warnings: ProblemNotice[];
  /** Fields for `plan --format json`. */
  json: Record<string, unknown>;
  /** Text for the table format ("" when there is nothing to show). */
  table: string;
}

interface PlanFacts {
  entries: readonly PlanEntry[];
  campaign: { sendingWindow?: SendingWindow | undefined };
}

/** `dns` false (`--no-dns`) skips the target domains' lookups. */
export async function checkDeliverability(
  ctx: CliContext,
  config: Config,
  plan: PlanFacts,
  dns: boolean,
): Promise<Deliverability> {
  const realSendProblems = checkRealSend(config, ctx.env);
  const out: Deliverability = {
    realSendProblems,
    errors: [],
    warnings: [],
    json: { realSendProblems },
    table: "",
  };
  if (dns && config.dns && config.dns.checkTargets) {
    const found = await checkTargets(ctx, config, emailRecipients(plan.entries));
    out.errors = mergeProblems(found.notices.filter((n) => n.problem.severity === "error"));
    out.warnings.push(...found.notices.filter((n) => n.problem.severity === "warning"));
    out.json.targetDomains = {
      checked: found.findings.length,
      notAccepting: found.findings.filter((d) => d.level === "error"),
      notChecked: found.findings.filter((d) => d.level === "warning"),
      blockedContacts: found.blockedContacts,
    };
    out.table += `\ntarget domains: ${found.findings.length} checked in DNS, ${found.findings.filter((d) => d.level === "error").length} accept no mail (${found.blockedContacts.length} contact(s) blocked)\n`;
  }
  const dkim = await describeDkim(ctx, config);
  out.json.dkimSigned = dkim.signed;
  out.table += `\n${dkim.text}\n`;
  const window = plan.campaign.sendingWindow;
  if (window) officeHours(ctx.clock.now(), window, plan.entries, out);
  return out;
}

/** Per country of the plan: its zone, days and the next window (open now, or when it opens), in its local time. */
function officeHours(
  now: number,
  window: SendingWindow,
  entries: readonly PlanEntry[],
  out: Deliverability,
): void {
  const rows: {
    country: string;
    zone: string;
    days: string;
    opensAt: string;
    closesAt: string;
    openNow: boolean;
  }[] = [];
  for (const country of [
    ...new Set(entries.filter((e) => e.delivery === "email").map((e) => e.country)),
  ].sort()) {
    const hours = countryHours(window, country);
    // A country with no known zone is a blocking problem of the plan itself (E_WINDOW_NO_ZONE).
    if (!hours) continue;
    const next = nextWindow(hours, now);
    rows.push({
      country,
      zone: hours.zone,
      days: dayNames(hours),
      opensAt: new Date(next.opensAt).toISOString(),
      closesAt: new Date(next.closesAt).toISOString(),
      openNow: next.opensAt <= now,
    });
  }
  out.json.officeHours = { window, countries: rows };
  out.table +=
    `\noffice hours (${window.days} ${window.from}–${window.to}, each country's local time):\n` +
    formatTable(
      ["country", "zone", "days", "next window (local)", "status"],
      rows.map((r) => [
        r.country,
        r.zone,
        r.days,
        `${localTime(Date.parse(r.opensAt), r.zone)} – ${localTime(Date.parse(r.closesAt), r.zone).slice(-5)}`,
        r.openNow ? "open now" : "closed",
      ]),
    );
}

const NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function dayNames(hours: CountryHours): string {
  return hours.days.map((d) => NAMES[d - 1] ?? "?").join(" ");
}

/** `Mon 30 Mar 09:00` in the zone. */
function localTime(at: number, zone: string): string {
  const p: Record<string, string> = {};
  const format = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  for (const part of format.formatToParts(at)) p[part.type] = part.value;
  return `${p.weekday} ${p.day} ${p.month} ${p.hour}:${p.minute}`;
}
