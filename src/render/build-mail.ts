/**
 * The mail part of a rendered message: sender, recipient (and the partner in Cc), reply-to, the
 * rendered subject, HTML and text, attachments, the deterministic Message-ID and the X-Outreach-*
 * headers. Pure.
 */
import type { PlanEntry } from "../campaign/build-plan.js";
import type { Campaign } from "../campaign/campaign-schema.js";
import { messageIdFor, messageTagFor } from "../campaign/message-id.js";
import type { CompiledLetter } from "./compile-letter.js";
import { cleanValue, type MergeFields } from "./merge-fields.js";
import type { OutgoingMail } from "./outgoing-message.js";

/** What every message of a campaign shares: its sender and reply-to, and the Message-ID key. */
export interface MailEnvelope {
  campaign: Campaign;
  from: OutgoingMail["from"];
  replyTo: OutgoingMail["replyTo"];
  messageIdKey: Uint8Array | undefined;
}

/** The rendered parts of one message. */
export interface RenderedParts {
  subject: string;
  html: string;
  text: string;
}

/** Sender and reply-to of a campaign, cleaned once for all its messages. */
export function mailEnvelope(campaign: Campaign, messageIdKey: Uint8Array | undefined): MailEnvelope {
  return {
    campaign,
    from: { name: cleanValue(campaign.sender.name), address: campaign.sender.email },
    replyTo: campaign.replyTo
      ? { name: cleanValue(campaign.replyTo.name ?? ""), address: campaign.replyTo.email }
      : undefined,
    messageIdKey,
  };
}

/** The mail for one plan entry, from its rendered parts and merge fields. */
export function buildMail(
  envelope: MailEnvelope,
  letter: CompiledLetter,
  entry: PlanEntry,
  fields: MergeFields,
  parts: RenderedParts,
): OutgoingMail {
  const { campaign, from, replyTo, messageIdKey } = envelope;
  const contact = entry.contact;
  const cc =
    entry.ccPartner && entry.partner
      ? [{ name: cleanValue(entry.partner.name), address: entry.partner.email }]
      : undefined;
  // A shared mailbox is addressed as the ministry (or its people), not as one of them.
  const toName = entry.sharedMailbox
    ? contact.organisation || (fields.name as string | undefined) || ""
    : contact.name || contact.organisation;
  return {
    from,
    to: { name: cleanValue(toName), address: contact.email.trim() },
    ...(cc ? { cc } : {}),
    ...(replyTo ? { replyTo } : {}),
    subject: parts.subject,
    html: parts.html,
    text: parts.text,
    ...(letter.attachments.length ? { attachments: mailAttachments(letter) } : {}),
    messageId: messageIdFor(campaign.id, contact.id, campaign.messageIdDomain, messageIdKey),
    headers: {
      "X-Outreach-Campaign": campaign.id,
      "X-Outreach-Contact": cleanValue(contact.id),
      // The same keyed tag as the Message-ID's, for reports that quote our headers but not the id.
      ...(messageIdKey ? { "X-Outreach-Tag": messageTagFor(campaign.id, contact.id, messageIdKey) } : {}),
      "Content-Language": letter.language,
    },
  };
}

/** The letter's attachments as the mail composer takes them (read later, from their paths). */
function mailAttachments(letter: CompiledLetter): NonNullable<OutgoingMail["attachments"]> {
  return letter.attachments.map((a) => ({
    filename: a.filename,
    path: a.path,
    ...(a.contentType ? { contentType: a.contentType } : {}),
  }));
}
