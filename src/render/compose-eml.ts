/**
 * Builds the RFC 5322 bytes of a rendered message with nodemailer's own MailComposer, so the preview,
 * the outbox transport and SMTP send produce the same message. The Date header comes from the caller
 * (a clock), never from `new Date()` here. Attachments are either bytes the caller read (`composeMessage`,
 * for sending) or paths nodemailer reads as it streams (`composeEml`).
 */
import { Readable } from "node:stream";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type Mail from "nodemailer/lib/mailer";
import { mimeChunks } from "./mime-bytes.js";
import type { OutgoingMail } from "./outgoing-message.js";

/** The bytes of attachment files, by the path the rendered mail names them with. */
export type AttachmentBytes = ReadonlyMap<string, Buffer>;

/**
 * nodemailer message options for a rendered mail; also what an SMTP transport should hand to `sendMail`.
 * An attachment whose bytes are in `contents` is given as those bytes, any other by its path.
 */
export function mailOptionsFor(mail: OutgoingMail, date?: Date, contents?: AttachmentBytes): Mail.Options {
  return {
    from: mail.from,
    to: mail.to,
    ...(mail.cc?.length ? { cc: mail.cc } : {}),
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    ...(mail.attachments?.length
      ? {
          attachments: mail.attachments.map((a) => {
            const content = contents?.get(a.path);
            if (!content) return a;
            return {
              filename: a.filename,
              content,
              ...(a.contentType ? { contentType: a.contentType } : {}),
            };
          }),
        }
      : {}),
    messageId: mail.messageId,
    headers: mail.headers,
    ...(date ? { date } : {}),
  };
}

/** Past this size a message is handed over as a stream of its chunks rather than copied into one Buffer. */
const ONE_BUFFER_BYTES = 1 << 20;

/**
 * One message for sending, written in one pass when every attachment's bytes are in `contents`
 * (`mime-bytes.ts`): one Buffer, or for a message with large attachments a stream over its chunks (the
 * attachments' shared encoded bodies are not copied). Otherwise nodemailer's stream of it.
 */
export function composeMessage(
  mail: OutgoingMail,
  date: Date,
  contents?: AttachmentBytes,
): Buffer | Readable {
  const root = new MailComposer(mailOptionsFor(mail, date, contents)).compile();
  const chunks = mimeChunks(root);
  if (!chunks) return root.createReadStream();
  // A message without attachments is one chunk already.
  if (chunks.length === 1) return chunks[0] as Buffer;
  const size = chunks.reduce((n, c) => n + c.length, 0);
  return size <= ONE_BUFFER_BYTES
    ? Buffer.concat(chunks, size)
    : Readable.from(chunks, { objectMode: false });
}

/**
 * The .eml bytes of one message, attachments read from their paths. Pass `date` (from the clock) to fix
 * the Date header; without it nodemailer stamps the time of composition.
 */
export async function composeEml(mail: OutgoingMail, date?: Date): Promise<Buffer> {
  return new MailComposer(mailOptionsFor(mail, date)).compile().build();
}
