/**
 * Forgery-resistant tracking, pure part: which bounces and replies are verified as being about a message
 * we sent (a Message-ID we sent, or a valid keyed tag), and which are only claims (recorded as unverified).
 */
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import {
  contactHashFor,
  messageIdFor,
  messageTagFor,
  parseMessageId,
  verifyMessageTag,
} from "../../src/campaign/message-id.js";
import { classifyInbound, type Classification } from "../../src/inbox/classify-inbound.js";
import { buildContactIndex } from "../../src/inbox/contact-index.js";
import { buildInboxEvents } from "../../src/inbox/inbox-events.js";
import { parseInbound } from "../../src/inbox/parse-inbound.js";

const CAMPAIGN = "wcit-test";
const DOMAIN = "outreach.coalition.example";
const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const ANA = { contactId: "ar-mincom", email: "ana.perez@mincom.gob.example" };
const LUC = { contactId: "fr-arcep", email: "luc.martin@arcep.example" };
const anaId = messageIdFor(CAMPAIGN, ANA.contactId, DOMAIN, KEY);

const indexWithKey = (events: LedgerEvent[] = []) =>
  buildContactIndex(
    CAMPAIGN,
    [
      { ...ANA, messageId: anaId },
      { ...LUC, messageId: messageIdFor(CAMPAIGN, LUC.contactId, DOMAIN, KEY) },
    ],
    events,
    KEY,
  );

const parse = (lines: string[]) => parseInbound(Buffer.from(lines.join("\r\n")), "inline");

/** A Postfix-style report quoting the original headers (as the real ones in tests/inbox/fixtures do). */
function dsn(recipient: string, quoted: string[]): Promise<Awaited<ReturnType<typeof parse>>> {
  return parse([
    "Return-Path: <>",
    "From: MAILER-DAEMON@mx.mincom.gob.example (Mail Delivery System)",
    "To: letters@coalition.example",
    "Subject: Undelivered Mail Returned to Sender",
    "Message-ID: <dsn-1@mx.mincom.gob.example>",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    "",
    "--b",
    "Content-Type: text/plain",
    "",
    `<${recipient}>: 550 5.1.1 User unknown`,
    "",
    "--b",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.mincom.gob.example",
    "",
    `Final-Recipient: rfc822; ${recipient}`,
    "Action: failed",
    "Status: 5.1.1",
    "",
    "--b",
    "Content-Type: text/rfc822-headers",
    "",
    "From: Coalition <letters@coalition.example>",
    `To: ${recipient}`,
    "Subject: Letter to ITU Member States",
    ...quoted,
    "",
    "--b--",
    "",
  ]);
}

function reply(from: string, inReplyTo: string) {
  return parse([
    `From: Someone <${from}>`,
    "To: letters@coalition.example",
    "Subject: Re: Letter to ITU Member States",
    "Message-ID: <reply-1@mail.test>",
    `In-Reply-To: ${inReplyTo}`,
    "",
    "Thank you.",
    "",
  ]);
}

function expectMatch(c: Classification, kind: string, contact: string, verified: boolean) {
  expect(c.kind).toBe(kind);
  if (c.kind === "unmatched") throw new Error(`unmatched: ${c.reason}`);
  expect(c.contact).toBe(contact);
  expect(c.verified).toBe(verified);
  if (!verified) expect(c.unverifiedReason).toBeTruthy();
}

