/** `outreach send`'s arguments, options and help; the command itself is `commands/send.ts`, loaded when it runs. */
import { Option, type Command } from "commander";
import type { TransportName } from "../../send/transport.js";
import type { CliContext } from "../context.js";
import { campaignArgument, withExample, type CommandResult } from "../define-command.js";

export interface SendOptions {
  transport?: TransportName;
  yes?: boolean;
  limit?: string;
  country?: string;
  retryUncertain?: boolean;
  allowUnreviewed?: boolean;
  /** False with --no-wait. */
  wait: boolean;
  format: string;
}

export function defineSendCommand(cmd: Command, ctx: CliContext, result: CommandResult): void {
  cmd
    .addArgument(campaignArgument(ctx))
    .addOption(
      new Option(
        "--transport <name>",
        "smtp delivers for real (asks for confirmation); outbox rehearses (the default)",
      ).choices(["outbox", "smtp"]),
    )
    .option("--yes", "do not ask for confirmation before a real (smtp) send")
    .option("--limit <n>", "send at most N messages in this run")
    .option("--country <codes>", "only these countries, e.g. FR,TH")
    .option(
      "--retry-uncertain",
      "also send the messages whose earlier attempt has no known outcome (may duplicate)",
    )
    .option("--allow-unreviewed", "send letters whose translation is not marked reviewed")
    .option(
      "--no-wait",
      "end the run instead of waiting for retry times, caps or a server pause (prints how to resume)",
    )
    .option("--format <format>", "summary format on stdout: table or json", "table");
  withExample(
    cmd,
    "outreach send wcit-2012                      # rehearse: write every message to the outbox",
    "outreach send wcit-2012 --transport smtp --country TH,BD --limit 20",
    "outreach send wcit-2012 --transport smtp --no-wait",
  );
  cmd.action(async (campaignId: string, opts: SendOptions) => {
    const { runSend } = await import("../commands/send.js");
    result.exitCode = await runSend(ctx, campaignId, opts);
  });
}
