/**
 * Reading delivery reports, one behaviour per test: every recipient of a report with its own status, text
 * reports (X-Failed-Recipients, "The following address(es) failed"), reports the mail parser cannot split
 * (a broken boundary, a truncated report), 2.x.x notices and delays, reports in other languages and from
 * other senders, and the reason and permanence of each bounce (docs/BOUNCES.md).
 */
import { describe, expect, it } from "vitest";
import { classifyBounceReason } from "../../src/inbox/bounce-reason.js";
import { classifyInbound, type Classification } from "../../src/inbox/classify-inbound.js";
import { buildInboxEvents } from "../../src/inbox/inbox-events.js";
import { readInbound } from "../../src/inbox/read-inbound.js";
import { ANA, campaignIndex, dsnReport, idOf, LUC, ourHeaders, parseLines, SOM } from "./mail-builders.js";

function bounceOf(c: Classification) {
  if (c.kind !== "bounce")
    throw new Error(`expected a bounce, got ${c.kind}: ${"reason" in c ? c.reason : ""}`);
  return c;
}

describe("every recipient of a report", () => {
  it("gives each recipient block its own match, status, reason and permanence, and an event each", async () => {
    const message = await dsnReport(
      [
        { recipient: ANA.email, action: "failed", status: "5.1.1", diagnostic: "550 5.1.1 User unknown" },
        { recipient: LUC.email, action: "failed", status: "5.2.2", diagnostic: "552 5.2.2 Mailbox full" },
        { recipient: SOM.email, action: "delayed", status: "4.4.1", diagnostic: "Connection timed out" },
      ],
      ourHeaders(ANA),
    );
    const c = bounceOf(classifyInbound(message, campaignIndex()));
    expect(
      c.recipients.map((r) => [
        r.contact,
        r.bounce.kind,
        r.bounce.status,
        r.bounce.reason,
        r.bounce.permanent,
      ]),
    ).toEqual([
      ["ar-mincom", "hard", "5.1.1", "unknown-recipient", true],
      ["fr-arcep", "hard", "5.2.2", "mailbox-full", false],
      ["th-mdes", "soft", "4.4.1", "network", false],
    ]);
    // Only the contact whose Message-ID the report quotes is verified; the others are named by address.
    expect(c.recipients.map((r) => r.verified)).toEqual([true, false, false]);
    const summary = buildInboxEvents([{ message, classification: c }], {
      campaign: "wcit-test",
      existingKeys: new Set(),
      at: "2026-11-10T00:00:00.000Z",
    });
    expect(summary.events.map((e) => e.type === "bounced" && [e.contact, e.status, e.recipient])).toEqual([
      ["ar-mincom", "5.1.1", ANA.email],
      ["fr-arcep", "5.2.2", LUC.email],
      ["th-mdes", "4.4.1", SOM.email],
    ]);
    expect(summary.deadAddresses).toEqual(["ar-mincom"]);
  });

  it("reads every address of X-Failed-Recipients, each with the words under it", async () => {
    const message = await parseLines([
      "Return-path: <>",
      "X-Failed-Recipients: ana.perez@mincom.gob.example, luc.martin@arcep.example",
      "Auto-Submitted: auto-replied",
      "From: Mail Delivery System <Mailer-Daemon@relay.coalition.example>",
      "To: letters@coalition.example",
      "Subject: Mail delivery failed: returning message to sender",
      "Message-Id: <E1x-exim@relay.coalition.example>",
      "",
      "This message was created automatically by mail delivery software.",
      "",
      "A message that you sent could not be delivered to one or more of its",
      "recipients. This is a permanent error. The following address(es) failed:",
      "",
      "  ana.perez@mincom.gob.example",
      "    host mx.mincom.gob.example [192.0.2.10]",
      "    SMTP error from remote mail server after RCPT TO:<ana.perez@mincom.gob.example>:",
      "    550 5.1.1 No such user here",
      "  luc.martin@arcep.example",
      "    host mx.arcep.example [192.0.2.11]",
      "    SMTP error from remote mail server after end of data:",
      "    550 5.7.1 Message rejected as spam by the content filter",
      "",
      "------ This is a copy of the message, including all the headers. ------",
      "",
      ...ourHeaders(ANA),
    ]);
    const c = bounceOf(classifyInbound(message, campaignIndex()));
    expect(c.bounce.shape).toBe("text");
    expect(
      c.recipients.map((r) => [r.contact, r.bounce.status, r.bounce.reason, r.bounce.permanent]),
    ).toEqual([
      ["ar-mincom", "5.1.1", "unknown-recipient", true],
      ["fr-arcep", "5.7.1", "rejected-content", false],
    ]);
  });

  it('reads "The following address(es) failed" without the header, and never our own address', async () => {
    const message = await parseLines([
      "From: Mail Delivery System <Mailer-Daemon@relay.coalition.example>",
      "To: letters@coalition.example",
      "Subject: Mail delivery failed",
      "",
      "A message sent by",
      "",
      "  <letters@coalition.example>",
      "",
      "could not be delivered to one or more of its recipients. The following address(es) failed:",
      "",
      "  luc.martin@arcep.example",
      "    retry timeout exceeded",
      "",
      "------ This is a copy of the message, including all the headers. ------",
      "",
      ...ourHeaders(LUC),
    ]);
    const c = bounceOf(classifyInbound(message, campaignIndex()));
    expect(c.recipients.map((r) => [r.contact, r.bounce.reason, r.bounce.permanent])).toEqual([
      ["fr-arcep", "expired", false],
    ]);
    expect(c.verified).toBe(true);
  });
});

