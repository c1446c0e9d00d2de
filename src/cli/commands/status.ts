import type { Command } from "commander";
import type { CliContext } from "../context.js";
import type { CommandResult } from "../program.js";

// Placeholder: replaced by the stage that implements `status`.
export function registerStatusCommand(parent: Command, _ctx: CliContext, _result: CommandResult): void {
  parent.command("status").description("campaign status (not yet implemented)");
}
