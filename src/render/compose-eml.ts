/**
 * Builds the RFC 5322 bytes of a rendered message with nodemailer's own MailComposer, so the preview,
 * the outbox transport and SMTP send produce the same message. The Date header comes from the caller
 * (a clock), never from `new Date()` here. Pure apart from reading attachment files named by path.
 */
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import type { OutgoingMail } from "./outgoing-message.js";

/** nodemailer message options for a rendered mail; also what an SMTP transport should hand to `sendMail`. */
export function mailOptionsFor(mail: OutgoingMail, date?: Date): Mail.Options {
  return {
    from: mail.from,
    to: mail.to,
    ...(mail.cc?.length ? { cc: mail.cc } : {}),
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
    messageId: mail.messageId,
    headers: mail.headers,
    ...(date ? { date } : {}),
  };
}

/**
 * The .eml bytes of one message. Pass `date` (from the clock) to fix the Date header; without it
 * nodemailer stamps the time of composition.
 */
export async function composeEml(mail: OutgoingMail, date?: Date): Promise<Buffer> {
  return new MailComposer(mailOptionsFor(mail, date)).compile().build();
}
