/**
 * The bundled sample mailbox `campaigns/wcit-2012/sample-inbox/inbox.mbox` that `npm start` imports:
 * invented bounces, auto-replies and replies from the example contacts, threaded on the Message-IDs the
 * example campaign's renderer gives them, plus one unrelated message. The committed file uses the unkeyed
 * ids (the repository has no workspace key); `outreach inbox sample` writes one for a workspace's own
 * keyed ids, whose bounces and replies verify. Pure: built from the plan's
 * targets, so a test can check the committed file is what this code produces.
 * Regenerate with `npx tsx scripts/generate-sample-inbox.ts`.
 */
import { InputError } from "../core/errors.js";
import { joinMbox } from "./split-mbox.js";
import type { CampaignTarget } from "../campaign/campaign-targets.fs.js";

type Role =
  | { kind: "postfix-bounce" }
  | { kind: "exchange-bounce" }
  | { kind: "delay" }
  | { kind: "auto-reply"; subject: string; header: string; body: string }
  | { kind: "reply"; subject: string; body: string; date: string };

/** Which example contact plays which part. Ids are those of contacts/directory.csv. */
export const SAMPLE_ROLES: Readonly<Record<string, Role>> = {
  "de-47889c5502": { kind: "postfix-bounce" },
  "mx-083226e4e9": { kind: "exchange-bounce" },
  "za-0d82f3eeb5": { kind: "delay" },
  "fr-d80533d175": {
    kind: "auto-reply",
    subject: "Réponse automatique : absente du bureau",
    header: "Auto-Submitted: auto-replied",
    body: "Je suis absente du bureau jusqu'au 7 décembre. En cas d'urgence, écrivez au secrétariat.",
  },
  "th-79207644e4": {
    kind: "auto-reply",
    subject: "ตอบกลับอัตโนมัติ: ไม่อยู่ที่สำนักงาน",
    header: "X-Autoreply: yes",
    body: "ขณะนี้ไม่อยู่ที่สำนักงาน จะกลับวันที่ 4 ธันวาคม",
  },
  "es-963898bdba": {
    kind: "auto-reply",
    subject: "Respuesta automática: Fuera de la oficina",
    header: "Auto-Submitted: auto-replied",
    body: "Estaré fuera de la oficina hasta el 3 de diciembre.",
  },
  "ar-19f0aeb27c": {
    kind: "reply",
    subject: "Re: Carta a los Estados Miembros de la UIT",
    body: "Gracias por la carta. La compartiremos con la delegación argentina antes de la conferencia.",
    date: "Tue, 01 Dec 2026 14:20:00 -0300",
  },
  "ca-bbb0681a68": {
    kind: "reply",
    subject: "RE: Lettre aux États membres de l'UIT",
    body: "Merci. Nous aimerions vous rencontrer avant la conférence ; quelles dates vous conviendraient ?",
    date: "Wed, 02 Dec 2026 10:05:00 -0500",
  },
  "pk-00a79158f9": {
    kind: "reply",
    subject: "جواب: آئی ٹی یو کے رکن ممالک کے نام خط",
    body: "آپ کے خط کا شکریہ۔ ہم اسے وفد تک پہنچا دیں گے۔",
    date: "Thu, 03 Dec 2026 11:30:00 +0500",
  },
};

const SENDER = "letters@coalition.example";

export function buildSampleInbox(targets: readonly CampaignTarget[]): Buffer {
  const byId = new Map(targets.map((t) => [t.contactId, t]));
  const messages: { raw: string; from: string; date: Date }[] = [];
  let n = 0;
  for (const [id, role] of Object.entries(SAMPLE_ROLES)) {
    const t = byId.get(id);
    if (!t?.messageId || !t.email)
      throw new InputError("E_SAMPLE_INBOX", `sample inbox: example contact ${id} is not planned for email`, {
        hint: "the sample mailbox is for the bundled example campaign (outreach demo copies it)",
      });
    n += 1;
    const date = new Date(Date.UTC(2026, 10, 30, 9 + n, 0, 0));
    messages.push({
      raw: messageFor(t, role, date, n),
      from: role.kind.endsWith("bounce") || role.kind === "delay" ? "MAILER-DAEMON" : t.email,
      date,
    });
  }
  messages.push({
    raw: [
      "From: Telecom Policy Digest <digest@news.example>",
      `To: ${SENDER}`,
      "Subject: This week: spectrum, satellites and the WCIT agenda",
      "Date: Mon, 30 Nov 2026 06:00:00 +0000",
      "Message-ID: <digest-2026-48@news.example>",
      "Precedence: bulk",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "An unrelated newsletter: the import lists it as unmatched.",
      "",
    ].join("\n"),
    from: "digest@news.example",
    date: new Date(Date.UTC(2026, 10, 30, 6)),
  });
  return joinMbox(messages);
}

