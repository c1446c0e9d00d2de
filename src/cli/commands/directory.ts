import type { Command } from "commander";
import type { CliContext } from "../context.js";
import type { CommandResult } from "../program.js";

// Placeholder: replaced by the stage that implements `import`.
export function registerDirectoryCommands(parent: Command, _ctx: CliContext, _result: CommandResult): void {
  parent.command("import").description("import a CSV of contacts (not yet implemented)");
}