describe("keyed Message-IDs", () => {
  it("are deterministic per workspace key, campaign and contact, and carry a tag only the key makes", () => {
    expect(messageIdFor(CAMPAIGN, "ar-mincom", DOMAIN, KEY)).toBe(anaId);
    expect(messageIdFor(CAMPAIGN, "ar-mincom", DOMAIN, OTHER_KEY)).not.toBe(anaId);
    expect(messageIdFor(CAMPAIGN, "fr-arcep", DOMAIN, KEY)).not.toBe(anaId);
    const parsed = parseMessageId(anaId);
    expect(parsed).toEqual({
      campaign: CAMPAIGN,
      hash: contactHashFor(CAMPAIGN, "ar-mincom"),
      tag: messageTagFor(CAMPAIGN, "ar-mincom", KEY),
    });
    expect(verifyMessageTag(CAMPAIGN, "ar-mincom", parsed?.tag ?? "", KEY)).toBe(true);
    expect(verifyMessageTag(CAMPAIGN, "ar-mincom", parsed?.tag ?? "", OTHER_KEY)).toBe(false);
    expect(verifyMessageTag(CAMPAIGN, "fr-arcep", parsed?.tag ?? "", KEY)).toBe(false);
    // Without a key: the format from before keys, unchanged.
    expect(messageIdFor(CAMPAIGN, "ar-mincom", DOMAIN)).toBe(
      `<${CAMPAIGN}.c-${contactHashFor(CAMPAIGN, "ar-mincom")}@${DOMAIN}>`,
    );
    expect(parseMessageId(messageIdFor(CAMPAIGN, "ar-mincom", DOMAIN))?.tag).toBeUndefined();
  });
});

describe("bounces", () => {
  it("a genuine report quoting our keyed Message-ID is a verified bounce", async () => {
    const c = classifyInbound(await dsn(ANA.email, [`Message-ID: ${anaId}`]), indexWithKey());
    expectMatch(c, "bounce", "ar-mincom", true);
    expect(c.kind === "bounce" && c.matchedBy).toBe("message-id");
  });

  it("the tag verifies even when the id is not in the index (another messageIdDomain since)", async () => {
    const moved = messageIdFor(CAMPAIGN, "ar-mincom", "mail.elsewhere.example", KEY);
    const index = buildContactIndex(CAMPAIGN, [ANA], [], KEY);
    expectMatch(
      classifyInbound(await dsn(ANA.email, [`Message-ID: ${moved}`]), index),
      "bounce",
      "ar-mincom",
      true,
    );
  });

  it("a forged report naming an unknown Message-ID and the contact's address is unverified", async () => {
    const message = await dsn(ANA.email, ["Message-ID: <made-up-123@attacker.example>"]);
    const c = classifyInbound(message, indexWithKey());
    expectMatch(c, "bounce", "ar-mincom", false);
    expect(c.kind === "bounce" && c.matchedBy).toBe("final-recipient");
    // Recorded with verified: false, and not a hard bounce for the directory.
    const summary = buildInboxEvents([{ message, classification: c }], {
      campaign: CAMPAIGN,
      existingKeys: new Set(),
      at: "2012-11-10T00:00:00.000Z",
    });
    expect(summary.events).toMatchObject([{ type: "bounced", contact: "ar-mincom", verified: false }]);
    expect(summary.deadAddresses).toEqual([]);
  });

  it("a forged tag (our format, the contact's hash, a wrong HMAC) is unverified", async () => {
    const hash = contactHashFor(CAMPAIGN, "ar-mincom");
    const wrongKey = messageIdFor(CAMPAIGN, "ar-mincom", DOMAIN, OTHER_KEY);
    for (const forged of [`<${CAMPAIGN}.c-${hash}.t-${"0".repeat(24)}@${DOMAIN}>`, wrongKey]) {
      const c = classifyInbound(await dsn(ANA.email, [`Message-ID: ${forged}`]), indexWithKey());
      expectMatch(c, "bounce", "ar-mincom", false);
      expect(c.kind === "bounce" && c.matchedBy).toBe("message-id");
      expect(c.kind === "bounce" && c.unverifiedReason).toContain("tag does not verify");
    }
  });

  it("an untagged id anyone can compute is unverified once the campaign sends keyed ids", async () => {
    const guessable = messageIdFor(CAMPAIGN, "ar-mincom", DOMAIN);
    const c = classifyInbound(await dsn(ANA.email, [`Message-ID: ${guessable}`]), indexWithKey());
    expectMatch(c, "bounce", "ar-mincom", false);
  });

  it("without a workspace key, a planned id proves nothing: only the ids the ledger records count", async () => {
    // A colleague's clone without .outreach/secret: the planned ids are unkeyed, so anyone can compute them.
    const guessable = messageIdFor(CAMPAIGN, "ar-mincom", DOMAIN);
    const unkeyed = buildContactIndex(CAMPAIGN, [{ ...ANA, messageId: guessable }]);
    const c = classifyInbound(await dsn(ANA.email, [`Message-ID: ${guessable}`]), unkeyed);
    expectMatch(c, "bounce", "ar-mincom", false);
  });

  it("an old unkeyed Message-ID the ledger records still matches, verified", async () => {
    const legacy = messageIdFor(CAMPAIGN, "ar-mincom", DOMAIN);
    const sent: LedgerEvent = {
      at: "2012-11-05T09:00:00.000Z",
      type: "sent",
      campaign: CAMPAIGN,
      contact: "ar-mincom",
      messageId: legacy,
      language: "es",
      revision: "r1",
      attempt: 1,
      email: ANA.email,
      response: "250 ok",
    };
    const index = indexWithKey([sent]);
    expectMatch(
      classifyInbound(await dsn(ANA.email, [`Message-ID: ${legacy}`]), index),
      "bounce",
      "ar-mincom",
      true,
    );
    expectMatch(classifyInbound(await reply(ANA.email, legacy), index), "reply", "ar-mincom", true);
  });

  it("quoted X-Outreach headers verify only with the contact's X-Outreach-Tag", async () => {
    const headers = (tag: string) => [
      "Message-ID: <rewritten-1@gateway.test>",
      `X-Outreach-Campaign: ${CAMPAIGN}`,
      "X-Outreach-Contact: ar-mincom",
      `X-Outreach-Tag: ${tag}`,
    ];
    const good = classifyInbound(
      await dsn("someone@gateway.test", headers(messageTagFor(CAMPAIGN, "ar-mincom", KEY))),
      indexWithKey(),
    );
    expectMatch(good, "bounce", "ar-mincom", true);
    expect(good.kind === "bounce" && good.matchedBy).toBe("outreach-header");
    const forged = classifyInbound(
      await dsn("someone@gateway.test", headers(messageTagFor(CAMPAIGN, "fr-arcep", KEY))),
      indexWithKey(),
    );
    expectMatch(forged, "bounce", "ar-mincom", false);
  });
});

