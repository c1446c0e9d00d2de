import type { Command } from "commander";
import type { CliContext } from "../context.js";
import type { CommandResult } from "../program.js";

// Placeholder: replaced by the stage that implements `preview`.
export function registerPreviewCommand(parent: Command, _ctx: CliContext, _result: CommandResult): void {
  parent.command("preview").description("render every message to the outbox (not yet implemented)");
}
