/** Hand-made rendered messages for send tests (invented people at reserved domains). */
import type { OutgoingMessage } from "../../src/render/outgoing-message.js";
import type { SendJob } from "../../src/send/select-recipients.js";
import { domainOf } from "../../src/send/limiter.js";
import { composeEml } from "../../src/render/compose-eml.js";

export function makeMessage(
  contactId: string,
  email: string,
  overrides: Partial<OutgoingMessage> = {},
): OutgoingMessage {
  return {
    campaign: "test-campaign",
    contactId,
    country: "FR",
    language: "fr",
    revision: "rev1",
    mail: {
      from: { name: "Coalition (test)", address: "letters@coalition.example" },
      to: { name: `Person ${contactId}`, address: email },
      subject: "Lettre ouverte — Réseau ouvert 🌍",
      html: `<p>Madame, Monsieur ${contactId},</p><p>Ça marche — 多语言 — اردو</p>`,
      text: `Madame, Monsieur ${contactId},\nÇa marche — 多语言 — اردو\n`,
      messageId: `<test-campaign.${contactId}@outreach.coalition.example>`,
      headers: { "X-Outreach-Campaign": "test-campaign", "X-Outreach-Contact": contactId },
    },
    ...overrides,
  };
}

export function makeJob(contactId: string, email = `${contactId}@ministry.example`, attempt = 1): SendJob {
  return { contactId, country: "FR", language: "fr", email, domain: domainOf(email), attempt };
}

/** RFC 5322 bytes for a message, as the real pipeline composes them. */
export function composeForTest(message: OutgoingMessage): Promise<Buffer> {
  return composeEml(message.mail, new Date(Date.UTC(2026, 0, 1)));
}
