/** `outreach plan <campaign>`: who gets which letter, in which language, delivered how, and every problem. */
import type { PlanEntry } from "../../campaign/build-plan.js";
import { InputError } from "../../core/errors.js";
import {
  blockingProblems,
  prepareCampaign,
  type PreparedCampaign,
} from "../../render/prepare-campaign.fs.js";
import { describeSharedMailboxes } from "../../render/shared-mailboxes.js";
import { withTranslationReview } from "../../translations/review-translations.fs.js";
import type { CliContext } from "../context.js";
import {
  contactNotices,
  formatCsv,
  formatJson,
  formatProblemLines,
  formatTable,
  parseFormat,
} from "../output.js";
import type { PlanOptions } from "../definitions/plan.js";
import { parseCountryList } from "../options.js";
import { workspacePaths } from "../../core/workspace.js";
import type { Config } from "../../config/config-schema.js";
import { readSendState } from "../../send/send-state.fs.js";
import { selectRecipients } from "../../send/select-recipients.js";
import { forecastSend, formatSkips, plannedRecipients } from "../../send/forecast-send.js";
import { checkDeliverability } from "../plan-checks.js";

interface CountryRow {
  country: string;
  contacts: number;
  languages: string[];
  letters: string[];
  partner: string;
  delivery: Record<string, number>;
  warnings: number;
}

export async function runPlan(ctx: CliContext, campaignId: string, opts: PlanOptions): Promise<void> {
  const format = parseFormat(opts.format);
  const countries = parseCountryList(opts.country);
  const prepared = await prepareCampaign(ctx.workspace, campaignId, countries ? { countries } : {});
  const { plan } = prepared;
  const problems = await withTranslationReview(prepared.loaded, prepared.problems);
  const errors = blockingProblems(problems);
  const rows = countryRows(plan.entries);
  // Each contact's warnings, naming the contact, to be listed once for everyone they concern.
  const entryWarnings = contactNotices(plan.entries);
  const totals = {
    ...plan.totals,
    errors: errors.length,
    warnings: problems.length - errors.length + entryWarnings.length,
  };
  // What `send` will do now (ledger); plan-checks.ts: can a real send start, target DNS, office hours.
  const { config } = await ctx.loadConfig();
  const { state, forecast } = await forecastFromLedger(ctx, config, plan, campaignId);
  const delivery = await checkDeliverability(ctx, config, plan, opts.dns);
  const realSendProblems = delivery.realSendProblems;
  errors.push(...delivery.errors);
  totals.errors = errors.length;
  // Shared mailboxes (one contact listing several people, one message): shown with their salutation.
  const sharedMailboxes = describeSharedMailboxes(plan.entries, prepared.renderer);

  if (format === "json") {
    ctx.stdout(
      formatJson({
        campaign: plan.campaign.id,
        totals,
        countries: rows,
        entries: plan.entries.map(entryJson),
        sharedMailboxes,
        forecast,
        ...delivery.json,
        problems: problems.map((p) => ({ ...p, severity: p.severity ?? "error" })),
        contactWarnings: entryWarnings.map((w) => `${w.about}: ${w.problem.message}`),
      }),
    );
  } else if (format === "csv") {
    ctx.stdout(formatCsv(CONTACT_HEADERS, plan.entries.map(contactRow)));
  } else {
    writePlanTable(ctx, {
      rows,
      entries: plan.entries,
      contacts: opts.contacts,
      sharedMailboxes,
      forecast,
      totals,
    });
    ctx.stdout(delivery.table);
  }
  // Every warning is listed once: a contact warning with everyone it concerns, so the count below is
  // the number of lines above it.
  const warnings = formatProblemLines([
    ...problems.filter((p) => p.severity === "warning"),
    ...entryWarnings,
    ...state.problems.map((p) => ({ ...p, severity: "warning" as const })),
    ...delivery.warnings,
  ]);
  for (const line of warnings) ctx.stderr(`${line}\n`);
  if (forecast.totals.uncertain > 0)
    ctx.stderr(
      `${forecast.totals.uncertain} uncertain message(s) are not sent again: check, then outreach mark ${campaignId} <contact> sent|not-sent\n`,
    );
  for (const p of realSendProblems) ctx.stderr(`a real send would stop: ${p}\n`);
  if (errors.length) {
    throw new InputError("E_PLAN_BLOCKED", `campaign ${campaignId}: ${errors.length} blocking problem(s)`, {
      problems: errors,
      hint: "fix them and run `outreach plan` again; nothing can be previewed or sent until then",
    });
  }
  ctx.stderr(
    `plan ok: ${warnings.length} warning(s)` +
      (realSendProblems.length
        ? `; rehearsals can go, but \`send --transport smtp\` would stop on ${realSendProblems.length} configuration problem(s) listed above`
        : "") +
      `; next: outreach preview ${campaignId}\n`,
  );
}

/** What `send` would do now: the plan against the ledger, with the campaign's limits over config.json's. */
async function forecastFromLedger(
  ctx: CliContext,
  config: Config,
  plan: PreparedCampaign["plan"],
  campaignId: string,
) {
  const limits = { ...config.send, ...(plan.campaign.limits ?? {}) };
  const now = ctx.clock.now();
  const state = await readSendState(workspacePaths(ctx.workspace), campaignId, {
    now,
    minDaysBetweenCampaigns: limits.minDaysBetweenCampaigns,
  });
  const selection = selectRecipients(plannedRecipients(plan.entries), state.fold, {
    now,
    retryUncertain: false,
    minDaysBetweenCampaigns: limits.minDaysBetweenCampaigns,
    lastSentElsewhere: state.lastSentElsewhere,
  });
  return { state, forecast: forecastSend(plan.entries, selection, state.fold) };
}

