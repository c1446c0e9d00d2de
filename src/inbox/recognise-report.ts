/**
 * Telling a delivery report from other mail: a standard `multipart/report`, or a report written for
 * people, recognised by who sent it (mailer-daemon, postmaster, post_master, Exchange, Domino, list
 * managers), its subject (in the languages of the big mail systems: Exchange's "Unzustellbar", "Non
 * remis", "No se puede entregar"…, Japanese and Chinese carriers' 配信不能 / 退信) and the sentences
 * mail servers open their reports with. Pure.
 */
import { headerValue, isDeliveryStatusPart, type InboundMessage } from "./inbound-message.js";

/** Local parts and display names of the senders of delivery reports. */
const REPORT_SENDER =
  /^(mailer[-_]?daemon|mail[-_]?daemon|post[-_]?master|mdaemon|mail ?administrator|system ?administrator|mail delivery (sub)?system|mail delivery service|internet mail delivery|microsoftexchange[0-9a-f]*|lotus ?domino|domino|nobody|bounces?|[\w.-]+-bounces?|owner-[\w.-]+|[\w.-]+-owner|[\w.-]+-request|listserv|majordomo|mailman)\b/i;

const REPORT_SUBJECTS: readonly RegExp[] = [
  /undeliver(ed|able)/i,
  /returned mail/i,
  /mail delivery (failed|failure|problem)/i,
  /delivery status notification/i,
  /delivery (has )?failed/i,
  /delivery (failure|problem|notification|report)/i,
  /failure notice/i,
  /non.?deliver(y|able)/i,
  /not delivered|could not be delivered|couldn't be delivered/i,
  /returned to sender/i,
  /delivery (delayed|delay)|delayed mail|warning: (message|could not send)/i,
  /message status - undeliverable|mail system error/i,
  /(message|mail) (you sent )?(was )?(blocked|rejected)/i,
  /rejected (posting|message)|posting (rejected|held)|uncaught bounce/i,
  // Exchange and other systems in their users' languages.
  /unzustellbar|nicht zustellbar|zustellung fehlgeschlagen|übermittlungsstatus/i,
  /non remis|non distribuable|échec de (la )?(remise|distribution)|non délivré/i,
  /no se puede entregar|no entregado|error (en la|de) entrega|devuelto/i,
  /não é possível entregar|não entregue|falha na entrega/i,
  /non recapitabile|mancato recapito/i,
  /onbestelbaar|niet bezorgd/i,
  /olevererbart|ej levererbart|kan ikke leveres|ei voitu toimittaa/i,
  /niedostarczalne|nie można dostarczyć|niedostarczon/i,
  /недоставлен|не удается доставить|не доставлен/i,
  /iletilemedi|teslim edilemedi/i,
  /配信不能|配送失敗|配信エラー|送信エラー|不達|届きませんでした|送信できませんでした/,
  /退信|无法投递|投递失败|未能成功送达|無法傳遞|退件|發送失敗/,
  /반송|전달 실패|배달되지 않음/,
  /تعذر التسليم|لا يمكن التسليم/,
];

/** Sentences mail servers open their reports with. */
const REPORT_OPENINGS =
  /this is the (mail system|postfix program|qmail-send program)|the following address\(es\) failed|created automatically by mail delivery software|the original message was received at|delivery has failed to these recipients|delivery to the following recipients? (has )?failed|did not reach the following recipient|was not delivered to|undeliverable to the following|could not be delivered to one or more|your message could not be (sent|delivered)|automatically generated delivery status notification|following addresses had (permanent|transient)|i'm afraid i wasn't able to deliver|not a valid user here|message could not be delivered/i;

/** Exchange's "Delivered:" / "Relayed:", Gmail's "(Success)": reports that the letter arrived. */
const DELIVERED_SUBJECT =
  /^\s*(delivered|relayed|zugestellt|remis|entregado|consegnato|afgeleverd|levererat)\s*:|delivery status notification \((success|relay)\)|successful(ly)? (mail )?deliver/i;
const DELIVERED_TEXT =
  /(has|have|was|were) been (successfully )?(delivered|relayed)|delivery to the(se| following) recipients? (was |has been )?(successful|completed?)|successfully delivered|\b(is|address) deliverable\b/i;

/** True when the message is a delivery report (a bounce, a delay or a delivery notice). */
export function looksLikeBounce(message: InboundMessage): boolean {
  if (
    message.contentType === "multipart/report" &&
    (message.reportType ?? "delivery-status") === "delivery-status"
  )
    return true;
  if (message.parts.some((p) => isDeliveryStatusPart(p.contentType))) return true;
  const fromReporter = isReportSender(message);
  const reportSubject = REPORT_SUBJECTS.some((re) => re.test(message.subject));
  // A person may write "Undeliverable" in a subject, or quote a report in a reply; a daemon may send other
  // notices. A mail system's sender (or none at all) and a second sign make a report: the subject, a null
  // return path, the opening sentence, a status code.
  const nullSender = isNullSender(message);
  if (!fromReporter && !nullSender) return false;
  const opening = REPORT_OPENINGS.test(message.text.slice(0, 4000));
  const statusCode = /\b[45]\.\d{1,3}\.\d{1,3}\b/.test(message.text);
  const signs = [fromReporter, reportSubject, nullSender, opening, fromReporter && statusCode];
  return signs.filter(Boolean).length >= 2;
}

/**
 * A delivery receipt that is not a `multipart/report` (Exchange's "Delivered:" from postmaster): sent by
 * a mail system, and saying the letter arrived.
 */
export function looksLikeDeliveryNotice(message: InboundMessage): boolean {
  return isReportSender(message) && isDeliveredNotice(message, message.text.slice(0, 4000));
}

/** A text report that says the letter arrived (2.x.x), not that it failed. */
export function isDeliveredNotice(message: Pick<InboundMessage, "subject">, reportText: string): boolean {
  if (DELIVERED_SUBJECT.test(message.subject)) return true;
  return (
    DELIVERED_TEXT.test(reportText) &&
    !/fail|undeliver|not (be )?deliver|could ?n[o']?t|unable|rejected|error|delayed/i.test(reportText)
  );
}

function isReportSender(message: InboundMessage): boolean {
  const local = (message.fromAddress ?? "").split("@")[0] ?? "";
  return REPORT_SENDER.test(local) || REPORT_SENDER.test(message.fromName ?? "");
}

/** A null return path (`<>`), or a From with no address at all (SurfControl's `From: <>`). */
function isNullSender(message: InboundMessage): boolean {
  const returnPath = (headerValue(message, "return-path") ?? "").trim();
  return returnPath === "<>" || (!message.fromAddress && !/\S@\S/.test(message.fromName ?? ""));
}
