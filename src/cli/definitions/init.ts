/** `outreach init`'s arguments and help; the command itself is `commands/init.ts`, loaded when it runs. */
import { Option, type Command } from "commander";
import type { CliContext } from "../context.js";
import { withExample, type CommandResult } from "../define-command.js";

export function defineInitCommand(cmd: Command, ctx: CliContext, _result: CommandResult): void {
  cmd
    .description(
      "scaffold a workspace: config.json (from config.example.json), contacts/ (member states, empty directory and partners), campaigns/, templates/, the workspace key .outreach/secret (tags Message-IDs; git-ignored); never overwrites",
    )
    .argument("[dir]", "folder to create the workspace in (default: the workspace, i.e. the current folder)")
    .addOption(
      new Option("--format <format>", "text, or json: the files created and the next steps")
        .choices(["text", "json"])
        .default("text"),
    )
    .action(async (dir: string | undefined, options: { format: "text" | "json" }) => {
      const { runInit } = await import("../commands/init.js");
      await runInit(ctx, dir, options);
    });
  withExample(
    cmd,
    "outreach init my-campaign",
    "cd my-campaign && outreach directory import ../ministries.csv",
  );
}
