/**
 * Complaints: an ARF feedback report (RFC 5965, `multipart/report; report-type=feedback-report`, sent by
 * a mailbox provider when its user marks our letter as spam), and a person's request to stop writing
 * ("unsubscribe", "remove me from your list", "ne plus nous écrire"…). Both mean: never write to this
 * contact again. Pure.
 *
 * Not complaints: feedback of type `not-spam` (the user took it out of the spam folder) and
 * `auth-failure` (a DMARC/SPF failure report, about how mail was sent, not about the reader's wish).
 */
import { addressesIn, type InboundMessage } from "./inbound-message.js";
import type { ComplaintReport } from "./provider-notice.js";
import { returnedRecipients } from "./returned-message.js";

export type FeedbackReading =
  { kind: "complaint"; complaint: ComplaintReport } | { kind: "feedback-report"; feedbackType: string };

const NOT_COMPLAINTS = new Set(["not-spam", "auth-failure", "dkim", "spf", "dmarc"]);

/** The feedback report in a message, or `undefined` when it is not one. */
export function readFeedbackReport(message: InboundMessage): FeedbackReading | undefined {
  const part = message.parts.find((p) => p.contentType === "message/feedback-report");
  const isReport = message.reportType === "feedback-report" || part !== undefined;
  if (!isReport) return undefined;
  const fields = feedbackFields(part?.content ?? message.raw);
  const feedbackType = (fields.get("feedback-type")?.[0] ?? "abuse").toLowerCase();
  if (NOT_COMPLAINTS.has(feedbackType)) return { kind: "feedback-report", feedbackType };
  const named = [...(fields.get("original-rcpt-to") ?? []), ...(fields.get("removal-recipient") ?? [])];
  const recipients = [...new Set([...addressesIn(named.join(" ")), ...returnedRecipients(message)])];
  return { kind: "complaint", complaint: { source: "feedback-report", feedbackType, recipients } };
}

/** The report's fields (name → values), from its part or the block of the raw message that has them. */
function feedbackFields(content: string): Map<string, string[]> {
  const block =
    content
      .replace(/\r\n?/g, "\n")
      .split(/\n[ \t]*\n/)
      .find((b) => /^feedback-type:/im.test(b)) ?? "";
  const fields = new Map<string, string[]>();
  for (const line of block.replace(/\n[ \t]+/g, " ").split("\n")) {
    const m = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
    if (!m?.[1] || m[2] === undefined) continue;
    const name = m[1].toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), m[2].trim()]);
  }
  return fields;
}

const UNSUBSCRIBE_SUBJECT =
  /^\s*((re|aw|sv|tr|rv|fw|fwd)\s*:\s*)*\[?(unsubscribe|remove me|please remove|opt.?out|désabonnement|désinscription|se désabonner|darse de baja|darme de baja|dar de baja|cancelar (la )?suscripci[oó]n|abmelden|austragen)\b/i;
/** A request to stop, in the first lines the person wrote (quoted text and signatures aside). */
const STOP_REQUEST =
  /^\s*(unsubscribe|remove me|stop|opt.?out)\s*[.!]?\s*$|\b(do not|don'?t|never) (contact|write to|e-?mail|mail) (me|us)( again)?\b|(?<!(not|n't|never) )\bstop (sending|writing|e-?mailing|contacting)\b|\bremove (me|us|my address|our address|this address) from (your|the|this) (list|mailing list|distribution|database)|\bne (plus )?(me|nous) (plus )?(contacter|écrire)|retirez-(moi|nous) de|\bno (me|nos) (contacten|escriban|envíen)|elimínen(me|nos) de/im;

/** A person's request to be written to no more, or `undefined`. */
export function readUnsubscribeRequest(message: InboundMessage): FeedbackReading | undefined {
  if (!UNSUBSCRIBE_SUBJECT.test(message.subject) && !STOP_REQUEST.test(freshText(message.text)))
    return undefined;
  return { kind: "complaint", complaint: { source: "unsubscribe", recipients: [] } };
}

/** What the sender wrote themselves: the text before the quoted letter, at most a few hundred characters. */
function freshText(text: string): string {
  const lines: string[] = [];
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (
      /^\s*>|^-{2,}\s*(original message|message d'origine|mensaje original)|^on .+ wrote:$|^le .+ a écrit|^el .+ escribió/i.test(
        line,
      )
    )
      break;
    lines.push(line);
  }
  return lines.join("\n").slice(0, 600);
}
