/** `outreach directory crawl`'s options and help; the command itself is `commands/directory-crawl.ts`. */
import { Option, type Command } from "commander";
import type { CliContext } from "../context.js";
import { withExample, type CommandResult } from "../define-command.js";

/** The site profiles `--profile` accepts (`commands/directory-crawl.ts` maps each to its profile). */
export const CRAWL_PROFILE_NAMES = ["itu"] as const;
export type CrawlProfileName = (typeof CRAWL_PROFILE_NAMES)[number];

export interface CrawlFlags {
  profile: string;
  start?: string;
  country?: string;
  maxPages?: string;
  delay?: string;
  maxAge: string;
  dryRun?: boolean;
  reparse?: boolean;
  format: string;
}

export function defineCrawlCommand(parent: Command, ctx: CliContext, result: CommandResult): void {
  const cmd = parent
    .command("crawl")
    .description(
      "crawl the member-state pages into contacts/sources/<profile>-<date>.csv and merge them into the directory",
    )
    .addOption(new Option("--profile <name>", "site profile").choices(CRAWL_PROFILE_NAMES).default("itu"))
    .option("--start <url>", "start page (default: the profile's member-state list)")
    .option("--country <codes>", "only these countries, ISO codes or names, comma-separated (e.g. SN,PE)")
    .option("--max-pages <n>", "stop after this many pages (robots.txt not counted)")
    .option("--delay <ms>", "minimum delay between two requests to one host (default: crawler.delayMs, 1000)")
    .option(
      "--max-age <hours>",
      "reuse cached pages downloaded less than this many hours ago without asking the site (resume)",
      "12",
    )
    .option(
      "--reparse",
      "parse every page again (after a profile change) instead of reusing parses of unchanged pages",
    )
    .option("--dry-run", "crawl and write the source file, but only report what the merge would change")
    .option("--format <format>", "summary format: table, csv or json", "table")
    .action(async (flags: CrawlFlags) => {
      const { runCrawlCommand } = await import("../commands/directory-crawl.js");
      result.exitCode = await runCrawlCommand(ctx, flags);
    });
  withExample(
    cmd,
    "outreach directory crawl --profile itu",
    "outreach directory crawl --country SN,PE --max-pages 50 --format json",
  );
}
