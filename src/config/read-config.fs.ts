import { readFile } from "node:fs/promises";
import { statRegularFile } from "../core/regular-file.fs.js";
import { join } from "node:path";
import { ConfigError, isOutreachError } from "../core/errors.js";
import { validateConfig, defaultConfig, type Config, type SmtpConfig } from "./config-schema.js";

export interface LoadedConfig {
  config: Config;
  /** Path the config was read from, or undefined when no config file exists and defaults apply. */
  path: string | undefined;
}

/** Read `config.json` from the workspace. A missing file means defaults (outbox only); a broken one is an error listing every problem. */
export async function readConfig(workspace: string, explicitPath?: string): Promise<LoadedConfig> {
  const path = explicitPath ?? join(workspace, "config.json");
  let text: string;
  try {
    // A FIFO or device given as --config would block or never end: refuse it before opening.
    await statRegularFile(path);
    text = await readFile(path, "utf8");
  } catch (e) {
    if (isOutreachError(e)) throw e;
    if ((e as NodeJS.ErrnoException).code === "ENOENT" && explicitPath === undefined) {
      return { config: defaultConfig, path: undefined };
    }
    throw new ConfigError("E_CONFIG_READ", `cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError("E_CONFIG_JSON", `${path}: not valid JSON: ${(e as Error).message}`);
  }
  const result = validateConfig(raw, explicitPath ?? "config.json");
  if (!result.ok) {
    throw new ConfigError("E_CONFIG_INVALID", `${path}: ${result.problems.length} problem(s)`, {
      problems: result.problems,
    });
  }
  return { config: result.config, path };
}

/** The SMTP password, from the environment variable the config names. Never logged, never stored. */
export function readSmtpPassword(smtp: SmtpConfig, env: NodeJS.ProcessEnv): string | undefined {
  if (!smtp.user) return undefined;
  const value = env[smtp.passwordEnv];
  if (value === undefined || value === "") {
    throw new ConfigError(
      "E_CONFIG_PASSWORD_MISSING",
      `SMTP user is set but the environment variable ${smtp.passwordEnv} (smtp.passwordEnv) is empty`,
      { hint: `export ${smtp.passwordEnv}=... before running the command` },
    );
  }
  return value;
}
