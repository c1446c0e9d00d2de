/** The SMTP transport against smtp-server scripted to fail in each way the sender must handle. */
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { smtpSchema } from "../../src/config/config-schema.js";
import { OutreachError } from "../../src/core/errors.js";
import { createSmtpTransport } from "../../src/send/smtp-transport.smtp.js";
import type { Transport } from "../../src/send/transport.js";
import {
  startScriptedSmtpServer,
  type ScriptedSmtpOptions,
  type ScriptedSmtpServer,
} from "../helpers/smtp.js";
import { makeTempDir } from "../helpers/cli.js";
import { echoCredentials, findSecretLeaks } from "../helpers/secret-leaks.js";
import { composeForTest, makeMessage } from "./make-message.js";

let server: ScriptedSmtpServer | undefined;
let transport: Transport | undefined;
afterEach(async () => {
  await transport?.close();
  await server?.close();
  transport = undefined;
  server = undefined;
});

async function setup(
  options: ScriptedSmtpOptions,
  smtp: Record<string, unknown> = {},
  extra: { password?: string; trustedCertificate?: string } = {},
) {
  server = await startScriptedSmtpServer(options);
  transport = createSmtpTransport({
    smtp: smtpSchema.parse({
      host: "127.0.0.1",
      port: server.port,
      security: "none",
      connectionTimeoutMs: 5000,
      ...smtp,
    }),
    password: extra.password,
    compose: composeForTest,
    trustedCertificate: extra.trustedCertificate,
  });
  return { server, transport };
}

const msg = makeMessage("fr-1", "minister@gov-fr.example");

