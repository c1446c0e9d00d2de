/** `outreach preview <campaign>`: every message rendered to campaigns/<id>/outbox/preview/ with an index page. */
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { InputError, formatProblem } from "../../core/errors.js";
import { blockingProblems, prepareCampaign } from "../../render/prepare-campaign.fs.js";
import { writePreview } from "../../render/write-preview.fs.js";
import type { CliContext } from "../context.js";
import { withExample, type CommandResult } from "../program.js";
import { parseCountryList } from "../options.js";

export function registerPreviewCommand(parent: Command, ctx: CliContext, _result: CommandResult): void {
  const cmd = parent
    .command("preview")
    .summary("render every message to outbox/preview/ with an index page")
    .description(
      "render every message of the plan (nothing is sent) to campaigns/<id>/outbox/preview/: one .eml per " +
        "contact as it would be sent, an .html copy of each letter, and index.html listing them by country " +
        "and language. The folder is replaced on each run. Exits 2 when the plan has blocking problems.",
    )
    .argument("<campaign>", "campaign id (folder under campaigns/)")
    .option("--country <codes>", "only these countries, comma-separated (e.g. AR,TH)")
    .action(async (campaignId: string, opts: { country?: string }) => {
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
      const total = plan.entries.length;
      const step = Math.max(1, Math.ceil(total / 10));
      const result = await writePreview({
        campaignId,
        campaignName: plan.campaign.name,
        outbox: loaded.paths.outbox,
        entries: plan.entries,
        renderer: prepared.renderer,
        unreviewed,
        date: new Date(ctx.clock.now()),
        onProgress: (done) => {
          if (done === total || done % step === 0) ctx.stderr(`rendered ${done}/${total}\n`);
        },
      });
      ctx.stdout(
        `${result.messages} message(s) written to ${result.dir}\n` +
          `preview: ${result.index}\nopen in a browser: ${pathToFileURL(result.index).href}\n`,
      );
    });
  withExample(cmd, "outreach preview wcit-2012", "outreach preview wcit-2012 --country PK,TH");
}
