/**
 * Automatic answers that are not a person's reply: out-of-office and "thank you for your e-mail" notices
 * (RFC 3834 `Auto-Submitted`, the `X-Autoreply` family, `Precedence: auto_reply|bulk|junk`, subjects in the
 * campaign languages and the usual others) and challenge-response systems that hold the letter until the
 * sender proves to be a person (Bluebottle, Boxbe, "add yourself to my allowed list"). Pure.
 */
import { headerValue, type InboundMessage } from "./inbound-message.js";

/** Out-of-office subjects in the campaign languages (en, es, fr, zh, th, ur, bn) and a few common others. */
const AUTO_REPLY_SUBJECTS = [
  /\bout of (the )?office\b/i,
  /\bautomatic (reply|response)\b/i,
  /\bauto(matic)?[- ]?(reply|response|responder)\b/i,
  /^auto:/i,
  /\bautoreply\b/i,
  /\bon (annual )?leave\b/i,
  /\babsence notice\b/i,
  /respuesta autom[aá]tica/i,
  /fuera de (la )?oficina/i,
  /ausente/i,
  /r[ée]ponse automatique/i,
  /absent(e)? du bureau/i,
  /\babsence\b/i,
  /automatische antwort|abwesenheitsnotiz|risposta automatica|fuori sede|resposta autom[aá]tica|automatisch antwoord|afwezig|automatyczna odpowied|poza biurem|автоматический ответ|自動応答|自動返信|자동 응답/i,
  /自动回复|自動回覆|自動回复|自动答复|外出|不在办公室|休假/,
  /ตอบกลับอัตโนมัติ|ไม่อยู่ที่สำนักงาน|ไม่อยู่ที่ทำงาน/,
  /خودکار جواب|خودکار\s+جواب|دفتر سے باہر|خودکار/,
  /স্বয়ংক্রিয় উত্তর|স্বয়ংক্রিয়|অফিসের বাইরে|অফিসে নেই/,
];

/** Headers challenge-response systems add to their notices. */
const CHALLENGE_HEADERS = ["x-bluebottle-request", "x-boxbe-notice", "x-spamarrest-noauth", "x-challenge"];
const CHALLENGE_TEXT =
  /(added to|add yourself to) (the |my )?(recipient's )?(allowed|approved|guest|white|safe)[ -]?(list|senders)|sender not pre-?approved|was waitlisted|verify (that )?you are (a )?(human|person|real)|please (click|follow) the link below to (deliver|verify|confirm)/i;

export function isAutoReply(message: InboundMessage): boolean {
  const autoSubmitted = headerValue(message, "auto-submitted");
  if (autoSubmitted && !/^\s*no\b/i.test(autoSubmitted)) return true;
  if (headerValue(message, "x-autoreply") !== undefined) return true;
  if (headerValue(message, "x-autorespond") !== undefined) return true;
  if (headerValue(message, "x-autoresponder") !== undefined) return true;
  const precedence = (headerValue(message, "precedence") ?? "").trim().toLowerCase();
  if (
    precedence === "auto_reply" ||
    precedence === "auto-reply" ||
    precedence === "bulk" ||
    precedence === "junk"
  )
    return true;
  if (AUTO_REPLY_SUBJECTS.some((re) => re.test(message.subject))) return true;
  return isChallenge(message);
}

/** A challenge-response notice: the letter waits until the sender confirms being a person. */
function isChallenge(message: InboundMessage): boolean {
  if (CHALLENGE_HEADERS.some((h) => headerValue(message, h) !== undefined)) return true;
  return CHALLENGE_TEXT.test(message.text.slice(0, 3000));
}
