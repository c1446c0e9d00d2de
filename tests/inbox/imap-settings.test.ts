/**
 * The IMAP account of `inbox fetch`: config schema, port, clear-text refusal, password, client options,
 * what each imapflow failure becomes, and the scrubber knowing the IMAP password. Pure, no server.
 */
import { describe, expect, it } from "vitest";
import { createContext, DEFAULT_IMAP_PASSWORD_ENV } from "../../src/cli/context.js";
import { imapSchema, validateConfig, type ImapConfig } from "../../src/config/config-schema.js";
import { OutreachError } from "../../src/core/errors.js";
import { imapErrorFor, type ImapEndpoint } from "../../src/inbox/imap-errors.js";
import {
  assertSecureImap,
  imapAccountOf,
  imapClientOptions,
  imapPortOf,
  readImapPassword,
} from "../../src/inbox/imap-settings.js";
import { echoCredentials, findSecretLeaks } from "../helpers/secret-leaks.js";
import { makeTempDir } from "../helpers/cli.js";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

const imap = (fields: Partial<ImapConfig> = {}): ImapConfig =>
  imapSchema.parse({ host: "imap.example.org", user: "letters@coalition.example", ...fields });

const AT: ImapEndpoint = {
  host: "imap.example.org",
  port: 993,
  user: "letters@coalition.example",
  passwordEnv: "OUTREACH_IMAP_PASSWORD",
};
const noScrub = (t: string) => t;

function thrown(fn: () => unknown): OutreachError | undefined {
  try {
    fn();
  } catch (e) {
    return e as OutreachError;
  }
  return undefined;
}

describe("the imap section of config.json", () => {
  it("has defaults: implicit TLS, INBOX, OUTREACH_IMAP_PASSWORD", () => {
    const c = imap();
    expect(c).toMatchObject({ security: "tls", folders: ["INBOX"], passwordEnv: "OUTREACH_IMAP_PASSWORD" });
    expect(DEFAULT_IMAP_PASSWORD_ENV).toBe(c.passwordEnv);
  });

  it("reports every problem at once: no user, a bad variable name, a folder listed twice, no folder", () => {
    const result = validateConfig({
      imap: { host: "", passwordEnv: "lower", folders: ["INBOX", "INBOX"], security: "ssl" },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field).sort()).toEqual([
      "imap.folders",
      "imap.host",
      "imap.passwordEnv",
      "imap.security",
      "imap.user",
    ]);
    const empty = validateConfig({ imap: { host: "h.example", user: "u", folders: [] } });
    expect(empty.ok).toBe(false);
  });

  it("takes the standard port of the security chosen unless one is given", () => {
    expect(imapPortOf(imap())).toBe(993);
    expect(imapPortOf(imap({ security: "starttls" }))).toBe(143);
    expect(imapPortOf(imap({ security: "none", host: "localhost" }))).toBe(143);
    expect(imapPortOf(imap({ port: 1993 }))).toBe(1993);
    expect(imapAccountOf(imap({ security: "starttls" }))).toBe(
      "letters@coalition.example@imap.example.org:143",
    );
  });
});

describe("the connection", () => {
  it("requires TLS: implicit, or STARTTLS that must succeed; clear text only to loopback", () => {
    expect(imapClientOptions(imap(), "pw")).toMatchObject({ secure: true, doSTARTTLS: false, logger: false });
    expect(imapClientOptions(imap({ security: "starttls" }), "pw")).toMatchObject({
      secure: false,
      doSTARTTLS: true,
    });
    expect(thrown(() => assertSecureImap(imap({ security: "none" })))?.code).toBe("E_IMAP_INSECURE");
    for (const host of ["127.0.0.1", "localhost", "::1"])
      expect(() => assertSecureImap(imap({ security: "none", host }))).not.toThrow();
  });

  it("reads the password from the variable imap.passwordEnv names, and says which when it is empty", () => {
    const c = imap({ passwordEnv: "MY_IMAP_PW" });
    expect(readImapPassword(c, { MY_IMAP_PW: "s3cret-Imap" })).toBe("s3cret-Imap");
    const error = thrown(() => readImapPassword(c, { MY_IMAP_PW: "" }));
    expect(error?.code).toBe("E_CONFIG_PASSWORD_MISSING");
    expect(error?.message).toContain("MY_IMAP_PW");
  });
});

