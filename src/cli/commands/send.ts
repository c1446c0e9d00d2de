import type { Command } from "commander";
import type { CliContext } from "../context.js";
import type { CommandResult } from "../program.js";

// Placeholder: replaced by the stage that implements `send`.
export function registerSendCommand(parent: Command, _ctx: CliContext, _result: CommandResult): void {
  parent.command("send").description("send a campaign (not yet implemented)");
}
