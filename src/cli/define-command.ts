/** What a command definition (`definitions/<name>.ts`) needs: the exit-code slot and the help examples. */
import type { Command } from "commander";

/** Set by a command that ran to the end with some items failed. */
export interface CommandResult {
  exitCode: number;
}

/** Add an "Example:" section to --help. */
export function withExample<T extends Command>(cmd: T, ...examples: string[]): T {
  cmd.addHelpText(
    "after",
    `\nExample${examples.length > 1 ? "s" : ""}:\n${examples.map((e) => `  $ ${e}`).join("\n")}\n`,
  );
  return cmd;
}
