/**
 * The DKIM key is a secret of the run in every form output could carry it: the PEM as the environment
 * gave it ("\n" escapes), the PEM with real line breaks (LF, CRLF), JSON-escaped, its base64 body and each
 * of its lines; from `dkim.privateKeyEnv` as soon as the config is read, from `dkim.privateKeyFile` once
 * the key is read (through `readDkimKeyFor`, the one way commands read it). Each form is written through
 * the context's stdout and stderr, which must show none of it.
 */
import { generateKeyPairSync } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createContext } from "../../src/cli/context.js";
import { readDkimKeyFor } from "../../src/cli/dkim-status.js";
import { makeTempDir } from "../helpers/cli.js";

const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
  type: "pkcs8",
  format: "pem",
}) as string;
const lines = key.split("\n").filter((l) => l && !l.startsWith("-----"));
const crlf = key.replace(/\n/g, "\r\n");
const FORMS: Record<string, string> = {
  "escaped (env)": key.replace(/\n/g, "\\n"),
  "PEM, LF": key,
  "PEM, CRLF": crlf,
  "PEM, JSON-escaped": JSON.stringify(key),
  "PEM, CRLF, JSON-escaped": JSON.stringify(crlf),
  "JSON of the escaped value": JSON.stringify(key.replace(/\n/g, "\\n")),
  body: lines.join(""),
  ...Object.fromEntries(lines.map((l, i) => [`line ${i + 1}`, `before ${l} after`])),
};

async function contextWith(dkim: object, env: NodeJS.ProcessEnv) {
  const ws = await makeTempDir("outreach-scrub-");
  await writeFile(
    join(ws, "config.json"),
    JSON.stringify({ dkim: { domain: "coalition.example", selector: "s2026", ...dkim } }),
  );
  let out = "";
  const ctx = createContext({ workspace: ws, env, stdout: (t) => (out += t), stderr: (t) => (out += t) });
  const { config } = await ctx.loadConfig();
  return { ctx, config, output: () => out };
}

function expectScrubbed(
  ctx: { stdout: (t: string) => void; stderr: (t: string) => void },
  output: () => string,
) {
  for (const [name, text] of Object.entries(FORMS)) {
    ctx.stdout(`${name}: ${text}\n`);
    ctx.stderr(`${name}: ${text}\n`);
  }
  for (const line of lines) expect(output(), "a base64 line of the key").not.toContain(line);
  expect(output()).toContain("line 1: before *** after");
}

describe("the DKIM key in the scrubber", () => {
  it("hides every form of a key from dkim.privateKeyEnv written with \\n escapes", async () => {
    const { ctx, output } = await contextWith(
      { privateKeyEnv: "OUTREACH_DKIM_KEY" },
      { OUTREACH_DKIM_KEY: key.replace(/\n/g, "\\n") },
    );
    expectScrubbed(ctx, output);
  });

  it("hides every form of a key read from dkim.privateKeyFile", async () => {
    const file = join(await makeTempDir("outreach-key-"), "dkim.pem");
    await writeFile(file, key, { mode: 0o600 });
    const { ctx, config, output } = await contextWith({ privateKeyFile: file }, {});
    if (!config.dkim) throw new Error("no dkim section");
    await readDkimKeyFor(ctx, config.dkim);
    expectScrubbed(ctx, output);
  });
});
