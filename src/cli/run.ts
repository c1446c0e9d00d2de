import { CommanderError } from "commander";
import { formatProblem, isOutreachError } from "../core/errors.js";
import { createContext, type ContextOptions } from "./context.js";
import { exitCodeForError, EXIT_CODES } from "./exit-codes.js";
import { buildProgram, type CommandResult } from "./program.js";

/**
 * Run the CLI with the given arguments (without `node` and the script) and return the exit code.
 * The one top-level catch: errors become a message on stderr and an exit code.
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
    ctx.stderr(describeError(error));
    return exitCodeForError(error);
  }
}

export function describeError(error: unknown): string {
  if (isOutreachError(error)) {
    const lines = [`error [${error.code}]: ${error.message}`];
    for (const p of error.problems) lines.push(`  ${formatProblem(p)}`);
    if (error.hint) lines.push(`hint: ${error.hint}`);
    return lines.join("\n") + "\n";
  }
  const message = error instanceof Error ? error.message : String(error);
  return `error [E_UNEXPECTED]: ${message}\n`;
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
