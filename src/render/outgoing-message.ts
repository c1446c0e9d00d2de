/**
 * The contract between rendering and sending: one fully rendered, personalised message, ready for any
 * transport (nodemailer's message options plus what the ledger needs to record).
 */
export interface OutgoingMail {
  from: { name: string; address: string };
  to: { name: string; address: string };
  cc?: { name: string; address: string }[];
  replyTo?: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  attachments?: { filename: string; path: string; contentType?: string }[];
  /** Deterministic per campaign and contact, with angle brackets: `<wcit-2012.abc123@outreach.coalition.example>`. */
  messageId: string;
  /** Includes `X-Outreach-Campaign` and `X-Outreach-Contact`. */
  headers: Record<string, string>;
}

export interface OutgoingMessage {
  campaign: string;
  contactId: string;
  country: string;
  language: string;
  /** Hash of the letter template + signatories the message was rendered from. */
  revision: string;
  /** The revision of the approved signatory list it printed (`signatoryRevision`), for the ledger. */
  signatoryRevision?: string;
  mail: OutgoingMail;
  /** The salutation the letter opens with (`{{salutation}}`), when one of its patterns applied. */
  salutation?: string;
}
