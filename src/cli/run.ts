import { CommanderError, type Command } from "commander";
import { formatProblem, isOutreachError } from "../core/errors.js";
import { assertWorkspace, createContext, type ContextOptions } from "./context.js";
import { exitCodeForError, EXIT_CODES } from "./exit-codes.js";
import { buildProgram, type CommandResult } from "./program.js";

/**
 * Run the CLI with the given arguments (without `node` and the script) and return the exit code.
 * The one top-level catch: errors become a message on stderr and an exit code. An error that is not an
 * OutreachError is an internal error (E_UNEXPECTED, "this is a bug"); with `--verbose` or OUTREACH_DEBUG=1
 * it also shows its stack. Everything goes through `ctx.stderr`, which
 * scrubs the secrets (an error may quote a server that echoed the password).
 */
export async function runCli(argv: readonly string[], options: ContextOptions = {}): Promise<number> {
  const typedWorkspace = workspaceFrom(argv);
  const typedConfig = configFrom(argv);
  const workspace = typedWorkspace ?? options.workspace;
  const configPath = typedConfig ?? options.configPath;
  const ctx = createContext({
    ...options,
    ...(workspace !== undefined ? { workspace } : {}),
    ...(configPath !== undefined ? { configPath } : {}),
    globalArgs: [
      ...(typedWorkspace !== undefined ? ["-w", typedWorkspace] : []),
      ...(typedConfig !== undefined ? ["-c", typedConfig] : []),
    ],
  });
  const result: CommandResult = { exitCode: EXIT_CODES.success };
  const program = buildProgram(ctx, result);
  program.hook("preAction", async (_program, command) => {
    if (!WORKS_ANYWHERE.has(topCommand(command).name())) await assertWorkspace(ctx.workspace);
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return result.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.code === "commander.help"
      ) {
        return EXIT_CODES.success;
      }
      return EXIT_CODES.invalidInput;
    }
    // Make sure the scrubber knows the password `smtp.passwordEnv` names, even if the command never read it.
    await ctx.loadConfig().catch(() => undefined);
    const verbose = program.opts<{ verbose?: boolean }>().verbose === true || isDebugEnv(ctx.env);
    ctx.stderr(describeError(error, { stack: verbose }));
    return exitCodeForError(error);
  }
}

/** Commands that run outside a workspace: they make one (`init`, `demo`) or only print help. */
const WORKS_ANYWHERE = new Set(["init", "demo", "help"]);

/** The command under the program that `command` belongs to (`directory` for `directory import`). */
function topCommand(command: Command): Command {
  let top = command;
  while (top.parent?.parent) top = top.parent;
  return top;
}

/**
 * Said under every E_UNEXPECTED: an error outreach did not foresee is a bug in outreach (even when a system
 * error such as a full disk set it off, outreach should have named it with a code of its own).
 */
const INTERNAL_ERROR_NOTE =
  "this is a bug in outreach: it met an error it has no code or advice for. Please report it to the outreach maintainers.";

/**
 * The text for an error: an OutreachError as its code, message, problems and hint; anything else is an
 * internal error (E_UNEXPECTED) that says it is a bug and how to report it, with its stack and causes
 * when `stack` is set (`--verbose`, OUTREACH_DEBUG=1).
 */
export function describeError(error: unknown, options: { stack?: boolean } = {}): string {
  if (isOutreachError(error)) {
    const lines = [`error [${error.code}]: ${error.message}`];
    for (const p of error.problems) lines.push(`  ${formatProblem(p)}`);
    if (error.hint) lines.push(`hint: ${error.hint}`);
    return lines.join("\n") + "\n";
  }
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`error [E_UNEXPECTED]: ${message}`, INTERNAL_ERROR_NOTE];
  if (!options.stack) {
    lines.push(
      "hint: run it again with --verbose (or OUTREACH_DEBUG=1) to see where it happened, and include that output (its stack is scrubbed of secrets) in the report",
    );
  } else {
    lines.push("hint: include this whole output in the report; the stack below is scrubbed of secrets");
    lines.push("stack (--verbose):");
    let cause: unknown = error;
    for (let depth = 0; cause !== undefined && depth < 5; depth++) {
      const text =
        cause instanceof Error ? (cause.stack ?? `${cause.name}: ${cause.message}`) : describeValue(cause);
      lines.push(...(depth > 0 ? ["caused by:"] : []), ...text.split("\n").map((l) => `  ${l}`));
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  }
  return lines.join("\n") + "\n";
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** OUTREACH_DEBUG=1 (or any value but empty, 0, false, no) asks for stacks, like --verbose. */
export function isDebugEnv(env: NodeJS.ProcessEnv): boolean {
  const value = (env.OUTREACH_DEBUG ?? "").trim().toLowerCase();
  return value !== "" && !["0", "false", "no", "off"].includes(value);
}

function workspaceFrom(argv: readonly string[]): string | undefined {
  return optionValue(argv, ["-w", "--workspace"]);
}

function configFrom(argv: readonly string[]): string | undefined {
  return optionValue(argv, ["-c", "--config"]);
}

function optionValue(argv: readonly string[], names: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--") return undefined;
    if (names.includes(a)) return argv[i + 1];
    for (const n of names) if (n.startsWith("--") && a.startsWith(`${n}=`)) return a.slice(n.length + 1);
  }
  return undefined;
}
