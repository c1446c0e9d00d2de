import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/config-schema.js";
import { readConfig, readSmtpPassword } from "../../src/config/read-config.fs.js";
import { generatedSchemas } from "../../scripts/json-schemas.js";
import { OutreachError } from "../../src/core/errors.js";
import { REPO_ROOT, makeTempDir } from "../helpers/cli.js";

describe("config", () => {
  it("accepts config.example.json", async () => {
    const raw: unknown = JSON.parse(await readFile(join(REPO_ROOT, "config.example.json"), "utf8"));
    const result = validateConfig(raw);
    expect(result.ok).toBe(true);
  });

  it("reports every problem at once with its path", () => {
    const result = validateConfig({
      smtp: { host: "", port: 70000, passwordEnv: "lower case" },
      send: { perMinute: -1 },
      bogus: 1,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = result.problems.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining(["smtp.host", "smtp.port", "smtp.passwordEnv", "send.perMinute", "(root)"]),
    );
    expect(result.problems.every((p) => p.file === "config.json")).toBe(true);
  });

  it("caps every duration at what a timer can hold (2^31 - 1 ms), naming each field", () => {
    const tooLong = 2 ** 31; // setTimeout would fire this after 1 ms
    const result = validateConfig({
      smtp: { host: "smtp.example", connectionTimeoutMs: tooLong },
      send: { backoffBaseMs: tooLong, backoffMaxMs: tooLong },
      crawler: { delayMs: tooLong, timeoutMs: tooLong },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field).sort()).toEqual([
      "crawler.delayMs",
      "crawler.timeoutMs",
      "send.backoffBaseMs",
      "send.backoffMaxMs",
      "smtp.connectionTimeoutMs",
    ]);
    expect(result.problems[0]?.message).toMatch(/at most 2147483647 ms/);
    const atMost = validateConfig({
      send: { backoffMaxMs: 2 ** 31 - 1 },
      crawler: { timeoutMs: 2 ** 31 - 1 },
    });
    expect(atMost.ok).toBe(true);
  });

  it("uses defaults when there is no config file", async () => {
    const dir = await makeTempDir();
    const loaded = await readConfig(dir);
    expect(loaded.path).toBeUndefined();
    expect(loaded.config.smtp).toBeUndefined();
    expect(loaded.config.send.perMinute).toBeGreaterThan(0);
  });

  it("names the file and fields of a broken config", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "config.json"), JSON.stringify({ send: { perHour: "many" } }));
    const error = await readConfig(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutreachError);
    expect((error as OutreachError).code).toBe("E_CONFIG_INVALID");
    expect((error as OutreachError).problems[0]?.field).toBe("send.perHour");
  });

  it("reads the SMTP password from the named environment variable only", () => {
    const smtp = validateConfig({ smtp: { host: "h.example", user: "u", passwordEnv: "MY_PW" } });
    if (!smtp.ok || !smtp.config.smtp) throw new Error("expected valid config");
    expect(readSmtpPassword(smtp.config.smtp, { MY_PW: "s3cret" })).toBe("s3cret");
    const error = (() => {
      try {
        readSmtpPassword(smtp.config.smtp, {});
      } catch (e) {
        return e as OutreachError;
      }
      return undefined;
    })();
    expect(error?.code).toBe("E_CONFIG_PASSWORD_MISSING");
    expect(error?.message).not.toContain("s3cret");
  });

  it("committed JSON Schemas are up to date (run npm run generate:schemas)", async () => {
    for (const [file, schema] of Object.entries(generatedSchemas())) {
      const committed: unknown = JSON.parse(await readFile(join(REPO_ROOT, file), "utf8"));
      expect(committed, file).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });
});
