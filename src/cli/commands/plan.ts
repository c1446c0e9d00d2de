import type { Command } from "commander";
import type { CliContext } from "../context.js";
import type { CommandResult } from "../program.js";

// Placeholder: replaced by the stage that implements `plan`.
export function registerPlanCommand(parent: Command, _ctx: CliContext, _result: CommandResult): void {
  parent.command("plan").description("who gets which letter (not yet implemented)");
}
