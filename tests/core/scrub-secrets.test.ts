/**
 * The secret scrubber, as pure functions. The checks do not reuse the module's own list of forms: they
 * decode whatever is left in the output every way it could be encoded, and look for the password's bytes.
 */
import { describe, expect, it } from "vitest";
import {
  alignedBase64,
  createCredentialScrubber,
  createScrubber,
  scrubError,
  SCRUBBED,
} from "../../src/core/scrub-secrets.js";
import { findSecretLeaks } from "../helpers/secret-leaks.js";
import { seededRandom } from "../helpers/seeded-random.js";

const USER = "organiser@coalition.example";
const PASSWORD = "Hq7-zK+vW/9x=Lp~3mRt2";
const scrub = createCredentialScrubber({ user: USER, password: PASSWORD });
const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");

function randomBytes(random: () => number, n: number): Buffer {
  return Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
}

const recoverablePasswordBytes = (text: string) => findSecretLeaks(text, PASSWORD);

describe("alignedBase64", () => {
  it("is the part of the encoding that does not depend on the neighbouring bytes, at each offset mod 3", () => {
    const random = seededRandom(7);
    const secret = Buffer.from(PASSWORD);
    for (const offset of [0, 1, 2] as const) {
      const stable = alignedBase64(secret, offset);
      // Every character that comes from the secret's bits alone: 8n/6 minus the ones shared with a neighbour.
      expect(stable.length).toBeGreaterThanOrEqual(Math.floor((8 * secret.length) / 6) - 2);
      for (let trial = 0; trial < 50; trial++) {
        const before = randomBytes(random, offset + 3 * Math.floor(random() * 4));
        const after = randomBytes(random, Math.floor(random() * 5));
        expect(b64(Buffer.concat([before, secret, after]))).toContain(stable);
      }
    }
  });
});

describe("scrubbing credentials", () => {
  it("removes the password, its base64 (AUTH LOGIN) and the AUTH PLAIN blob", () => {
    const plainBlob = b64(`\0${USER}\0${PASSWORD}`);
    const text = `535 5.7.8 got ${PASSWORD} / ${b64(USER)} ${b64(PASSWORD)} / AUTH PLAIN ${plainBlob}`;
    const out = scrub(text);
    expect(out).not.toContain(PASSWORD);
    expect(out).not.toContain(b64(PASSWORD));
    expect(out).not.toContain(plainBlob);
    expect(out).toContain(SCRUBBED);
    expect(recoverablePasswordBytes(out)).toEqual([]);
    // The user name alone is no secret (it is often the sender address): it stays readable.
    expect(out).toContain(b64(USER));
    expect(out.startsWith("535 5.7.8 got ")).toBe(true);
  });

  it("removes the password embedded in a longer base64 stream at every offset (all three alignments)", () => {
    const random = seededRandom(42);
    for (let prefix = 0; prefix < 9; prefix++) {
      for (const inner of [
        PASSWORD,
        `\0${USER}\0${PASSWORD}`,
        `${USER}\0${PASSWORD}`,
        `${USER}:${PASSWORD}`,
      ]) {
        const stream = Buffer.concat([
          randomBytes(random, prefix),
          Buffer.from(inner),
          randomBytes(random, Math.floor(random() * 6)),
        ]);
        const std = stream.toString("base64");
        const url = stream.toString("base64url");
        const out = scrub(`dump: ${std} and ${url} end`);
        expect(recoverablePasswordBytes(out), `${prefix} ${JSON.stringify(inner)}: ${out}`).toEqual([]);
        expect(out).toMatch(/^dump: .* end$/);
      }
    }
  });

  it("removes hex and URL-encoded forms", () => {
    const hex = Buffer.from(PASSWORD).toString("hex");
    const lowerEscapes = encodeURIComponent(PASSWORD).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
    const text = [
      hex,
      hex.toUpperCase(),
      encodeURIComponent(PASSWORD),
      lowerEscapes,
      `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@relay.example`,
      hex.replace(/(..)/g, "%$1"),
    ].join(" | ");
    const out = scrub(text);
    expect(out).not.toContain(hex);
    expect(out.toLowerCase()).not.toContain(hex);
    expect(out).not.toContain(encodeURIComponent(PASSWORD));
    expect(out).not.toContain(lowerEscapes);
    expect(out.toLowerCase()).not.toContain(hex.replace(/(..)/g, "%$1"));
    expect(out.split("***").length - 1).toBe(6);
  });

  it("leaves text without secrets alone, and is the identity without a password", () => {
    const text = "250 2.0.0 Ok: queued as T1 for minister@gov-fr.example";
    expect(scrub(text)).toBe(text);
    expect(createCredentialScrubber({ user: USER, password: undefined })(text)).toBe(text);
    expect(createScrubber([])(PASSWORD)).toBe(PASSWORD);
  });

  it("does not strip forms too short to tell apart from ordinary text", () => {
    // A 3-character password would turn every "abc" in every message into ***: it is left alone.
    expect(createCredentialScrubber({ password: "abc" })("abc abcd")).toBe("abc abcd");
    expect(createCredentialScrubber({ password: "abcd" })("abc abcd")).toBe("abc ***");
  });

  it("scrubs an error's message, stack, SMTP response and cause in place", () => {
    const cause = new Error(`socket said ${b64(PASSWORD)}`);
    const error = Object.assign(new Error(`Invalid login: 535 ${PASSWORD}`, { cause }), {
      response: `535 ${b64(`\0${USER}\0${PASSWORD}`)}`,
    });
    expect(scrubError(error, scrub)).toBe(error);
    const all = [error.message, error.stack, error.response, cause.message, cause.stack].join("\n");
    expect(all).not.toContain(PASSWORD);
    expect(recoverablePasswordBytes(all)).toEqual([]);
    expect(error.message).toBe("Invalid login: 535 ***");
  });
});