describe("reports the mail parser cannot split", () => {
  it("finds the delivery-status fields in the raw message when the boundary is broken", async () => {
    const message = await parseLines([
      "From: MAILER-DAEMON@relay.coalition.example (Mail Delivery System)",
      "To: letters@coalition.example",
      "Subject: Undelivered Mail Returned to Sender",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="declared-but-never-used"',
      "",
      "--another-boundary",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; relay.coalition.example",
      "",
      `Final-Recipient: rfc822; ${SOM.email}`,
      "Action: failed",
      "Status: 5.1.1",
      "Diagnostic-Code: smtp; 550 5.1.1 <somchai@mdes.go.test>: Recipient address rejected",
      "",
      "--another-boundary",
      "Content-Type: text/rfc822-headers",
      "",
      ...ourHeaders(SOM),
      "",
      "--another-boundary--",
    ]);
    expect(message.parts.some((p) => p.contentType === "message/delivery-status")).toBe(false);
    const c = bounceOf(classifyInbound(message, campaignIndex()));
    expect([c.contact, c.verified, c.bounce.shape, c.bounce.status, c.bounce.permanent]).toEqual([
      "th-mdes",
      true,
      "dsn",
      "5.1.1",
      true,
    ]);
  });

  it("reads a report cut off inside its delivery-status part", async () => {
    const message = await parseLines([
      "From: Mail Delivery Subsystem <MAILER-DAEMON@relay.coalition.example>",
      "To: letters@coalition.example",
      "Subject: Returned mail: see transcript for details",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="cut"',
      `In-Reply-To: ${idOf(LUC)}`,
      "",
      "--cut",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; relay.coalition.example",
      "",
      `Final-Recipient: rfc822; ${LUC.email}`,
      "Action: failed",
      "Status: 5.2.1",
    ]);
    const c = bounceOf(classifyInbound(message, campaignIndex()));
    expect([c.contact, c.verified, c.bounce.status, c.bounce.reason, c.bounce.permanent]).toEqual([
      "fr-arcep",
      true,
      "5.2.1",
      "mailbox-disabled",
      true,
    ]);
  });

  it("falls back to the returned message's To: when the report names an address we do not know", async () => {
    const message = await parseLines([
      "From: Mail Delivery Subsystem <MAILER-DAEMON@mail.mincom.gob.example>",
      "To: letters@coalition.example",
      "Subject: Returned mail: see transcript for details",
      "",
      "   ----- The following addresses had permanent fatal errors -----",
      "<ana.perez@store7.mincom.gob.example>",
      "    (reason: 552 5.2.2 Over quota)",
      "",
      "   ----- Transcript of session follows -----",
      "<<< 250 2.0.0 Ok",
      "   ----- Message header follows -----",
      "From: Coalition <letters@coalition.example>",
      `To: ${ANA.email}`,
      "Subject: Letter to ITU Member States",
    ]);
    const c = bounceOf(classifyInbound(message, campaignIndex()));
    expect([c.contact, c.matchedBy, c.verified, c.bounce.status, c.bounce.reason]).toEqual([
      "ar-mincom",
      "returned-to",
      false,
      "5.2.2",
      "mailbox-full",
    ]);
  });

  it("takes the status from the line naming the failed recipient, never a 2.x.x of the transcript", async () => {
    const message = await parseLines([
      "From: Mail Delivery Subsystem <MAILER-DAEMON@relay.coalition.example>",
      "To: letters@coalition.example",
      "Subject: Returned mail: see transcript for details",
      "",
      "   ----- Transcript of session follows -----",
      "<<< 250 2.0.0 Ok",
      "<<< 250 2.1.0 Sender ok",
      "",
      "   ----- The following addresses had permanent fatal errors -----",
      "<luc.martin@arcep.example>",
      "    (reason: 550 5.7.1 Client host rejected: blocked using zen.spamhaus.example)",
      "",
      "   ----- Message header follows -----",
      ...ourHeaders(LUC),
    ]);
    const c = bounceOf(classifyInbound(message, campaignIndex()));
    expect([c.bounce.status, c.bounce.reason, c.bounce.permanent]).toEqual([
      "5.7.1",
      "rejected-sender",
      false,
    ]);
  });
});

