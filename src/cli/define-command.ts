/**
 * What a command definition (`definitions/<name>.ts`) needs: the exit-code slot, the help examples and
 * the campaign argument every campaign command shares.
 */
import { basename, dirname, resolve } from "node:path";
import { Argument, type Command } from "commander";
import { InputError } from "../core/errors.js";
import { workspacePaths } from "../core/workspace.js";
import type { CliContext } from "./context.js";

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

/**
 * The `<campaign>` argument of every campaign command: the action receives the campaign id, whether the
 * user typed the id or the folder shell completion gives (`parseCampaignArgument`).
 */
export function campaignArgument(
  ctx: Pick<CliContext, "workspace">,
  description = "campaign id or folder (wcit-2012, campaigns/wcit-2012/)",
): Argument {
  return new Argument("<campaign>", description).argParser((value: string) =>
    parseCampaignArgument(value, ctx.workspace, process.cwd()),
  );
}

/**
 * A campaign id from what the user typed: the id itself (checked when the campaign is loaded), or the
 * campaign's folder as tab completion types it: `campaigns/<id>`, `campaigns/<id>/`, `./campaigns/<id>`,
 * or any path (from `cwd`) to a folder directly under the workspace's `campaigns/`. A path to any other
 * folder is a usage error (E_USAGE), never a guess.
 */
export function parseCampaignArgument(value: string, workspace: string, cwd: string): string {
  const trimmed = value.replace(/[\\/]+$/, "");
  if (!/[\\/]/.test(trimmed)) return trimmed;
  const parts = trimmed.split(/[\\/]+/).filter((p) => p !== ".");
  if (parts.length === 2 && parts[0] === "campaigns" && parts[1]) return parts[1];
  const campaignsDir = workspacePaths(workspace).campaignsDir;
  const folder = resolve(cwd, trimmed);
  if (dirname(folder) === campaignsDir) return basename(folder);
  throw new InputError(
    "E_USAGE",
    `"${value}" is not a campaign: give its id (e.g. wcit-2012) or its folder, campaigns/<id>`,
    { hint: `a campaign is a folder directly under ${campaignsDir}` },
  );
}
