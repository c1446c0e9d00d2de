/**
 * The composition root's transports (src/cli/transports.ts) with attachments, through the real outbox
 * transport on disk: each file is read once a run and its bytes go into every message exactly; a file
 * that cannot be read is an E_CAMPAIGN_READ from `prepare` (before any attempt), and is read again once
 * it is back; a message with a large attachment is handed over as a stream of its chunks, still exact.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { buildTransport } from "../../src/cli/transports.js";
import { defaultConfig } from "../../src/config/config-schema.js";
import { ManualClock } from "../../src/core/clock.js";
import { isOutreachError } from "../../src/core/errors.js";
import { composeMessage } from "../../src/render/compose-eml.js";
import { makeMessage } from "../send/make-message.js";
import { makeTempDir } from "../helpers/cli.js";

async function outbox(dir: string) {
  return buildTransport({
    name: "outbox",
    config: defaultConfig,
    workspace: dir,
    env: {},
    clock: new ManualClock(),
    outboxDir: join(dir, "outbox"),
    readDkimKey: () => Promise.reject(new Error("a rehearsal needs no key")),
  });
}

/** Bytes that are not text, so an encoding mistake shows. */
function pdfLike(size: number): Buffer {
  return Buffer.from(Array.from({ length: size }, (_, i) => (i * 7919 + (i >> 8)) % 256));
}

describe("transports with attachments", () => {
  it("reads an attachment once it exists, refuses it by name before the attempt while it does not", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "letter-fr.pdf");
    const message = makeMessage("fr-1", "ada@ministry.fr.example", {});
    message.mail.attachments = [{ filename: "letter-fr.pdf", path, contentType: "application/pdf" }];
    const transport = await outbox(dir);

    const missing = await transport.prepare?.(message).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isOutreachError(missing) && missing.code).toBe("E_CAMPAIGN_READ");
    expect((missing as Error).message).toContain(path);

    const pdf = pdfLike(50_000);
    await writeFile(path, pdf);
    await transport.prepare?.(message);
    expect((await transport.deliver(message)).status).toBe("sent");
    // Read once a run: a change to the file now does not reach this run's later messages.
    await writeFile(path, pdfLike(10));
    const second = makeMessage("fr-2", "bea@ministry.fr.example");
    second.mail.attachments = message.mail.attachments;
    expect((await transport.deliver(second)).status).toBe("sent");
    for (const id of ["fr-1", "fr-2"]) {
      const eml = await simpleParser(await readFile(join(dir, "outbox", "rehearsal", `${id}.eml`)));
      expect(eml.attachments.map((a) => a.content.equals(pdf))).toEqual([true]);
    }
    await rm(dir, { recursive: true, force: true });
  });

  it("hands over a message with a large attachment as a stream of its chunks, byte for byte", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "annex.pdf");
    const pdf = pdfLike(3_000_000);
    await writeFile(path, pdf);
    const message = makeMessage("fr-3", "cy@ministry.fr.example");
    message.mail.attachments = [{ filename: "annex.pdf", path, contentType: "application/pdf" }];
    expect(composeMessage(message.mail, new Date(0), new Map([[path, pdf]]))).toBeInstanceOf(Readable);
    const transport = await outbox(dir);
    await transport.prepare?.(message);
    expect((await transport.deliver(message)).status).toBe("sent");
    const eml = await simpleParser(await readFile(join(dir, "outbox", "rehearsal", "fr-3.eml")));
    expect(eml.attachments.map((a) => a.content.equals(pdf))).toEqual([true]);
    expect(eml.text).toContain("Ça marche");
    await rm(dir, { recursive: true, force: true });
  });
});
