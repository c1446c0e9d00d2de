/**
 * Why a letter bounced: the enhanced status code, the SMTP reply and the server's own words weighed
 * together, as the one table of docs/BOUNCES.md says. Pure.
 *
 * Order, first match wins: a phrase that names the cause (the receiving server's words outrank a code a
 * relay added or mistranslated: Gmail's "550 5.7.1 No such user" is an unknown recipient, a sendmail
 * relay's "5.1.1" over AT&T's "Mailbox currently suspended" a disabled mailbox), then a specific status
 * code (src/ledger/ledger-event-schema.ts, `bounceReasonOfStatus`), then a weak phrase that only says
 * something when nothing better does ("mailbox unavailable", "access denied"), else `other`.
 * Within the phrases, deliverability problems come first: a blocklist or a spam filter that also says
 * "rejected" or "not accepted" is about how or what we sent, never a dead address.
 */
import {
  bounceReasonOfStatus,
  DEAD_ADDRESS_REASONS,
  type BounceReason,
} from "../ledger/ledger-event-schema.js";

type ReasonRule = readonly [reason: BounceReason, pattern: RegExp];

/** Phrases that name the cause, in the order they are tried (docs/BOUNCES.md, column "phrases"). */
const STRONG_PHRASES: readonly ReasonRule[] = [
  // Links in the letter on a URI blocklist: the content, not the sender.
  ["rejected-content", /\b(uribl|surbl)\b|\b(url|uri|link)s? (is |are )?(black|block)-?list/i],
  // The sending IP or domain on a blocklist or with a poor reputation; a sending address refused.
  [
    "rejected-sender",
    /spamhaus|spamcop|\bsorbs\b|\bdnsbl\b|\brbl\b|spam ?list|(black|block) ?-?list|blocked using [\w-]+\.[\w.-]+|(?<!not )\blisted (at|in|on|by)\b|reputation|(sender|sending) (address|domain|host|ip)\b[^.;]{0,40}\b(rejected|not accepted|denied|refused|blocked)|\bmass ?mail(er|ing)?\b|unusual rate|(temporarily|permanently) deferred|user complaints|\[(bl|ts)\d+\]|\b(rly|dyn):[a-z]\d|(sender|from) (address|domain)\b[^;]{0,40}\b(does not exist|not (found|valid|verified)|unknown|invalid)|sender verif/i,
  ],
  // Spam, virus and content filters.
  [
    "rejected-content",
    /spam(?!haus|cop| ?list)|unsolicited|\bUBE\b|\bjunk ?(mail|e-?mail)\b|virus|malware|phishing|content (filter|reject|restriction|polic)|(message|mail|email) content|\bcontent\b[^.;]{0,20}\b(rejected|refused|blocked|not accepted)|\battachments?\b[^.;]{0,30}\b(not (allowed|accepted|permitted)|rejected|blocked|prohibited|forbidden)|with attachments|embedded images?|bulk (e-?)?mail|banned|security issue|垃圾邮件|迷惑メール/i,
  ],
  // How the letter was sent: authentication, relaying, rate, confirmation schemes, policy by name.
  [
    "rejected-sender",
    /\b(spf|dkim|dmarc)\b|sender policy framework|authenticat|not (authori[sz]ed|allowed|permitted) to (send|relay)|reverse dns|\bptr\b|\bhelo\b|relay(ing)? (access )?(denied|not permitted|prohibited|refused)|(not permitted|unable|not allowed) to relay|as a relay|do not relay|rcpthosts|requires? confirmation|white ?-?list|pre-?approved|rate limit|too many (connections|recipients|messages (from|in|per|sent))|throttl|greylist|受信拒否/i,
  ],
  [
    "mailbox-full",
    /mail ?box (is )?(full|over)|(box|account|inbox) is full|over ?quota|quota\b[^.;]{0,20}\b(exceeded|exceed|full)|exceeded (its |the |his |her )?(storage|quota|disk)|disk ?(space|quota)|disc quota|storage (allocation|limit|space)|insufficient (system )?storage|out of (disk |storage )?space|mail ?box size limit|exceeds allowed size|too many (messages|mails) (on|in)|zuviele mails|bo[iî]te (aux lettres )?pleine|buz[oó]n (est[aá] )?lleno|casella piena|caixa (postal )?cheia|postfach (ist )?voll|skrzynka (jest )?pe[lł]na|邮箱已满|容量(を)?超過|容量不足/i,
  ],
  [
    "message-too-large",
    /(message|mail|e-?mail)( is)? too (large|big)|too (large|big)\b|message size|size (limit|exceed)|exceeds (the )?(maximum|max)|(send|recip)sizelimit|message length exceeds/i,
  ],
  [
    "unknown-recipient",
    /user ?(name )?unknown|unknown (user|recipient|address|mailbox|local.?part|alias)|no such (user|mailbox|recipient|account|address|person)|(user|recipient|mail-?box|account|address|addressee|rcpt)\b[^;\n]{0,80}\b(does not|doesn'?t|did not|not) exist|(user|mail-?box|account|recipient)s? (was |is )?not found|recipient ?not ?found|recip ?not ?found|no (such )?mail ?-?box|no mail-?box|not a (valid|known) (user|mailbox|recipient|address)|is not a known user|invalid\b[^.;()]{0,20}\b(user ?name|user|recipient|mailbox|address)|bad.?recipient|badrcptto|not listed in|name is not recognized|no account by that name|doesn'?t have an? [\w.-]+ account|not our customer|no mailbox here|addressee unknown|unrouteable address|n'existe pas|(utilisateur|destinataire|adresse) inconnu|(usuario|destinatario) desconocido|no existe|(benutzer|empf[aä]nger) (ist )?unbekannt|existiert nicht|n[aã]o existe|(usu[aá]rio|destinat[aá]rio) desconhecido|utente sconosciuto|nie istnieje|nieznany (u[zż]ytkownik|odbiorca)|не существует|не найден|用户不存在|收件人不存在|地址不存在|存在しません|宛先不明/i,
  ],
  [
    "mailbox-disabled",
    /(account|mail ?box|user|address|recipient)\b[^;]{0,40}\b(disabled|suspended)|(disabled|suspended) (account|mail ?box|user)|\[suspend\]|deactivated|inactive|not an? active|discontinued|no longer (active|available|in use|valid|on (this|the) server)|account (has been |is )?(closed|expired|terminated|locked|blocked|frozen)|mail ?box (is |has been )?(closed|locked|frozen)|moved (permanently|away)|left the (organi[sz]ation|company)/i,
  ],
  [
    "unknown-domain",
    /host (or domain name )?not found|host unknown|unknown host|couldn'?t find any host|domain (name )?not found|no such domain|domain (does not|doesn'?t) exist|non-?existent (domain|host)|unrouteable mail domain|no (mx|mail exchanger)|mx records? point to non-?existent|name or service not known|\bnxdomain\b/i,
  ],
  [
    "expired",
    /expired|retry time(out)? (not reached|exceeded)|giving up|gave up|(queue|queued) too long|in the queue too long|could not be delivered (within|for)|cannot send message for|delivery time/i,
  ],
  [
    "network",
    /connection (refused|timed out|reset|lost|dropped)|lost connection|timed out|no route to host|(network|host) (is )?unreachable|unable to connect|could not connect|wasn'?t able to establish|hosts? (have|has) been failing|name server|name service error|\bdns\b|mail loop|loops back|hop count|temporary failure|\btls\b|\bssl\b|certificate/i,
  ],
];

