import { describe, expect, it } from "vitest";
import { retryDelay } from "../../src/send/retry-delay.js";
import { classifySmtpError } from "../../src/send/classify-smtp-error.js";

const settings = { backoffBaseMs: 1000, backoffMaxMs: 60_000 };

describe("retryDelay", () => {
  it("doubles per attempt, jitters within [half, full], and is capped", () => {
    expect(retryDelay(1, { scope: "message" }, () => 0, settings)).toBe(500);
    expect(retryDelay(1, { scope: "message" }, () => 1, settings)).toBe(1000);
    expect(retryDelay(3, { scope: "message" }, () => 1, settings)).toBe(4000);
    expect(retryDelay(30, { scope: "message" }, () => 1, settings)).toBe(60_000);
    expect(retryDelay(30, { scope: "message" }, () => 0, settings)).toBe(30_000);
  });

  it("backs off longer when the whole connection was refused", () => {
    expect(retryDelay(1, { scope: "connection" }, () => 1, settings)).toBe(2000);
  });
});

describe("classifySmtpError", () => {
  const base = { message: "x", bodyStarted: false };
  it("maps replies and network errors to outcomes", () => {
    expect(
      classifySmtpError({ ...base, code: "EENVELOPE", responseCode: 451, response: "451 try later" }),
    ).toMatchObject({ kind: "deferred", scope: "message" });
    expect(classifySmtpError({ ...base, code: "EENVELOPE", responseCode: 452 })).toMatchObject({
      kind: "deferred",
    });
    expect(classifySmtpError({ ...base, code: "ECONNECTION", responseCode: 421 })).toMatchObject({
      kind: "deferred",
      scope: "connection",
    });
    expect(classifySmtpError({ ...base, code: "EENVELOPE", responseCode: 550 })).toMatchObject({
      kind: "failed",
    });
    expect(
      classifySmtpError({ ...base, code: "EMESSAGE", responseCode: 554, bodyStarted: true }),
    ).toMatchObject({ kind: "failed" });
    expect(classifySmtpError({ ...base, code: "ECONNECTION" })).toMatchObject({
      kind: "deferred",
      scope: "connection",
    });
    expect(classifySmtpError({ ...base, code: "ETIMEDOUT" })).toMatchObject({ kind: "deferred" });
  });

  it("never calls a drop after the body went out anything but uncertain", () => {
    expect(classifySmtpError({ ...base, code: "ECONNECTION", bodyStarted: true })).toMatchObject({
      kind: "uncertain",
    });
    expect(classifySmtpError({ ...base, code: "ETIMEDOUT", bodyStarted: true })).toMatchObject({
      kind: "uncertain",
    });
  });

  it("stops on authentication and TLS failures", () => {
    expect(classifySmtpError({ ...base, code: "EAUTH", responseCode: 535 }).kind).toBe("auth");
    expect(classifySmtpError({ ...base, code: "ETLS" }).kind).toBe("tls");
    expect(
      classifySmtpError({ ...base, code: "ESOCKET", originalCode: "DEPTH_ZERO_SELF_SIGNED_CERT" }).kind,
    ).toBe("tls");
  });
});
