import type { Command } from "commander";
import type { CliContext } from "../context.js";
import type { CommandResult } from "../program.js";

// Placeholder: replaced by the stage that implements `report`.
export function registerReportCommand(parent: Command, _ctx: CliContext, _result: CommandResult): void {
  parent.command("report").description("write report.html (not yet implemented)");
}
