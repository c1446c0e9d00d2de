/**
 * `outreach preview <campaign>`: every message rendered to campaigns/<id>/outbox/preview/ with an index
 * page, or (`--show <contact>`) one message printed in the terminal and nothing written.
 */
import { pathToFileURL } from "node:url";
import type { PlanEntry } from "../../campaign/build-plan.js";
import { InputError, type Problem } from "../../core/errors.js";
import {
  blockingProblems,
  prepareCampaign,
  type PreparedCampaign,
} from "../../render/prepare-campaign.fs.js";
import { findPlanEntry, formatShownMessage, shownMessageJson } from "../../render/show-message.js";
import { writePreview, type PreviewResult } from "../../render/write-preview.fs.js";
import { withTranslationReview } from "../../translations/review-translations.fs.js";
import { attachLetterPdfsFor } from "../attach-pdfs.js";
import type { CliContext } from "../context.js";
import { describeDkim } from "../dkim-status.js";
import type { PreviewOptions } from "../definitions/preview.js";
import { parseCountryList } from "../options.js";
import { contactNotices, formatJson, formatProblemLines, mergeProblems } from "../output.js";

export async function runPreview(ctx: CliContext, campaignId: string, opts: PreviewOptions): Promise<void> {
  const json = opts.format === "json";
  const countries = parseCountryList(opts.country);
  const prepared = await prepareCampaign(ctx.workspace, campaignId, countries ? { countries } : {});
  // Translations out of date with the source letter listed per language; approved ones not called unreviewed.
  prepared.problems = await withTranslationReview(prepared.loaded, prepared.problems);
  const { plan, loaded } = prepared;
  // An unknown contact is the first thing to fix: it says nothing about the letters.
  const shown =
    opts.show === undefined ? undefined : findPlanEntry(plan.entries, loaded.contacts, campaignId, opts.show);
  const errors = blockingProblems(prepared.problems);
  // Each warning once; a contact warning with everyone it concerns (the index shows it per message,
  // --show above the one message).
  const warnings = prepared.problems.filter((p) => p.severity === "warning");
  for (const line of formatProblemLines([...warnings, ...(shown ? [] : contactNotices(plan.entries))]))
    ctx.stderr(`${line}\n`);
  if (errors.length) {
    if (json) ctx.stdout(formatJson({ campaign: campaignId, written: false, ...summary(prepared, []) }));
    throw new InputError(
      "E_PLAN_BLOCKED",
      `campaign ${campaignId}: ${errors.length} blocking problem(s); nothing was rendered`,
      { problems: errors, hint: `run \`outreach plan ${campaignId}\` for the whole picture` },
    );
  }
  // Letters with `attachPdf` carry their PDF in the preview as they will in the send.
  await attachLetterPdfsFor(ctx, prepared.loaded, prepared.renderer);
  if (shown) {
    showMessage(ctx, prepared, shown, json);
    return;
  }
  const result = await writeAll(ctx, prepared, campaignId);
  const { config } = await ctx.loadConfig();
  const dkim = await describeDkim(ctx, config);
  ctx.stderr(`${dkim.text}\n`);
  if (json) {
    const { dir, index, messages, files } = result;
    ctx.stdout(
      formatJson({
        campaign: campaignId,
        written: true,
        dir,
        index,
        messages,
        dkimSigned: dkim.signed,
        ...summary(prepared, files),
        files,
      }),
    );
    return;
  }
  ctx.stdout(
    `${result.messages} message(s) written to ${result.dir}\n` +
      `preview: ${result.index}\nopen in a browser: ${pathToFileURL(result.index).href}\n`,
  );
}

/** Renders one contact's message and prints it; nothing is written. */
function showMessage(ctx: CliContext, prepared: PreparedCampaign, entry: PlanEntry, json: boolean): void {
  const message = prepared.renderer.render(entry);
  ctx.stdout(json ? formatJson(shownMessageJson(entry, message)) : formatShownMessage(entry, message));
}

/** Every message of the plan to the preview folder, with progress. */
async function writeAll(
  ctx: CliContext,
  prepared: PreparedCampaign,
  campaignId: string,
): Promise<PreviewResult> {
  const { plan, loaded } = prepared;
  // A bar on a terminal, a plain line at most every 10 s otherwise, and the last count at the end.
  const progress = ctx.progress();
  return writePreview({
    campaignId,
    campaignName: plan.campaign.name,
    outbox: loaded.paths.outbox,
    entries: plan.entries,
    renderer: prepared.renderer,
    unreviewed: unreviewedLanguages(prepared),
    date: new Date(ctx.clock.now()),
    onProgress: (done, total) =>
      progress.update({ line: `rendered ${done}/${total}`, fraction: done / Math.max(1, total) }),
  }).finally(() => progress.end());
}

/** Counts by language, country and delivery of what was written, and every problem (merged). */
function summary(prepared: PreparedCampaign, files: PreviewResult["files"]) {
  const count = (key: (f: PreviewResult["files"][number]) => string) => {
    const counts: Record<string, number> = {};
    for (const f of files) counts[key(f)] = (counts[key(f)] ?? 0) + 1;
    return counts;
  };
  const problems: Problem[] = mergeProblems(prepared.problems);
  return {
    byLanguage: count((f) => f.language),
    byCountry: count((f) => f.country),
    byDelivery: count((f) => f.delivery),
    unreviewed: unreviewedLanguages(prepared),
    problems: problems.map((p) => ({ ...p, severity: p.severity ?? "error" })),
  };
}

/** The planned languages whose translation is not reviewed (not approved as it is, nor marked reviewed). */
function unreviewedLanguages({ plan, problems }: PreparedCampaign): string[] {
  // The plan's "not reviewed" warning, kept only for a translation without a current approval.
  return [...new Set(plan.entries.map((e) => e.language))].filter((l) =>
    problems.some((p) => p.field === `letters.${l}.reviewed`),
  );
}