describe("smtp transport", () => {
  it("delivers a message and returns the server's reply", async () => {
    const { server, transport } = await setup({});
    const r = await transport.deliver(msg);
    expect(r.status).toBe("sent");
    expect(r.response).toMatch(/^250 /);
    expect(server.accepted).toHaveLength(1);
    expect(server.accepted[0]?.to).toEqual(["minister@gov-fr.example"]);
    expect(server.accepted[0]?.raw.toString()).toContain(
      "Message-ID: <test-campaign.fr-1@outreach.coalition.example>",
    );
  });

  it("defers 451 and 452 on RCPT, keeping the connection usable", async () => {
    const codes = [451, 452];
    const { server, transport } = await setup({
      onRcpt: () => {
        const c = codes.shift();
        return c ? { code: c, message: "4.7.1 try again later" } : undefined;
      },
    });
    expect(await transport.deliver(msg)).toMatchObject({ status: "deferred", scope: "message" });
    expect(await transport.deliver(msg)).toMatchObject({ status: "deferred", scope: "message" });
    expect((await transport.deliver(msg)).status).toBe("sent");
    expect(server.accepted).toHaveLength(1);
  });

  it("fails 550 on RCPT and 554 after DATA for that message only", async () => {
    let n = 0;
    const { transport } = await setup({
      onRcpt: (a) => (a.startsWith("nobody") ? { code: 550, message: "5.1.1 no such user" } : undefined),
      afterData: () => (++n === 1 ? { code: 554, message: "5.7.1 rejected as spam" } : "accept"),
    });
    expect(await transport.deliver(makeMessage("x", "nobody@gov.example"))).toMatchObject({
      status: "failed",
      response: expect.stringMatching(/^550/) as unknown,
    });
    expect(await transport.deliver(msg)).toMatchObject({
      status: "failed",
      response: expect.stringMatching(/^554/) as unknown,
    });
    expect((await transport.deliver(msg)).status).toBe("sent");
  });

  it("defers the whole connection on a 421 greeting", async () => {
    const { transport } = await setup({ greeting421: true });
    expect(await transport.deliver(msg)).toMatchObject({ status: "deferred", scope: "connection" });
  });

  it("reports a connection dropped after DATA, before the reply, as uncertain", async () => {
    const { server, transport } = await setup({ afterData: () => "drop" });
    const r = await transport.deliver(msg);
    expect(r.status).toBe("uncertain");
    expect(server.received).toHaveLength(1);
  });

  it("copes with a slow server", async () => {
    const { server, transport } = await setup({ replyDelayMs: 200 });
    const results = await Promise.all([
      transport.deliver(msg),
      transport.deliver(makeMessage("fr-2", "b@gov-fr.example")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["sent", "sent"]);
    expect(server.accepted).toHaveLength(2);
  });

  it("stops with E_SMTP_AUTH on 535, and never puts the password in the error", async () => {
    const { transport } = await setup(
      { auth: { user: "letters", pass: "right-secret" } },
      { user: "letters" },
      { password: "wrong-secret-123" },
    );
    const e = await transport.verify().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OutreachError);
    expect((e as OutreachError).code).toBe("E_SMTP_AUTH");
    expect((e as OutreachError).category).toBe("safety");
    expect(JSON.stringify({ m: (e as Error).message, h: (e as OutreachError).hint })).not.toContain(
      "wrong-secret-123",
    );
    await expect(transport.deliver(msg)).rejects.toMatchObject({ code: "E_SMTP_AUTH" });
  });

  for (const method of ["PLAIN", "LOGIN"]) {
    it(`a 535 that echoes the credentials (AUTH ${method}): no form of the password in the errors`, async () => {
      const user = "letters@coalition.example";
      const password = "Hq7-zK+vW/9x=Lp~3mRt2";
      const methods: string[] = [];
      const { server, transport } = await setup(
        {
          authMethods: [method],
          onAuth: (login) => {
            methods.push(login.method);
            return { code: 535, message: echoCredentials(login) };
          },
        },
        { user },
        { password },
      );
      const errors = [
        await transport.verify().catch((x: unknown) => x),
        await transport.deliver(msg).catch((x: unknown) => x),
      ] as OutreachError[];
      expect(methods).toEqual([method, method]);
      expect(server.accepted).toHaveLength(0);
      for (const e of errors) {
        expect(e.code).toBe("E_SMTP_AUTH");
        // The refusal is named by its codes; the reply text, which echoes the login, is never shown.
        expect(e.message).toContain("the server refused the login (535 5.7.8");
        expect(e.message).not.toContain("Authentication credentials invalid");
        const text = [e.message, e.hint, e.stack].join("\n");
        expect(findSecretLeaks(text, password)).toEqual([]);
      }
    });
  }

  it("authenticates with the right password", async () => {
    const { server, transport } = await setup(
      { auth: { user: "letters", pass: "right-secret" } },
      { user: "letters" },
      { password: "right-secret" },
    );
    expect((await transport.deliver(msg)).status).toBe("sent");
    expect(server.authAttempts).toBe(1);
  });

  it("refuses to send in clear text to a host that is not loopback", () => {
    expect(() =>
      createSmtpTransport({
        smtp: smtpSchema.parse({ host: "smtp.coalition.example", security: "none" }),
        password: undefined,
        compose: composeForTest,
      }),
    ).toThrow(expect.objectContaining({ code: "E_SMTP_INSECURE" }));
  });
});

describe("smtp transport with STARTTLS and a self-signed certificate", () => {
  let tls: { key: string; cert: string };
  beforeAll(async () => {
    const dir = await makeTempDir("outreach-tls-");
    const key = join(dir, "key.pem");
    const cert = join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "2",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
      ],
      { stdio: "ignore" },
    );
    tls = { key: await readFile(key, "utf8"), cert: await readFile(cert, "utf8") };
    await writeFile(join(dir, "ok"), "");
  });

  it("rejects the certificate unless the config trusts it: E_SMTP_TLS", async () => {
    const { server, transport } = await setup({ tls }, { security: "starttls" });
    await expect(transport.verify()).rejects.toMatchObject({ code: "E_SMTP_TLS", category: "safety" });
    await expect(transport.deliver(msg)).rejects.toMatchObject({ code: "E_SMTP_TLS" });
    expect(server.received).toHaveLength(0);
  });

  it("sends over STARTTLS when the certificate is trusted", async () => {
    const { server, transport } = await setup(
      { tls },
      { security: "starttls" },
      { trustedCertificate: tls.cert },
    );
    await transport.verify();
    expect((await transport.deliver(msg)).status).toBe("sent");
    expect(server.accepted).toHaveLength(1);
  });

  it("refuses a server without STARTTLS when starttls is required", async () => {
    const { transport } = await setup({}, { security: "starttls" });
    await expect(transport.deliver(msg)).rejects.toMatchObject({ code: "E_SMTP_TLS" });
  });
});
