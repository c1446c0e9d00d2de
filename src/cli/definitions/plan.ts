/** `outreach plan`'s arguments, options and help; the command itself is `commands/plan.ts`, loaded when it runs. */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { campaignArgument, withExample, type CommandResult } from "../define-command.js";

export interface PlanOptions {
  format: string;
  contacts?: boolean;
  country?: string;
  /** False with `--no-dns`. */
  dns: boolean;
}

export function definePlanCommand(cmd: Command, ctx: CliContext, _result: CommandResult): void {
  cmd
    .description(
      "show who gets which letter: per country the contacts, language, letter, partner, delivery and warnings. " +
        "Trial-renders every message; exits 2 listing every blocking problem (missing template or merge field, " +
        "bad attachment, unknown partner...). Unreviewed translations are warnings here.",
    )
    .addArgument(campaignArgument(ctx))
    .option("--format <format>", "table, csv (one row per contact) or json", "table")
    .option("--contacts", "table format: also list every contact with its language reason and warnings")
    .option("--country <codes>", "only these countries, comma-separated (e.g. AR,TH)")
    .option("--no-dns", "skip the DNS check of target domains (config.json `dns`)")
    .action(async (campaignId: string, opts: PlanOptions) => {
      const { runPlan } = await import("../commands/plan.js");
      await runPlan(ctx, campaignId, opts);
    });
  withExample(
    cmd,
    "outreach plan wcit-2012",
    "outreach plan wcit-2012 --contacts --country AR,PK",
    "outreach plan wcit-2012 --format json",
  );
}
