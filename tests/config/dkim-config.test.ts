/** The dkim and dns sections of config.json, and reading the DKIM key: where from, and what is refused. */
import { generateKeyPairSync } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/config-schema.js";
import { readDkimKey } from "../../src/config/read-dkim-key.fs.js";
import { makeTempDir } from "../helpers/cli.js";

const pem = (type: "rsa" | "ed25519") =>
  (type === "rsa"
    ? generateKeyPairSync("rsa", { modulusLength: 1024 })
    : generateKeyPairSync("ed25519")
  ).privateKey.export({ type: "pkcs8", format: "pem" }) as string;

describe("config.json dkim and dns", () => {
  it("takes the key from exactly one of an environment variable and a file", () => {
    const base = { domain: "coalition.example", selector: "s2026" };
    expect(validateConfig({ dkim: { ...base, privateKeyEnv: "OUTREACH_DKIM_KEY" } }).ok).toBe(true);
    expect(validateConfig({ dkim: base }).ok).toBe(false);
    expect(validateConfig({ dkim: { ...base, privateKeyEnv: "K", privateKeyFile: "/k.pem" } }).ok).toBe(
      false,
    );
    expect(validateConfig({ dkim: { ...base, selector: "bad selector", privateKeyEnv: "K" } }).ok).toBe(
      false,
    );
  });

  it("defaults the dns section's checks once it is there, and refuses a server that is no address", () => {
    const r = validateConfig({ dns: {} });
    expect(r.ok && r.config.dns).toEqual({ checkTargets: true, concurrency: 16, timeoutMs: 5000 });
    expect(validateConfig({ dns: { servers: ["dns.example"] } }).ok).toBe(false);
  });
});

describe("readDkimKey", () => {
  const dkim = { domain: "Coalition.example", selector: "s2026" };

  it("reads an RSA key from the environment, also with its line breaks written as \\n", async () => {
    const key = pem("rsa");
    const env = { K: key.replace(/\n/g, "\\n") };
    const read = await readDkimKey({ ...dkim, privateKeyEnv: "K" }, env, "/nonexistent");
    expect(read).toEqual({ domain: "coalition.example", selector: "s2026", privateKey: key });
  });

  it("refuses an empty variable, a non-RSA key and a file inside the workspace, never quoting the key", async () => {
    const ws = await makeTempDir();
    const ed = pem("ed25519");
    await writeFile(join(ws, "dkim.pem"), pem("rsa"));
    const attempts = [
      () => readDkimKey({ ...dkim, privateKeyEnv: "K" }, {}, ws),
      () => readDkimKey({ ...dkim, privateKeyEnv: "K" }, { K: ed }, ws),
      () => readDkimKey({ ...dkim, privateKeyEnv: "K" }, { K: "not a key" }, ws),
      () => readDkimKey({ ...dkim, privateKeyFile: "dkim.pem" }, {}, ws),
      () => readDkimKey({ ...dkim, privateKeyFile: "/nonexistent/dkim.pem" }, {}, ws),
    ];
    for (const attempt of attempts) {
      const e = (await attempt().catch((err: unknown) => err)) as { code?: string; message: string };
      expect(e.code).toBe("E_CONFIG_DKIM_KEY");
      expect(e.message).not.toContain("PRIVATE KEY");
    }
  });
});
