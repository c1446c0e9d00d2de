/** `outreach campaign new`: arguments, options and help; the command is `commands/campaign.ts`. */
import { Option, type Command } from "commander";
import type { CliContext } from "../context.js";
import { withExample, type CommandResult } from "../define-command.js";

export interface CampaignNewOptions {
  languages: string;
  from?: string;
  name?: string;
  format: "text" | "json";
}

export function defineCampaignCommands(campaign: Command, ctx: CliContext, _result: CommandResult): void {
  campaign.configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) });
  withExample(
    campaign
      .command("new")
      .description(
        "scaffold a campaign: campaigns/<id>/campaign.json, an empty signatories.csv and a starter letter per " +
          "language under templates/<id>/ (the first language is the campaign's default); never overwrites",
      )
      .argument("<id>", "campaign id: lower-case letters, digits and dashes (also the folder name)")
      .requiredOption(
        "--languages <list>",
        "letter languages, comma-separated, the default first (en,es,fr,…)",
      )
      .option(
        "--from <campaign>",
        "start from an existing campaign: its settings, countries, letters and signatories",
      )
      .option("--name <text>", "the campaign's name (default: the id)")
      .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
      .action(async (id: string, options: CampaignNewOptions) => {
        const { runCampaignNew } = await import("../commands/campaign.js");
        await runCampaignNew(ctx, id, options);
      }),
    "outreach campaign new wcit-follow-up --languages en,es,fr",
    "outreach campaign new wcit-2013 --languages en,es --from wcit-2012",
  );
}
