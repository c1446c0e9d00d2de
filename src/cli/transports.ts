/**
 * The composition root's one place for mail transports: the outbox (a rehearsal) or SMTP, built from the
 * config, the environment (the password) and the clock. The send stage only knows the `Transport` port.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type { Clock } from "../core/clock.js";
import { ConfigError } from "../core/errors.js";
import { readSmtpPassword } from "../config/read-config.fs.js";
import type { DkimKey } from "../config/read-dkim-key.fs.js";
import type { Config, DkimConfig } from "../config/config-schema.js";
import { createDkimSigner } from "../render/dkim-sign.js";
import { mailOptionsFor } from "../render/compose-eml.js";
import { createOutboxTransport } from "../send/outbox-transport.fs.js";
import { createSmtpTransport } from "../send/smtp-transport.smtp.js";
import type { ComposeMessage, Transport, TransportName } from "../send/transport.js";

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
  // A stream, not a Buffer: the message flows to the socket or file as it is built. (Building the whole
  // message into one Buffer first was measured: fewer socket writes, but more garbage and more CPU; for
  // the outbox too, where it left more garbage in the old generation than the stream does.)
  // Real sends are signed when config.json has a dkim section; a rehearsal never is (its .eml files end
  // up in copied and committed workspaces, where a valid signature could be replayed), nor needs the key.
  const sign =
    s.config.dkim && s.name !== "outbox" ? createDkimSigner(await s.readDkimKey(s.config.dkim)) : undefined;
  const compose: ComposeMessage = (m) => {
    const raw = new MailComposer(mailOptionsFor(m.mail, new Date(s.clock.now())))
      .compile()
      .createReadStream();
    return sign ? sign(raw) : raw;
  };
  if (s.name === "outbox") return createOutboxTransport(s.outboxDir, compose);
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
    trustedCertificate,
  });
}