describe("notices that are not bounces", () => {
  it.each(["delivered", "relayed", "expanded"])(
    "a 2.x.x report (Action: %s) is a delivery notice: no event",
    async (action) => {
      const message = await dsnReport(
        [{ recipient: ANA.email, action, status: "2.0.0", diagnostic: "250 2.0.0 Ok: queued as 4Xk2" }],
        ourHeaders(ANA),
        { subject: "Delivery Status Notification (Success)" },
      );
      const c = classifyInbound(message, campaignIndex());
      expect(c).toMatchObject({ kind: "unmatched", looksLike: "delivery-notice" });
      const summary = buildInboxEvents([{ message, classification: c }], {
        campaign: "wcit-test",
        existingKeys: new Set(),
        at: "2026-11-10T00:00:00.000Z",
      });
      expect(summary.events).toEqual([]);
    },
  );

  it("a report that is delivered for one recipient and failed for another bounces only the failed one", async () => {
    const message = await dsnReport(
      [
        { recipient: ANA.email, action: "delivered", status: "2.0.0" },
        { recipient: LUC.email, action: "failed", status: "5.1.1" },
      ],
      ourHeaders(LUC),
    );
    const c = bounceOf(classifyInbound(message, campaignIndex()));
    expect(c.recipients.map((r) => r.contact)).toEqual(["fr-arcep"]);
  });

  it("Exchange's text receipt (Delivered:) and Postfix's address check (deliverable) are notices", async () => {
    const receipt = await parseLines([
      "From: Microsoft Outlook <postmaster@mincom.gob.example>",
      "To: letters@coalition.example",
      "Subject: Delivered: Letter to ITU Member States",
      `In-Reply-To: ${idOf(ANA)}`,
      "",
      "Your message has been delivered to the following recipients:",
      "",
      "ana.perez@mincom.gob.example",
    ]);
    expect(readInbound(receipt).kind).toBe("delivery-notice");
    const verify = await dsnReport([{ recipient: ANA.email, action: "deliverable", status: "2.1.5" }], []);
    expect(readInbound(verify).kind).toBe("delivery-notice");
  });

  it("a person's reply that quotes a report stays a reply", async () => {
    const message = await parseLines([
      `From: Ana Perez <${ANA.email}>`,
      "To: letters@coalition.example",
      "Subject: Re: Undeliverable: Letter to ITU Member States",
      `In-Reply-To: ${idOf(ANA)}`,
      "",
      "Our IT department fixed the address; please send it again.",
      "",
      "> This is the mail system at host mx.mincom.gob.example.",
      "> <ana.perez@mincom.gob.example>: 550 5.1.1 User unknown",
    ]);
    expect(classifyInbound(message, campaignIndex())).toMatchObject({ kind: "reply", contact: "ar-mincom" });
  });

  it("a delay (4.x.x, will retry) is soft, not permanent, whatever its reason", async () => {
    const message = await parseLines([
      "From: Mail Delivery System <MAILER-DAEMON@relay.coalition.example>",
      "To: letters@coalition.example",
      "Subject: Warning: could not send message for past 4 hours",
      "",
      "    **********************************************",
      "    **      THIS IS A WARNING MESSAGE ONLY      **",
      "    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **",
      "    **********************************************",
      "",
      "The original message was received at Mon, 9 Nov 2026 10:00:00 +0000",
      "",
      "   ----- Transcript of session follows -----",
      "<somchai@mdes.go.test>... Deferred: 450 4.2.1 Mailbox disabled for now, will retry",
      "Warning: message still undelivered after 4 hours",
      "Will keep trying until message is 5 days old",
      "",
      "   ----- Message header follows -----",
      ...ourHeaders(SOM),
    ]);
    const c = bounceOf(classifyInbound(message, campaignIndex()));
    expect([c.contact, c.bounce.kind, c.bounce.permanent]).toEqual(["th-mdes", "soft", false]);
  });
});