interface PlanView {
  rows: CountryRow[];
  entries: readonly PlanEntry[];
  contacts: boolean | undefined;
  sharedMailboxes: ReturnType<typeof describeSharedMailboxes>;
  forecast: ReturnType<typeof forecastSend>;
  totals: PlanTotals;
}

type PlanTotals = PreparedCampaign["plan"]["totals"] & { errors: number; warnings: number };

/** The table format: countries, then (with --contacts) every contact, shared mailboxes and the forecast. */
function writePlanTable(ctx: CliContext, view: PlanView): void {
  ctx.stdout(
    formatTable(
      ["country", "contacts", "language", "letter", "partner", "delivery", "warnings"],
      view.rows.map((r) => [
        r.country,
        r.contacts,
        r.languages.join(", "),
        r.letters.join(", "),
        r.partner,
        Object.entries(r.delivery)
          .map(([k, v]) => `${k} ${v}`)
          .join(", "),
        r.warnings,
      ]),
    ),
  );
  if (view.contacts) ctx.stdout("\n" + formatTable(CONTACT_HEADERS, view.entries.map(contactRow)));
  if (view.sharedMailboxes.length > 0) {
    ctx.stdout(
      "\nshared mailboxes (one message each):\n" +
        formatTable(
          ["contact", "email", "people", "language", "salutation"],
          view.sharedMailboxes.map((m) => [
            m.contact,
            m.email,
            m.people.join("; "),
            m.language,
            m.salutation ?? "(cannot render: see the problems)",
          ]),
        ),
    );
  }
  ctx.stdout(
    "\nwhat `outreach send` will do now:\n" +
      formatTable(
        ["country", "to send", "sent before", "uncertain", "failed before", "skipped"],
        view.forecast.countries.map((c) => [
          c.country,
          c.toSend + (c.retryLater ? ` (${c.retryLater} at retry time)` : ""),
          c.alreadySent,
          c.uncertain,
          c.failedBefore,
          formatSkips(c.skipped),
        ]),
      ),
  );
  const t = view.forecast.totals;
  ctx.stdout(
    `\nsend: ${t.toSend} to send, ${t.alreadySent} sent before, ${t.uncertain} uncertain, ` +
      `${t.failedBefore} failed before; skipped: ${formatSkips(t.skipped) || "none"}\n`,
  );
  const languages = Object.entries(view.totals.byLanguage)
    .map(([l, n]) => `${l} ${n}`)
    .join(", ");
  ctx.stdout(
    `\n${view.totals.contacts} contact(s) in ${view.totals.countries} countr${view.totals.countries === 1 ? "y" : "ies"}: ` +
      `email ${view.totals.byDelivery.email}, by partner ${view.totals.byDelivery.partner}, not deliverable ${view.totals.byDelivery.none}; ` +
      `languages: ${languages || "none"}\n`,
  );
}

const CONTACT_HEADERS = [
  "country",
  "contact",
  "name",
  "email",
  "language",
  "reason",
  "letter",
  "partner",
  "delivery",
  "warnings",
];

function contactRow(e: PlanEntry): unknown[] {
  return [
    e.country,
    e.contact.id,
    e.contact.name || e.contact.organisation,
    e.contact.email,
    e.language,
    e.languageReason,
    e.letter,
    e.partner?.id ?? "",
    e.delivery + (e.ccPartner ? " +cc" : ""),
    e.warnings.join("; "),
  ];
}

function entryJson(e: PlanEntry) {
  return {
    contact: e.contact.id,
    name: e.contact.name,
    organisation: e.contact.organisation,
    email: e.contact.email,
    status: e.contact.status,
    country: e.country,
    language: e.language,
    languageReason: e.languageReason,
    letter: e.letter,
    delivery: e.delivery,
    partner: e.partner?.id ?? null,
    ccPartner: e.ccPartner,
    warnings: e.warnings,
  };
}

function countryRows(entries: readonly PlanEntry[]): CountryRow[] {
  const rows = new Map<string, CountryRow>();
  for (const e of entries) {
    let row = rows.get(e.country);
    if (!row) {
      row = {
        country: e.country,
        contacts: 0,
        languages: [],
        letters: [],
        partner: "",
        delivery: {},
        warnings: 0,
      };
      rows.set(e.country, row);
    }
    row.contacts += 1;
    if (!row.languages.includes(e.language)) row.languages.push(e.language);
    if (!row.letters.includes(e.letter)) row.letters.push(e.letter);
    if (e.partner && !row.partner) row.partner = e.partner.id + (e.ccPartner ? " (cc)" : "");
    const mode = e.delivery === "partner" ? "by partner" : e.delivery === "none" ? "none" : "email";
    row.delivery[mode] = (row.delivery[mode] ?? 0) + 1;
    row.warnings += e.warnings.length;
  }
  return [...rows.values()].sort((a, b) => a.country.localeCompare(b.country));
}
