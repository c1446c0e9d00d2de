/**
 * `preview --show <contact>`: one rendered message as a person reads it in the terminal (its headers
 * and text part, as mailmerge's dry run shows them) or as JSON, and the lookup of that contact in the
 * campaign's plan, which names close ids when it is not there. Pure.
 */
import type { PlanEntry } from "../campaign/build-plan.js";
import type { Contact } from "../contacts/contact-schema.js";
import { InputError } from "../core/errors.js";
import { closestNames } from "./closest-names.js";
import type { OutgoingMail, OutgoingMessage } from "./outgoing-message.js";

/** How many close ids an unknown one is answered with. */
const SUGGESTED_IDS = 5;

/**
 * The plan entry of one contact, or E_CONTACT_NOT_IN_CAMPAIGN naming the campaign and the closest ids
 * it does target (and saying so when the directory has the contact but the campaign leaves it out).
 */
export function findPlanEntry(
  entries: readonly PlanEntry[],
  directory: readonly Contact[],
  campaignId: string,
  contactId: string,
): PlanEntry {
  const entry = entries.find((e) => e.contact.id === contactId);
  if (entry) return entry;
  const close = closestNames(
    contactId,
    entries.map((e) => e.contact.id),
    { limit: SUGGESTED_IDS, prefixes: true },
  );
  const known = directory.some((c) => c.id === contactId);
  const why = known
    ? `contact ${contactId} is in the directory, but campaign ${campaignId} does not target it (its audience, status, or --country)`
    : `campaign ${campaignId} has no contact ${contactId}`;
  const suggestion = close.length ? `; did you mean ${close.join(", ")}?` : "";
  throw new InputError("E_CONTACT_NOT_IN_CAMPAIGN", why + suggestion, {
    hint: `\`outreach plan ${campaignId} --contacts\` lists the contacts of the campaign`,
  });
}

/** A mailbox as a header shows it: `Name <address>`, the name quoted when it needs to be. */
function mailbox(m: { name: string; address: string }): string {
  const address = m.address || "(no email address)";
  if (!m.name) return address;
  const name = /[",;:<>@()[\]\\]/.test(m.name) ? `"${m.name.replace(/["\\]/g, "\\$&")}"` : m.name;
  return m.address ? `${name} <${address}>` : `${name} ${address}`;
}

/** The headers a reader sees first, in the order a mail client shows them. */
export function shownHeaders(mail: OutgoingMail): [string, string][] {
  return [
    ["From", mailbox(mail.from)],
    ["To", mailbox(mail.to)],
    ...(mail.cc?.length ? [["Cc", mail.cc.map(mailbox).join(", ")] as [string, string]] : []),
    ...(mail.replyTo ? [["Reply-To", mailbox(mail.replyTo)] as [string, string]] : []),
    ["Subject", mail.subject],
    ["Message-ID", mail.messageId],
    ["Content-Language", mail.headers["Content-Language"] ?? ""],
    ...(mail.attachments?.length
      ? [["Attachments", mail.attachments.map((a) => a.filename).join(", ")] as [string, string]]
      : []),
  ];
}

/** What the message is, for the line above its headers: contact, language and why, delivery. */
function describeEntry(entry: PlanEntry): string {
  const delivery =
    entry.delivery === "partner"
      ? `delivered by hand by ${entry.partner?.name ?? "the partner"} (not emailed)`
      : entry.delivery === "none"
        ? "not deliverable (not emailed)"
        : "email";
  return `contact ${entry.contact.id} (${entry.country}) · ${entry.language} letter: ${entry.languageReason} · delivery: ${delivery}`;
}

/** The message for the terminal: a line about it, its warnings, the headers, a blank line, the text part. */
export function formatShownMessage(entry: PlanEntry, message: OutgoingMessage): string {
  const lines = [`# ${describeEntry(entry)}`, ...entry.warnings.map((w) => `# warning: ${w}`)];
  for (const [name, value] of shownHeaders(message.mail)) lines.push(`${name}: ${value}`);
  return `${lines.join("\n")}\n\n${message.mail.text.replace(/\s+$/, "")}\n`;
}

/** The same for scripts. */
export function shownMessageJson(entry: PlanEntry, message: OutgoingMessage) {
  return {
    campaign: message.campaign,
    contact: entry.contact.id,
    country: entry.country,
    language: message.language,
    languageReason: entry.languageReason,
    delivery: entry.delivery,
    warnings: entry.warnings,
    headers: Object.fromEntries(shownHeaders(message.mail)),
    text: message.mail.text,
  };
}
