import { resolve } from "node:path";
import type { Clock } from "../core/clock.js";
import { systemClock } from "../core/system-clock.js";
import { readConfig, type LoadedConfig } from "../config/read-config.fs.js";

/** Everything a command needs from the outside world, built once by the composition root. */
export interface CliContext {
  /** Workspace root (the folder with contacts/, campaigns/, templates/). */
  readonly workspace: string;
  readonly env: NodeJS.ProcessEnv;
  readonly clock: Clock;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is a terminal: show progress bars instead of periodic lines. */
  readonly interactive: boolean;
  /** Reads config.json once (defaults when there is none). */
  loadConfig(): Promise<LoadedConfig>;
  /** A signal aborted on SIGINT/SIGTERM, for long-running commands that stop cleanly. */
  readonly signal: AbortSignal;
  /** Read a line from the user (confirmation prompts); undefined when not interactive. */
  prompt?: (question: string) => Promise<string>;
  /** The global options exactly as the user typed them (`-w DIR`, `-c FILE`), to repeat in hints. */
  readonly globalArgs: readonly string[];
}

export interface ContextOptions {
  workspace?: string;
  configPath?: string;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  interactive?: boolean;
  signal?: AbortSignal;
  prompt?: (question: string) => Promise<string>;
  globalArgs?: readonly string[];
}

export function createContext(options: ContextOptions = {}): CliContext {
  const workspace = resolve(options.workspace ?? process.cwd());
  let loaded: Promise<LoadedConfig> | undefined;
  return {
    workspace,
    env: options.env ?? process.env,
    clock: options.clock ?? systemClock,
    stdout: options.stdout ?? ((t) => void process.stdout.write(t)),
    stderr: options.stderr ?? ((t) => void process.stderr.write(t)),
    interactive: options.interactive ?? Boolean(process.stderr.isTTY),
    signal: options.signal ?? new AbortController().signal,
    ...(options.prompt ? { prompt: options.prompt } : {}),
    globalArgs: options.globalArgs ?? [],
    loadConfig: () => (loaded ??= readConfig(workspace, options.configPath)),
  };
}
