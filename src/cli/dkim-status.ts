/**
 * The DKIM key as the CLI reads it (`readDkimKeyFor`: every command reads it through here, so each of its
 * forms is known to the scrubber before anything could print it), and whether letters will be signed, in
 * words for `preview` and `plan` (and the JSON flag).
 */
import type { Config, DkimConfig } from "../config/config-schema.js";
import { readDkimKey, type DkimKey } from "../config/read-dkim-key.fs.js";
import { pemSecretTexts } from "../core/scrub-secrets.js";
import { describeSigning } from "../render/dkim-sign.js";
import type { CliContext } from "./context.js";

export async function readDkimKeyFor(
  ctx: Pick<CliContext, "env" | "workspace" | "addSecrets">,
  dkim: DkimConfig,
): Promise<DkimKey> {
  const key = await readDkimKey(dkim, ctx.env, ctx.workspace);
  ctx.addSecrets(pemSecretTexts(key.privateKey));
  return key;
}

/**
 * The key is read and checked, so a key that cannot be used is said before a send (never its content).
 */
export async function describeDkim(
  ctx: Pick<CliContext, "env" | "workspace" | "addSecrets">,
  config: Config,
): Promise<{ signed: boolean; text: string }> {
  if (!config.dkim)
    return {
      signed: false,
      text: "letters will not be DKIM-signed: config.json has no dkim section (see README, Deliverability)",
    };
  try {
    const key = await readDkimKeyFor(ctx, config.dkim);
    return { signed: true, text: `letters will be ${describeSigning(key)}` };
  } catch (e) {
    return { signed: false, text: `letters cannot be signed: ${(e as Error).message}` };
  }
}
