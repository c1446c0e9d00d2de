/**
 * `outreach inbox import|fetch|sample`: arguments, options and help; the commands are `commands/inbox.ts`
 * and `commands/inbox-fetch.ts`.
 */
import { Option, type Command } from "commander";
import { SAMPLE_INBOX_FILE } from "../../inbox/sample-inbox.js";
import type { CliContext } from "../context.js";
import { campaignArgument, withExample, type CommandResult } from "../define-command.js";
import { OUTPUT_FORMATS, type OutputFormat } from "../output.js";

export function defineInboxCommands(inbox: Command, ctx: CliContext, _result: CommandResult): void {
  inbox.configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) });
  withExample(
    inbox
      .command("import")
      .description(
        "import mbox files, maildirs or .eml files: bounces (hard/soft), auto-replies and replies matched to contacts; unmatched messages are listed",
      )
      .addArgument(campaignArgument(ctx))
      .argument(
        "<mailbox...>",
        "mbox file, maildir folder (cur/ and new/), folder of .eml files, or .eml files",
      )
      .addOption(new Option("--format <format>", "output format").choices(OUTPUT_FORMATS).default("table"))
      .action(async (campaign: string, mailboxes: string[], options: { format: OutputFormat }) => {
        const { runInboxImport } = await import("../commands/inbox.js");
        await runInboxImport(ctx, campaign, mailboxes, options);
      }),
    "outreach inbox import wcit-2012 ~/Mail/coalition.mbox",
    "outreach inbox import wcit-2012 ~/Maildir/.WCIT campaigns/wcit-2012/sample-inbox/inbox.mbox",
  );
  withExample(
    inbox
      .command("fetch")
      .description(
        "fetch new mail over IMAP (config.json `imap`, password in $OUTREACH_IMAP_PASSWORD or imap.passwordEnv) and import it as `inbox import` does; folders are opened read-only, and a re-run downloads only what is new",
      )
      .addArgument(campaignArgument(ctx))
      .option(
        "--move-processed <folder>",
        "after recording them, move the bounces, auto-replies and replies to this folder (made if missing); unmatched mail stays",
      )
      .addOption(new Option("--format <format>", "output format").choices(OUTPUT_FORMATS).default("table"))
      .action(async (campaign: string, options: { format: OutputFormat; moveProcessed?: string }) => {
        const { runInboxFetch } = await import("../commands/inbox-fetch.js");
        await runInboxFetch(ctx, campaign, options);
      }),
    "outreach inbox fetch wcit-2012",
    "outreach inbox fetch wcit-2012 --move-processed Processed --format json",
  );
  withExample(
    inbox
      .command("sample")
      .description(
        "write the example campaign's sample mailbox (invented bounces, auto-replies, replies) for this workspace's Message-IDs",
      )
      .addArgument(
        campaignArgument(ctx, "campaign id or folder (the example contacts must be planned in it)"),
      )
      .option("--out <file>", `where to write it (default: campaigns/<id>/${SAMPLE_INBOX_FILE})`)
      .action(async (campaign: string, options: { out?: string }) => {
        const { runInboxSample } = await import("../commands/inbox.js");
        await runInboxSample(ctx, campaign, options);
      }),
    "outreach inbox sample wcit-2012 && outreach inbox import wcit-2012 campaigns/wcit-2012/sample-inbox/inbox.mbox",
  );
}
