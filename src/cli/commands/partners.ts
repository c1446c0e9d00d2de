import type { Command } from "commander";
import type { CliContext } from "../context.js";
import type { CommandResult } from "../program.js";

// Placeholder: replaced by the stage that implements `partners`.
export function registerPartnersCommand(parent: Command, _ctx: CliContext, _result: CommandResult): void {
  parent.command("partners").description("partner packs (not yet implemented)");
}