describe("what an imapflow failure becomes", () => {
  const fail = (fields: Record<string, unknown>, message = "Command failed") =>
    Object.assign(new Error(message), fields);

  it("a refused login: E_IMAP_AUTH (exit 3), never the server's text, even one echoing the password", () => {
    const password = "Zu9-Pq4x-Lm2";
    const echo = echoCredentials({ username: AT.user, password });
    const e = imapErrorFor(
      fail(
        { authenticationFailed: true, serverResponseCode: "AUTHENTICATIONFAILED", responseText: echo },
        echo,
      ),
      AT,
      "connect",
      noScrub,
    );
    expect(e.code).toBe("E_IMAP_AUTH");
    expect(e.category).toBe("safety");
    expect(findSecretLeaks(`${e.message} ${e.hint ?? ""}`, password)).toEqual([]);
    expect(e.message).toContain("AUTHENTICATIONFAILED");
  });

  it.each([
    ["ECONNREFUSED", /connection refused/],
    ["ENOTFOUND", /does not resolve/],
    ["CONNECT_TIMEOUT", /no answer in time/],
    ["GREETING_TIMEOUT", /no greeting/],
    ["ClosedAfterConnectText", /closed the connection before its greeting/],
  ])("%s while connecting: E_IMAP_UNREACHABLE naming host:port", (code, reason) => {
    const e = imapErrorFor(fail({ code }, `${code} happened`), AT, "connect", noScrub);
    expect(e.code).toBe("E_IMAP_UNREACHABLE");
    expect(e.category).toBe("safety");
    expect(e.message).toContain("imap.example.org:993");
    expect(e.message).toMatch(reason);
  });

  it.each([
    [{ tlsFailed: true }, "Server does not support STARTTLS"],
    [{ code: "EPROTO" }, "ssl3_get_record:wrong version number"],
    [{ code: "DEPTH_ZERO_SELF_SIGNED_CERT" }, "self-signed certificate"],
    [{ code: "ERR_TLS_CERT_ALTNAME_INVALID" }, "Hostname/IP does not match certificate's altnames"],
  ])("TLS failures (%o): E_IMAP_TLS", (fields, message) => {
    expect(imapErrorFor(fail(fields, message), AT, "connect", noScrub).code).toBe("E_IMAP_TLS");
  });

  it("a missing folder: E_IMAP_FOLDER (exit 2) naming it", () => {
    const e = imapErrorFor(fail({ mailboxMissing: true }), AT, "session", noScrub, "INBOX.Bounces");
    expect(e.code).toBe("E_IMAP_FOLDER");
    expect(e.category).toBe("input");
    expect(e.message).toContain('"INBOX.Bounces"');
  });

  it("anything else in the session: E_IMAP_FAILED (exit 1), the server's text scrubbed and on one line", () => {
    const e = imapErrorFor(
      fail({ code: "EConnectionClosed" }, "Connection\r\n  closed: hunter2-long"),
      AT,
      "session",
      (t) => t.replaceAll("hunter2-long", "***"),
      "INBOX",
    );
    expect(e.code).toBe("E_IMAP_FAILED");
    expect(e.category).toBe("failure");
    expect(e.message).toBe(
      "the IMAP session with imap.example.org:993 failed (reading INBOX): Connection closed: ***",
    );
  });

  it("keeps an OutreachError as it is", () => {
    const own = new OutreachError("E_IMAP_FAILED", "interrupted", "failure");
    expect(imapErrorFor(own, AT, "session", noScrub)).toBe(own);
  });
});

describe("the scrubber of a run", () => {
  it("knows $OUTREACH_IMAP_PASSWORD before any config is read", () => {
    const ctx = createContext({ env: { OUTREACH_IMAP_PASSWORD: "Vb7-imapPw-Qz" } });
    expect(ctx.scrub("said Vb7-imapPw-Qz and VmI3LWltYXBQdy1Reg==")).toBe("said *** and ***");
  });

  it("knows the password imap.passwordEnv names, with imap.user, once the config is loaded", async () => {
    const ws = await makeTempDir();
    await writeFile(
      join(ws, "config.json"),
      JSON.stringify({ imap: { host: "h.example", user: "box@h.example", passwordEnv: "BOX_PW" } }),
    );
    const ctx = createContext({ workspace: ws, env: { BOX_PW: "Hj4-boxPass-Wn" } });
    expect(ctx.scrub("Hj4-boxPass-Wn")).toBe("Hj4-boxPass-Wn");
    await ctx.loadConfig();
    const plainBlob = Buffer.from("\0box@h.example\0Hj4-boxPass-Wn").toString("base64");
    expect(findSecretLeaks(ctx.scrub(`pw Hj4-boxPass-Wn blob ${plainBlob}`), "Hj4-boxPass-Wn")).toEqual([]);
  });
});
