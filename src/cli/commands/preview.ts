/** `outreach preview <campaign>`: every message rendered to campaigns/<id>/outbox/preview/ with an index page. */
import { pathToFileURL } from "node:url";
import { InputError, formatProblem } from "../../core/errors.js";
import { blockingProblems, prepareCampaign } from "../../render/prepare-campaign.fs.js";
import { writePreview } from "../../render/write-preview.fs.js";
import type { CliContext } from "../context.js";
import { parseCountryList } from "../options.js";

export async function runPreview(
  ctx: CliContext,
  campaignId: string,
  opts: { country?: string },
): Promise<void> {
  const countries = parseCountryList(opts.country);
  const prepared = await prepareCampaign(ctx.workspace, campaignId, countries ? { countries } : {});
  const errors = blockingProblems(prepared.problems);
  for (const p of prepared.problems)
    if (p.severity === "warning") ctx.stderr(`warning: ${formatProblem(p)}\n`);
  if (errors.length) {
    throw new InputError(
      "E_PLAN_BLOCKED",
      `campaign ${campaignId}: ${errors.length} blocking problem(s); nothing was rendered`,
      {
        problems: errors,
        hint: `run \`outreach plan ${campaignId}\` for the whole picture`,
      },
    );
  }
  const { plan, loaded } = prepared;
  const unreviewed = [...new Set(plan.entries.map((e) => e.language))].filter(
    (l) => plan.campaign.letters[l as keyof typeof plan.campaign.letters]?.reviewed === false,
  );
  // A bar on a terminal, a plain line at most every 10 s otherwise, and the last count at the end.
  const progress = ctx.progress();
  const result = await writePreview({
    campaignId,
    campaignName: plan.campaign.name,
    outbox: loaded.paths.outbox,
    entries: plan.entries,
    renderer: prepared.renderer,
    unreviewed,
    date: new Date(ctx.clock.now()),
    onProgress: (done, total) =>
      progress.update({ line: `rendered ${done}/${total}`, fraction: done / Math.max(1, total) }),
  }).finally(() => progress.end());
  ctx.stdout(
    `${result.messages} message(s) written to ${result.dir}\n` +
      `preview: ${result.index}\nopen in a browser: ${pathToFileURL(result.index).href}\n`,
  );
}