describe("reports from other senders and in other languages", () => {
  const cases: [string, string[]][] = [
    [
      "Lotus Domino DELIVERY FAILURE",
      [
        "From: Postmaster@mincom.gob.example",
        "Subject: DELIVERY FAILURE: User Ana Perez (ana.perez@mincom.gob.example) not listed in Domino Directory",
        "",
        "Your message",
        "",
        "  Subject: Letter to ITU Member States",
        "",
        "was not delivered to:",
        "",
        "  ana.perez@mincom.gob.example",
        "",
        "because:",
        "",
        "  User Ana Perez (ana.perez@mincom.gob.example) not listed in Domino Directory",
      ],
    ],
    [
      "German Exchange (Unzustellbar) from post_master@",
      [
        "From: post_master@mincom.gob.example",
        "Subject: Unzustellbar: Letter to ITU Member States",
        "",
        "Ihre Nachricht konnte nicht zugestellt werden an ana.perez@mincom.gob.example:",
        "ana.perez@mincom.gob.example: 550 5.1.1 Benutzer unbekannt",
      ],
    ],
    [
      "a Japanese carrier's notice",
      [
        "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.mincom.gob.example>",
        "Subject: 配信不能のお知らせ",
        "",
        "次の宛先にメールを配信できませんでした。",
        "",
        "ana.perez@mincom.gob.example: 550 宛先不明 (このメールアドレスは存在しません)",
      ],
    ],
    [
      "a list manager's error notice",
      [
        "From: wcit-list-owner@lists.mincom.gob.example",
        "Subject: Rejected posting to WCIT-LIST",
        "",
        "Your message to ana.perez@mincom.gob.example was rejected:",
        "ana.perez@mincom.gob.example: 553 5.7.1 Non-member posting is not allowed for this list",
      ],
    ],
  ];
  it.each(cases)("%s is a bounce for the contact", async (_name, lines) => {
    const message = await parseLines([
      ...lines.slice(0, 2),
      "To: letters@coalition.example",
      "Return-Path: <>",
      "Content-Type: text/plain; charset=utf-8",
      ...lines.slice(2),
      "",
    ]);
    const c = bounceOf(classifyInbound(message, campaignIndex()));
    expect(c.contact).toBe("ar-mincom");
  });

  it("tells the reasons of the different cases apart", () => {
    expect(classifyBounceReason({ status: "5.1.1", text: "550 5.1.1 Benutzer unbekannt" })).toBe(
      "unknown-recipient",
    );
    expect(classifyBounceReason({ text: "550 宛先不明 (このメールアドレスは存在しません)" })).toBe(
      "unknown-recipient",
    );
    expect(classifyBounceReason({ text: "553 5.7.1 Non-member posting is not allowed for this list" })).toBe(
      "rejected-sender",
    );
  });
});