/** What every generated message about one contact's letter needs. */
interface LetterContext {
  t: CampaignTarget;
  /** The message's date in RFC 5322 form. */
  rfcDate: string;
  /** The contact's mail domain. */
  domain: string;
  /** The message's number in the mailbox, for unique Message-IDs. */
  n: number;
  /** The headers of our letter, as a bounce quotes them. */
  original: readonly string[];
}

/** The raw message in which the example contact `t` plays `role`. */
function messageFor(t: CampaignTarget, role: Role, date: Date, n: number): string {
  const ctx: LetterContext = {
    t,
    rfcDate: date.toUTCString().replace("GMT", "+0000"),
    domain: t.email.split("@")[1] ?? "ministry.example",
    n,
    original: [
      `From: Civil Society Coalition on WCIT <${SENDER}>`,
      `To: ${t.email}`,
      `Subject: Letter to ITU member states`,
      `Message-ID: ${t.messageId ?? ""}`,
      `X-Outreach-Campaign: wcit-2012`,
      `X-Outreach-Contact: ${t.contactId}`,
    ],
  };
  switch (role.kind) {
    case "postfix-bounce":
    case "delay":
      return postfixReport(ctx, role.kind === "delay");
    case "exchange-bounce":
      return exchangeBounce(ctx);
    case "auto-reply":
      return contactMessage(
        t,
        role.subject,
        ctx.rfcDate,
        `<sample-auto-${n}@${ctx.domain}>`,
        [role.header],
        role.body,
      );
    case "reply":
      return contactMessage(
        t,
        role.subject,
        role.date,
        `<sample-reply-${n}@${ctx.domain}>`,
        [`References: ${t.messageId ?? ""}`],
        role.body,
      );
  }
}

/** A Postfix delivery status notification: a hard bounce, or a delay (`soft`) that will be retried. */
function postfixReport({ t, rfcDate, domain, n, original }: LetterContext, soft: boolean): string {
  const boundary = `sample-${n}`;
  return [
    "Return-Path: <>",
    `From: MAILER-DAEMON@mail.coalition.example (Mail Delivery System)`,
    `To: ${SENDER}`,
    `Subject: ${soft ? "Delayed Mail (still being retried)" : "Undelivered Mail Returned to Sender"}`,
    `Date: ${rfcDate}`,
    `Message-ID: <sample-dsn-${n}@mail.coalition.example>`,
    "Auto-Submitted: auto-replied",
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=us-ascii",
    "",
    soft
      ? `Your message could not be delivered for more than 4 hour(s). It will be retried.\n\n<${t.email}>: connect to mx.${domain}: Connection timed out`
      : `I'm sorry to have to inform you that your message could not be delivered.\n\n<${t.email}>: host mx.${domain} said: 550 5.1.1 User unknown`,
    "",
    `--${boundary}`,
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mail.coalition.example",
    "",
    `Final-Recipient: rfc822; ${t.email}`,
    `Action: ${soft ? "delayed" : "failed"}`,
    `Status: ${soft ? "4.4.1" : "5.1.1"}`,
    `Diagnostic-Code: ${soft ? "X-Postfix; connect to mx." + domain + ": Connection timed out" : "smtp; 550 5.1.1 User unknown"}`,
    "",
    `--${boundary}`,
    "Content-Type: text/rfc822-headers",
    "",
    ...original,
    "",
    `--${boundary}--`,
    "",
  ].join("\n");
}

/** An Exchange non-delivery report in plain text, quoting our letter's headers. */
function exchangeBounce({ t, rfcDate, domain, n, original }: LetterContext): string {
  return [
    `From: Microsoft Outlook <postmaster@${domain}>`,
    `To: ${SENDER}`,
    "Subject: Undeliverable: Letter to ITU member states",
    `Date: ${rfcDate}`,
    `Message-ID: <sample-ndr-${n}@${domain}>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    `Your message to ${t.email} couldn't be delivered.`,
    "",
    "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'",
    "",
    "Original message headers:",
    "",
    ...original,
    "",
  ].join("\n");
}

/** A plain-text message from the contact back to us, answering our letter (In-Reply-To its Message-ID). */
function contactMessage(
  t: CampaignTarget,
  subject: string,
  date: string,
  messageId: string,
  extraHeaders: readonly string[],
  body: string,
): string {
  return [
    `From: ${encodedWord(t.name || t.organisation)} <${t.email}>`,
    `To: ${SENDER}`,
    `Subject: ${encodedWord(subject)}`,
    `Date: ${date}`,
    `Message-ID: ${messageId}`,
    `In-Reply-To: ${t.messageId ?? ""}`,
    ...extraHeaders,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    Buffer.from(body, "utf8").toString("base64"),
    "",
  ].join("\n");
}

function encodedWord(s: string): string {
  return `=?UTF-8?B?${Buffer.from(s, "utf8").toString("base64")}?=`;
}

/** Where the bundled sample mailbox lives, relative to the campaign folder. */
export const SAMPLE_INBOX_FILE = "sample-inbox/inbox.mbox";
