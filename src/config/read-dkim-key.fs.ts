/**
 * The DKIM private key, from the environment variable or the file `config.json`'s `dkim` section names.
 * Input: that section, the environment, the workspace. Output: the PEM text (RSA only: the signer writes
 * rsa-sha256), checked to be a private key. Effects: reads the key file.
 *
 * The key never appears in an error, a log or a report: messages name the variable or the file, never
 * their content. A key file inside the workspace is refused: workspaces are copied, shared with partners
 * and put under version control, and a signing key must not travel with them.
 */
import { createPrivateKey } from "node:crypto";
import { readFile, realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { ConfigError } from "../core/errors.js";
import type { DkimConfig } from "./config-schema.js";

export interface DkimKey {
  domain: string;
  selector: string;
  /** PEM text of the private key. */
  privateKey: string;
}

const HINT =
  "make a key with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out <file outside the workspace>` (see README, Deliverability)";

export async function readDkimKey(
  dkim: DkimConfig,
  env: NodeJS.ProcessEnv,
  workspace: string,
): Promise<DkimKey> {
  const pem = dkim.privateKeyEnv ? fromEnv(dkim.privateKeyEnv, env) : await fromFile(dkim, workspace);
  let type: string | undefined;
  try {
    type = createPrivateKey(pem).asymmetricKeyType;
  } catch {
    // The crypto error may quote the input: say only where the key came from.
    throw new ConfigError("E_CONFIG_DKIM_KEY", `${source(dkim)} does not hold a PEM private key`, {
      hint: HINT,
    });
  }
  if (type !== "rsa")
    throw new ConfigError(
      "E_CONFIG_DKIM_KEY",
      `${source(dkim)} holds a ${type ?? "?"} key; DKIM signing needs RSA`,
      {
        hint: HINT,
      },
    );
  return { domain: dkim.domain.toLowerCase(), selector: dkim.selector, privateKey: pem };
}

function source(dkim: DkimConfig): string {
  return dkim.privateKeyEnv
    ? `the environment variable ${dkim.privateKeyEnv} (dkim.privateKeyEnv)`
    : `the file ${dkim.privateKeyFile ?? "?"} (dkim.privateKeyFile)`;
}

function fromEnv(name: string, env: NodeJS.ProcessEnv): string {
  const value = env[name];
  if (value === undefined || value.trim() === "")
    throw new ConfigError(
      "E_CONFIG_DKIM_KEY",
      `the environment variable ${name} (dkim.privateKeyEnv) is empty`,
      {
        hint: `export ${name}="$(cat <key file>)" before running the command`,
      },
    );
  // A key pasted into one line of an .env file keeps its line breaks as "\n".
  return value.includes("\\n") && !value.includes("\n") ? value.replace(/\\n/g, "\n") : value;
}

async function fromFile(dkim: DkimConfig, workspace: string): Promise<string> {
  const file = resolve(workspace, dkim.privateKeyFile ?? "");
  let real: string;
  let text: string;
  try {
    real = await realpath(file);
    text = await readFile(real, "utf8");
  } catch (e) {
    throw new ConfigError(
      "E_CONFIG_DKIM_KEY",
      `cannot read dkim.privateKeyFile ${file}: ${(e as NodeJS.ErrnoException).code ?? "error"}`,
      { hint: HINT },
    );
  }
  const root = await realpath(workspace).catch(() => resolve(workspace));
  const inside = relative(root, real);
  if (inside === "" || (!inside.startsWith("..") && !isAbsolute(inside)))
    throw new ConfigError(
      "E_CONFIG_DKIM_KEY",
      `dkim.privateKeyFile ${file} is inside the workspace; keep the signing key outside it`,
      {
        hint: "move the key file out of the workspace (it is copied, shared and committed), or use dkim.privateKeyEnv",
      },
    );
  return text;
}
