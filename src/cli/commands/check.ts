/**
 * `outreach check sender [campaign]`: the DNS pre-flight. The sender's domain (SPF for the smtp relay, the
 * DKIM key record, DMARC alignment) and, with a campaign, every target domain; one table of findings per
 * domain (or JSON), and E_PREFLIGHT_FAILED listing the errors.
 */
import { buildPlan } from "../../campaign/build-plan.js";
import { loadCampaignFrame } from "../../campaign/load-campaign.fs.js";
import { InputError, type Problem } from "../../core/errors.js";
import { checkSender } from "../../preflight/check-sender.js";
import { findingRows, type Finding } from "../../preflight/preflight-finding.js";
import { describeSigning } from "../../render/dkim-sign.js";
import type { CliContext } from "../context.js";
import { readDkimKeyFor } from "../dkim-status.js";
import type { CheckSenderOptions } from "../definitions/check.js";
import { formatJson, formatProblemLines, formatTable, mergeProblems } from "../output.js";
import { checkTargets, emailRecipients, resolverFor, type TargetCheck } from "../target-check.js";

export async function runCheckSender(
  ctx: CliContext,
  campaignId: string | undefined,
  opts: CheckSenderOptions,
): Promise<void> {
  const { config } = await ctx.loadConfig();
  const campaign = campaignId ? await loadTargets(ctx.workspace, campaignId) : undefined;
  const from = campaign?.from ?? config.sender?.email;
  if (!from)
    throw new InputError("E_SENDER_NOT_CONFIGURED", "no sender to check: config.json has no sender", {
      hint: "add a sender to config.json, or name a campaign: outreach check sender <campaign>",
    });
  const key = config.dkim ? await readDkimKeyFor(ctx, config.dkim) : undefined;
  const resolve = resolverFor(config);
  const sender = await checkSender({ from, relayHost: config.smtp?.host, dkim: key, resolve });
  const targets =
    campaign && opts.targets ? await checkTargets(ctx, config, campaign.recipients, resolve) : undefined;
  const signing = describeSigning(key);
  if (opts.format === "json")
    ctx.stdout(formatJson(jsonReport(from, config.smtp?.host, key, sender, targets)));
  else writeTable(ctx, { from, signing, sender, targets });
  for (const line of formatProblemLines(
    targets?.notices.filter((n) => n.problem.severity === "warning") ?? [],
  ))
    ctx.stderr(`${line}\n`);
  const errors: Problem[] = [
    ...sender.filter((f) => f.level === "error").map((f) => problemOf(f)),
    ...mergeProblems(targets?.notices.filter((n) => n.problem.severity === "error") ?? []),
  ];
  if (errors.length)
    throw new InputError("E_PREFLIGHT_FAILED", `pre-flight for ${from}: ${errors.length} problem(s)`, {
      problems: errors,
      hint: "fix the DNS records (see README, Deliverability) and run `outreach check sender` again",
    });
  ctx.stderr(`pre-flight ok for ${from}; letters are ${signing}\n`);
}

/** The campaign's sender and its e-mail recipients (the plan's rules: audience, delivery by e-mail). */
async function loadTargets(workspace: string, campaignId: string) {
  const frame = await loadCampaignFrame(workspace, campaignId);
  return { from: frame.campaign.sender.email, recipients: emailRecipients(buildPlan(frame).entries) };
}

function problemOf(f: Finding): Problem {
  return { field: `${f.domain} ${f.check}`, message: f.message, ...(f.code ? { code: f.code } : {}) };
}

interface TableView {
  from: string;
  signing: string;
  sender: Finding[];
  targets: TargetCheck | undefined;
}

/** The sender's findings, then the target domains that are not ok, and a count of the others. */
function writeTable(ctx: CliContext, v: TableView): void {
  const notOk = v.targets?.findings.filter((f) => f.level !== "ok") ?? [];
  ctx.stdout(
    `sender ${v.from}: letters are ${v.signing}\n` +
      formatTable(["domain", "check", "result", "code", "detail"], findingRows([...v.sender, ...notOk])),
  );
  if (v.targets) {
    const total = v.targets.findings.length;
    ctx.stdout(
      `\n${total} target domain(s) checked: ${total - notOk.length} accept mail, ` +
        `${notOk.filter((f) => f.level === "error").length} accept none, ` +
        `${notOk.filter((f) => f.level === "warning").length} could not be checked; ` +
        `${v.targets.blockedContacts.length} contact(s) blocked\n`,
    );
  }
}

function jsonReport(
  from: string,
  relay: string | undefined,
  key: { domain: string; selector: string } | undefined,
  sender: Finding[],
  targets: TargetCheck | undefined,
) {
  return {
    sender: from,
    relay: relay ?? null,
    dkim: key ? { signed: true, domain: key.domain, selector: key.selector } : { signed: false },
    findings: sender,
    ok: !sender.some((f) => f.level === "error") && (targets?.blockedContacts.length ?? 0) === 0,
    ...(targets ? { targets: { domains: targets.findings, blockedContacts: targets.blockedContacts } } : {}),
  };
}
