/**
 * The composition root's one place for mail transports: the outbox (a rehearsal) or SMTP, built from the
 * config, the environment (the password) and the clock. The send stage only knows the `Transport` port.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Clock } from "../core/clock.js";
import { ConfigError, InputError } from "../core/errors.js";
import { readSmtpPassword } from "../config/read-config.fs.js";
import type { DkimKey } from "../config/read-dkim-key.fs.js";
import type { Config, DkimConfig } from "../config/config-schema.js";
import { createDkimSigner } from "../render/dkim-sign.js";
import { composeMessage } from "../render/compose-eml.js";
import type { OutgoingMessage } from "../render/outgoing-message.js";
import { createOutboxTransport } from "../send/outbox-transport.fs.js";
import { createSmtpTransport } from "../send/smtp-transport.smtp.js";
import type { ComposeMessage, PrepareMessage, Transport, TransportName } from "../send/transport.js";

export interface TransportSetting {
  name: TransportName;
  config: Config;
  workspace: string;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** The campaign's outbox folder (rehearsals write to its `rehearsal/`). */
  outboxDir: string;
  /** Reads the DKIM key and registers it with the scrubber (`readDkimKeyFor`). */
  readDkimKey: (dkim: DkimConfig) => Promise<DkimKey>;
}

export async function buildTransport(s: TransportSetting): Promise<Transport> {
  // Real sends are signed when config.json has a dkim section; a rehearsal never is (its .eml files end
  // up in copied and committed workspaces, where a valid signature could be replayed), nor needs the key.
  const sign =
    s.config.dkim && s.name !== "outbox" ? createDkimSigner(await s.readDkimKey(s.config.dkim)) : undefined;
  const attachments = attachmentReader();
  const prepare: PrepareMessage = async (m) => void (await attachments(m));
  const compose: ComposeMessage = async (m) => {
    const raw = composeMessage(m.mail, new Date(s.clock.now()), await attachments(m));
    return sign ? sign(raw) : raw;
  };
  if (s.name === "outbox") return createOutboxTransport(s.outboxDir, compose, prepare);
  const smtp = s.config.smtp;
  if (!smtp) throw new ConfigError("E_SMTP_NOT_CONFIGURED", "no smtp section in config.json");
  let trustedCertificate: string | undefined;
  if (smtp.trustedCertificate) {
    const file = resolve(s.workspace, smtp.trustedCertificate);
    try {
      trustedCertificate = await readFile(file, "utf8");
    } catch (e) {
      throw new ConfigError(
        "E_CONFIG_READ",
        `cannot read smtp.trustedCertificate ${file}: ${(e as Error).message}`,
      );
    }
  }
  return createSmtpTransport({
    smtp,
    password: readSmtpPassword(smtp, s.env),
    compose,
    prepare,
    trustedCertificate,
  });
}

/**
 * The bytes of each attachment file, read once a run: every message of a language carries the same PDF,
 * and the run sends the version it started with (the campaign checked each file's size when it loaded).
 * A file that cannot be read is an E_CAMPAIGN_READ naming it, and is tried again for the next message.
 */
function attachmentReader(): (m: OutgoingMessage) => Promise<Map<string, Buffer> | undefined> {
  const files = new Map<string, Promise<Buffer>>();
  const read = (path: string): Promise<Buffer> =>
    readFile(path).catch((e: unknown) => {
      files.delete(path);
      throw new InputError("E_CAMPAIGN_READ", `cannot read the attachment ${path}: ${(e as Error).message}`, {
        cause: e,
        hint: "this message was not sent; restore the file and run send again",
      });
    });
  return async (m) => {
    const list = m.mail.attachments;
    if (!list?.length) return undefined;
    const contents = new Map<string, Buffer>();
    for (const a of list) {
      let bytes = files.get(a.path);
      if (!bytes) files.set(a.path, (bytes = read(a.path)));
      contents.set(a.path, await bytes);
    }
    return contents;
  };
}
