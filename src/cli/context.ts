import { fstatSync, writeSync } from "node:fs";
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Clock } from "../core/clock.js";
import { systemClock } from "../core/system-clock.js";
import type { LoadedConfig } from "../config/read-config.fs.js";
import { createScrubber, credentialSecrets, pemSecretTexts, type Scrubber } from "../core/scrub-secrets.js";
import { InputError } from "../core/errors.js";
import { WORKSPACE_MARKERS } from "../core/workspace.js";
import { createProgress, type ProgressOptions, type ProgressRenderer } from "./progress.js";

/** Everything a command needs from the outside world, built once by the composition root. */
export interface CliContext {
  /** Workspace root (the folder with contacts/, campaigns/, templates/). */
  readonly workspace: string;
  readonly env: NodeJS.ProcessEnv;
  readonly clock: Clock;
  /** Output, with every form of the known secrets (`scrub`) removed. */
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /**
   * Removes every form of the secrets this run knows: the passwords in $OUTREACH_SMTP_PASSWORD and
   * $OUTREACH_IMAP_PASSWORD, and once the config is loaded, the ones in `smtp.passwordEnv` with `smtp.user`
   * and `imap.passwordEnv` with `imap.user` (the AUTH PLAIN blobs).
   */
  readonly scrub: Scrubber;
  /** Makes these texts secrets of the run too (every form of them is scrubbed from then on): a DKIM key. */
  addSecrets(texts: readonly string[]): void;
  /** True when stderr is a terminal: show progress bars instead of periodic lines. */
  readonly interactive: boolean;
  /**
   * The progress display of a long command, on stderr (src/cli/progress.ts). Anything printed through
   * `stdout` or `stderr` while it runs first finishes its redrawn line.
   */
  progress(options?: Pick<ProgressOptions, "plainEveryMs">): ProgressRenderer;
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
  const env = options.env ?? process.env;
  const secrets: Buffer[] = [];
  let scrubSecrets: Scrubber = (t) => t;
  const addCredentials = (user: string | undefined, passwordEnv: string) => {
    const password = env[passwordEnv];
    if (!password) return;
    secrets.push(...credentialSecrets({ user, password }));
    // One scrubber over all the forms, so the longest (the whole AUTH PLAIN blob) always goes first.
    scrubSecrets = createScrubber(secrets);
  };
  const addSecrets = (texts: readonly string[]) => {
    const fresh = texts.filter((t) => t !== "" && !secrets.some((b) => b.equals(Buffer.from(t, "utf8"))));
    if (fresh.length === 0) return;
    secrets.push(...fresh.map((t) => Buffer.from(t, "utf8")));
    scrubSecrets = createScrubber(secrets);
  };
  // Known before any config is read, so even an error reading the config cannot print the password.
  addCredentials(undefined, DEFAULT_PASSWORD_ENV);
  addCredentials(undefined, DEFAULT_IMAP_PASSWORD_ENV);
  const scrub: Scrubber = (t) => scrubSecrets(t);
  const stdout = options.stdout ?? writeStdout;
  const stderr = options.stderr ?? ((t) => void process.stderr.write(t));
  const clock = options.clock ?? systemClock;
  const interactive = options.interactive ?? Boolean(process.stderr.isTTY);
  const progressStream = {
    isTTY: interactive,
    // The width of the real terminal, read at each redraw (it changes when the window is resized).
    get columns() {
      return options.stderr ? undefined : process.stderr.columns;
    },
    write: (t: string) => stderr(scrub(t)),
  };
  let progress: ProgressRenderer | undefined;
  let loaded: Promise<LoadedConfig> | undefined;
  return {
    workspace,
    env,
    clock,
    stdout: (t) => {
      progress?.interrupt();
      stdout(scrub(t));
    },
    stderr: (t) => {
      progress?.interrupt(t);
      stderr(scrub(t));
    },
    scrub,
    addSecrets,
    interactive,
    progress: (o = {}) => (progress = createProgress({ ...o, stream: progressStream, clock })),
    signal: options.signal ?? new AbortController().signal,
    ...(options.prompt ? { prompt: options.prompt } : {}),
    globalArgs: options.globalArgs ?? [],
    loadConfig: () =>
      (loaded ??= readConfigLazily(workspace, options.configPath).then((l) => {
        if (l.config.smtp) addCredentials(l.config.smtp.user, l.config.smtp.passwordEnv);
        if (l.config.imap) addCredentials(l.config.imap.user, l.config.imap.passwordEnv);
        // A DKIM key in the environment is known from here on; a key file once it is read (`readDkimKeyFor`).
        const dkimEnv = l.config.dkim?.privateKeyEnv;
        if (dkimEnv && env[dkimEnv]) addSecrets(pemSecretTexts(env[dkimEnv]));
        return l;
      })),
  };
}

