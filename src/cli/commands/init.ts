import type { Command } from "commander";
import type { CliContext } from "../context.js";
import type { CommandResult } from "../program.js";

// Placeholder: replaced by the stage that implements `init`.
export function registerInitCommand(parent: Command, _ctx: CliContext, _result: CommandResult): void {
  parent.command("init").description("scaffold a workspace (not yet implemented)");
}