/** Phrases too vague to outrank a status code, used only when there is none (or a generic one). */
const WEAK_PHRASES: readonly ReasonRule[] = [
  [
    "unknown-recipient",
    /mail ?box unavailable|mailbox not available|(recipient|address) rejected|invalid address|\bunknown\b/i,
  ],
  [
    "rejected-sender",
    /access denied|\bdenied\b|refused|\bblocked\b|not allowed|prohibited|\bpolicy\b|not accepted/i,
  ],
];

/** Enhanced status codes in text: `5.1.1`, `4.4.7`, `5.9.8`. */
export const ENHANCED_STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

export interface BounceEvidence {
  /** The report's status (a DSN's Status field, or the code on the recipient's line). */
  status?: string;
  /** The server's words: the diagnostic, or the lines of a text report about this recipient. */
  text: string;
}

/** The reason for one failed recipient (docs/BOUNCES.md). */
export function classifyBounceReason(evidence: BounceEvidence): BounceReason {
  const text = wordsOnly(evidence.text);
  const strong = STRONG_PHRASES.find(([, pattern]) => pattern.test(text));
  if (strong) return strong[0];
  // A generic Status (5.0.0) says less than a specific code inside the server's own reply.
  const coded =
    bounceReasonOfStatus(evidence.status) ?? bounceReasonOfStatus(ENHANCED_STATUS.exec(text)?.[0]);
  if (coded) return coded;
  return WEAK_PHRASES.find(([, pattern]) => pattern.test(text))?.[0] ?? "other";
}

/**
 * The server's words without what could read as a phrase by accident: addresses (`junkmail@…`), links
 * and host names in "host … said:" (`mx.junkemailfilter.com`).
 */
function wordsOnly(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/https?:\/\/\S+/gi, " ")
    .replace(/<?[^\s<>()[\]"';,:]+@[^\s<>()[\]"';,]+>?/g, "<@>")
    .replace(/\bhost \S+ said:|\btalking to \S+/gi, " ")
    .replace(/\s+/g, " ");
}

/** Only a hard bounce (given up) for a dead-address reason proves the address is dead. */
export function isPermanentBounce(kind: "hard" | "soft", reason: BounceReason): boolean {
  return kind === "hard" && DEAD_ADDRESS_REASONS.has(reason);
}
