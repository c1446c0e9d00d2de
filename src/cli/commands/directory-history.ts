import type { Command } from "commander";
import type { CliContext } from "../context.js";
import type { CommandResult } from "../program.js";

// Placeholder: replaced by the stage that implements `history`.
export function registerHistoryCommand(parent: Command, _ctx: CliContext, _result: CommandResult): void {
  parent.command("history").description("every campaign event for one contact (not yet implemented)");
}
