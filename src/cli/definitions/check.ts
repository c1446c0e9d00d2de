/** `outreach check sender`: arguments, options and help; the command is `commands/check.ts`. */
import { Option, type Command } from "commander";
import type { CliContext } from "../context.js";
import { parseCampaignArgument, withExample, type CommandResult } from "../define-command.js";

export interface CheckSenderOptions {
  format: "table" | "json";
  targets: boolean;
}

export function defineCheckCommands(check: Command, ctx: CliContext, _result: CommandResult): void {
  check.configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) });
  withExample(
    check
      .command("sender")
      .description(
        "DNS pre-flight of the sender's domain: SPF present and covering the smtp relay, the DKIM selector's " +
          "record matching the configured key, DMARC policy and the alignment of From; with a campaign, also " +
          "every target domain (MX, A fallback, null MX, not resolving). Resolvers: config.json dns.servers " +
          "(default: the system's). Exits 2 (E_PREFLIGHT_FAILED) when an error is found; warnings do not fail",
      )
      .argument(
        "[campaign]",
        "check this campaign's sender and its target domains (default: config.json sender)",
        (v: string) => parseCampaignArgument(v, ctx.workspace, process.cwd()),
      )
      .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
      .option("--no-targets", "with a campaign: check only the sender, not the target domains")
      .action(async (campaign: string | undefined, options: CheckSenderOptions) => {
        const { runCheckSender } = await import("../commands/check.js");
        await runCheckSender(ctx, campaign, options);
      }),
    "outreach check sender",
    "outreach check sender wcit-2012 --format json",
  );
}