/**
 * Refuses a command outside a workspace, before it reads or creates anything: a folder that does not
 * exist (a mistyped `-w`) is E_WORKSPACE_NOT_FOUND, a folder with none of `WORKSPACE_MARKERS` is
 * E_NOT_A_WORKSPACE (so `directory import` in a stray folder never makes `contacts/` there).
 */
export async function assertWorkspace(workspace: string): Promise<void> {
  const root = await stat(workspace).catch(() => undefined);
  if (!root?.isDirectory()) {
    throw new InputError(
      "E_WORKSPACE_NOT_FOUND",
      `no workspace at ${workspace}: ${root ? "it is a file, not a folder" : "the folder does not exist"}`,
      {
        hint: root
          ? "-w names the workspace folder (the one with config.json, contacts/ and campaigns/)"
          : `check the -w path, or make a workspace there with \`outreach init ${workspace}\``,
      },
    );
  }
  const found = await Promise.all(
    WORKSPACE_MARKERS.map((m) => stat(join(workspace, m)).then(Boolean, () => false)),
  );
  if (found.includes(true)) return;
  throw new InputError(
    "E_NOT_A_WORKSPACE",
    `not a workspace: run \`outreach init\` to make one here, or name one with -w <dir>`,
    {
      hint: `${workspace} has no config.json, contacts/ or campaigns/; \`outreach demo\` shows a whole campaign in a scratch folder`,
    },
  );
}

/** `smtp.passwordEnv`'s default (a test holds it to the schema's, which is not loaded for `--help`). */
export const DEFAULT_PASSWORD_ENV = "OUTREACH_SMTP_PASSWORD";

/** `imap.passwordEnv`'s default, known before the config is read like the SMTP one. */
export const DEFAULT_IMAP_PASSWORD_ENV = "OUTREACH_IMAP_PASSWORD";

/** The config reader and its schema are loaded by the first command that reads the config. */
async function readConfigLazily(workspace: string, configPath: string | undefined): Promise<LoadedConfig> {
  const { readConfig } = await import("../config/read-config.fs.js");
  return readConfig(workspace, configPath);
}

let stdoutIsFile: boolean | undefined;

/**
 * Standard output. Redirected to a file or device (`> list.txt`), Node writes synchronously anyway but
 * reports a failure (a full disk) only as a later 'error' event, after the command went on as if the
 * output were written, and then crashes with a stack trace. Writing to the descriptor ourselves makes the
 * failure an error of the command, printed and mapped to an exit code like any other.
 */
function writeStdout(text: string): void {
  stdoutIsFile ??= isFileOrDevice(1);
  if (!stdoutIsFile) {
    process.stdout.write(text);
    return;
  }
  let rest = Buffer.from(text, "utf8");
  try {
    while (rest.length > 0) rest = rest.subarray(writeSync(1, rest));
  } catch (e) {
    throw new Error(`cannot write to standard output: ${(e as Error).message}`, { cause: e });
  }
}

function isFileOrDevice(fd: number): boolean {
  if (process.stdout.isTTY) return false;
  try {
    const stat = fstatSync(fd);
    return stat.isFile() || stat.isCharacterDevice();
  } catch {
    return false;
  }
}
