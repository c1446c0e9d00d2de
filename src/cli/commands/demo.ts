import type { Command } from "commander";
import type { CliContext } from "../context.js";
import type { CommandResult } from "../program.js";

// Placeholder: replaced by the stage that implements `demo`.
export function registerDemoCommand(parent: Command, _ctx: CliContext, _result: CommandResult): void {
  parent.command("demo").description("run the bundled example end to end (not yet implemented)");
}
