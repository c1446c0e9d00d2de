/** `outreach demo`'s arguments and help; the command itself is `commands/demo.ts`, loaded when it runs. */
import { resolve } from "node:path";
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { withExample, type CommandResult } from "../define-command.js";

export function defineDemoCommand(cmd: Command, ctx: CliContext, result: CommandResult): void {
  withExample(
    cmd
      .argument("[dir]", "scratch folder, recreated on every run", "demo-workspace")
      .action(async (dir: string) => {
        const { runDemo } = await import("../commands/demo.js");
        result.exitCode = await runDemo(ctx, resolve(ctx.workspace, dir));
      }),
    "outreach demo",
    "outreach demo /tmp/outreach-demo",
  );
}
