import type { Command } from "commander";
import type { CliContext } from "../context.js";
import type { CommandResult } from "../program.js";

// Placeholder: replaced by the stage that implements `mark`.
export function registerMarkCommand(parent: Command, _ctx: CliContext, _result: CommandResult): void {
  parent.command("mark").description("record an offline outcome (not yet implemented)");
}
