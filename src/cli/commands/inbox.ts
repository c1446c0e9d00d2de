import type { Command } from "commander";
import type { CliContext } from "../context.js";
import type { CommandResult } from "../program.js";

// Placeholder: replaced by the stage that implements `inbox`.
export function registerInboxCommand(parent: Command, _ctx: CliContext, _result: CommandResult): void {
  parent.command("inbox").description("import bounces and replies (not yet implemented)");
}