describe("replies", () => {
  it("a reply to our message from the contact's domain (or a subdomain) is verified", async () => {
    expectMatch(
      classifyInbound(await reply("secretaria@mincom.gob.example", anaId), indexWithKey()),
      "reply",
      "ar-mincom",
      true,
    );
    expectMatch(
      classifyInbound(await reply("ana@despacho.mincom.gob.example", anaId), indexWithKey()),
      "reply",
      "ar-mincom",
      true,
    );
  });

  it("a reply from a different domain is an unverified reply, confirmable with outreach mark", async () => {
    for (const from of ["ana.perez@webmail.example", "x@gob.example", "x@evilmincom.gob.example"]) {
      const c = classifyInbound(await reply(from, anaId), indexWithKey());
      expectMatch(c, "reply", "ar-mincom", false);
      expect(c.kind === "reply" && c.unverifiedReason).toContain(
        `outreach mark ${CAMPAIGN} ar-mincom replied`,
      );
    }
  });

  it("a reply whose In-Reply-To has a forged tag is unverified, even from the contact's domain", async () => {
    const forged = messageIdFor(CAMPAIGN, "ar-mincom", DOMAIN, OTHER_KEY);
    expectMatch(classifyInbound(await reply(ANA.email, forged), indexWithKey()), "reply", "ar-mincom", false);
  });
});