describe("reasons and permanence (docs/BOUNCES.md)", () => {
  const table: [status: string | undefined, text: string, reason: string][] = [
    ["5.1.1", "550 5.1.1 The email account that you tried to reach does not exist.", "unknown-recipient"],
    [
      "5.1.10",
      "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
      "unknown-recipient",
    ],
    ["5.0.0", "550 Requested action not taken: mailbox unavailable", "unknown-recipient"],
    [
      "5.4.4",
      "Host or domain name not found. Name service error for name=mincom.invalid type=A",
      "unknown-domain",
    ],
    ["5.2.1", "550 5.2.1 The email account that you tried to reach is disabled.", "mailbox-disabled"],
    ["4.2.2", "452 4.2.2 The email account that you tried to reach is over quota.", "mailbox-full"],
    ["5.3.4", "552 5.3.4 Message size exceeds fixed limit", "message-too-large"],
    [
      "5.7.26",
      "550 5.7.26 Unauthenticated email from coalition.example is not accepted due to domain's DMARC policy",
      "rejected-sender",
    ],
    [
      "5.7.1",
      "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.example",
      "rejected-sender",
    ],
    [
      "5.7.1",
      "550 5.7.1 Our system has detected that this message is likely unsolicited mail",
      "rejected-content",
    ],
    [
      "5.7.0",
      "552 5.7.0 This message was blocked because its content presents a potential security issue",
      "rejected-content",
    ],
    ["5.7.1", "554 5.7.1 Relay access denied", "rejected-sender"],
    ["4.7.0", "421 4.7.0 Try again later, closing connection (rate limit exceeded)", "rejected-sender"],
    ["4.4.7", "Delivery time expired", "expired"],
    ["4.4.1", "connect to mx.mincom.gob.example[192.0.2.10]:25: Connection refused", "network"],
    ["5.0.0", "554 Transaction failed", "other"],
    [
      "5.1.1",
      "550 5.1.1 <a@b.example>: Recipient address rejected: User unknown in relay recipient table",
      "unknown-recipient",
    ],
    ["5.0.0", "550 Mailbox quota usage exceeded", "mailbox-full"],
    ["5.7.1", "554 5.7.1 <a@b.example>: Recipient address rejected: Access denied", "rejected-sender"],
    ["5.4.4", "554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain", "unknown-domain"],
    [
      "4.7.28",
      "421-4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address",
      "rejected-sender",
    ],
    [
      "5.7.1",
      "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Part of their network is on our block list (S3150)",
      "rejected-sender",
    ],
    [undefined, "550 Invalid Recipient - https://community.example/docs#550", "unknown-recipient"],
  ];
  it.each(table)("%s %s → %s", (status, text, reason) => {
    expect(classifyBounceReason({ ...(status ? { status } : {}), text })).toBe(reason);
  });

  it("a 5.7.1 policy rejection is a deliverability problem, not a dead address", async () => {
    const message = await dsnReport(
      [
        {
          recipient: ANA.email,
          action: "failed",
          status: "5.7.1",
          diagnostic: "550 5.7.1 Message rejected due to local policy: sender not authorized",
        },
      ],
      ourHeaders(ANA),
    );
    const c = bounceOf(classifyInbound(message, campaignIndex()));
    expect([c.verified, c.bounce.kind, c.bounce.reason, c.bounce.permanent]).toEqual([
      true,
      "hard",
      "rejected-sender",
      false,
    ]);
  });

  it("a 5.1.1 unknown recipient is permanent", async () => {
    const message = await dsnReport(
      [{ recipient: LUC.email, action: "failed", status: "5.1.1", diagnostic: "550 5.1.1 User unknown" }],
      ourHeaders(LUC),
    );
    const c = bounceOf(classifyInbound(message, campaignIndex()));
    expect([c.verified, c.bounce.reason, c.bounce.permanent]).toEqual([true, "unknown-recipient", true]);
  });
});
