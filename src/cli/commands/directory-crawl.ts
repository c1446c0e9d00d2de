import type { Command } from "commander";
import type { CliContext } from "../context.js";
import type { CommandResult } from "../program.js";

// Placeholder: replaced by the stage that implements `crawl`.
export function registerCrawlCommand(parent: Command, _ctx: CliContext, _result: CommandResult): void {
  parent.command("crawl").description("crawl directory pages (not yet implemented)");
}
