/**
 * Strict email validation for directory contacts. Only a plain `local@domain` is accepted: no display
 * names, quotes, comments, commas, spaces, line breaks or second `@`, because anything looser can smuggle
 * extra recipients or headers into a message. The domain is lower-cased (it is case-insensitive); the
 * local part is kept as written.
 */
import { domainToASCII } from "node:url";

export type EmailCheck = { ok: true; email: string } | { ok: false; reason: string };

// RFC 5322 dot-atom characters; no quoted strings, no comments.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

// The common case in one test: a dot-atom local part and a lower-case ASCII domain of valid labels
// (LABEL) ending in a valid top-level domain (TLD), no edge spaces, no "mailto:", no trailing dot. What
// it accepts, the step-by-step checks below accept unchanged (lengths are checked beside it); anything
// else takes the step-by-step path, which also produces the reason.
const PLAIN_ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59}(?<!-))$/;

export function checkEmail(raw: string): EmailCheck {
  if (PLAIN_ADDRESS.test(raw)) {
    const at = raw.indexOf("@");
    if (at <= 64 && raw.length - at - 1 <= 253) return { ok: true, email: raw };
  }
  let text = raw.trim();
  if (text === "") return { ok: false, reason: "is empty" };
  if (/^mailto:/i.test(text)) text = text.slice(7);
  if (/[\r\n]/.test(text)) return { ok: false, reason: "contains a line break" };
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) return { ok: false, reason: "contains a control character" };
  if (/[,;]/.test(text))
    return { ok: false, reason: "contains a comma or semicolon; give one address per row" };
  if (/["<>()[\]\\]/.test(text)) {
    return {
      ok: false,
      reason: "contains a quote, angle bracket or comment; give one plain address (no display name)",
    };
  }
  if (/\s/.test(text)) return { ok: false, reason: "contains a space" };
  const at = text.split("@");
  if (at.length < 2) return { ok: false, reason: "has no @" };
  if (at.length > 2) return { ok: false, reason: "has more than one @" };
  const [local = "", domainRaw = ""] = at;
  if (local.length === 0) return { ok: false, reason: "has nothing before the @" };
  if (local.length > 64) return { ok: false, reason: "local part is longer than 64 characters" };
  if (!LOCAL_PART.test(local))
    return { ok: false, reason: `local part "${local}" has characters or dots that are not allowed` };
  const domain = toAsciiDomain(domainRaw.toLowerCase().replace(/\.$/, ""));
  if (domain === undefined) return { ok: false, reason: `domain "${domainRaw}" is not a valid domain name` };
  if (domain.length > 253) return { ok: false, reason: "domain is longer than 253 characters" };
  const labels = domain.split(".");
  if (labels.length < 2) return { ok: false, reason: `domain "${domainRaw}" has no dot` };
  if (!labels.every((l) => LABEL.test(l)))
    return { ok: false, reason: `domain "${domainRaw}" is not a valid domain name` };
  if (!TLD.test(labels[labels.length - 1] ?? ""))
    return { ok: false, reason: `domain "${domainRaw}" has an invalid top-level domain` };
  return { ok: true, email: `${local}@${domainRaw.toLowerCase().replace(/\.$/, "")}` };
}

/** ASCII (punycode) form of an internationalised domain, or undefined when it is not a valid host name. */
function toAsciiDomain(domain: string): string | undefined {
  if (/^[a-z0-9.-]+$/.test(domain)) return domain;
  const ascii = domainToASCII(domain);
  return ascii === "" ? undefined : ascii;
}
