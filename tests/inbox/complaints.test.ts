/**
 * Complaints honoured: an ARF feedback report, a provider's complaint notice (Amazon SES) and a request to
 * stop writing become a `complaint` event for the contact, who becomes do-not-contact (the directory
 * status, and the sender's own fold); an unverified one (quoting none of our Message-IDs) changes nothing.
 * Amazon SES bounce notices are read like any report.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { contactSchema } from "../../src/contacts/contact-schema.js";
import { readDirectory, writeDirectory } from "../../src/contacts/directory-store.fs.js";
import { ManualClock } from "../../src/core/clock.js";
import { classifyInbound } from "../../src/inbox/classify-inbound.js";
import { importInbox } from "../../src/inbox/import-inbox.fs.js";
import { foldLedger } from "../../src/ledger/fold-ledger.js";
import { createStatusFold, detailOf } from "../../src/ledger/fold-status.js";
import type { LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import { selectRecipients } from "../../src/send/select-recipients.js";
import { makeTempDir } from "../helpers/cli.js";
import {
  ANA,
  CAMPAIGN,
  campaignIndex,
  CONTACTS,
  idOf,
  LUC,
  ourHeaders,
  parseLines,
  SOM,
} from "./mail-builders.js";

function arf(recipient: string, quoted: readonly string[], feedbackType = "abuse"): string[] {
  return [
    "From: Feedback Loop <fbl@isp.example>",
    "To: abuse@coalition.example",
    "Subject: Complaint about message from letters@coalition.example",
    `Message-ID: <arf-${recipient}@isp.example>`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=feedback-report; boundary="arf"',
    "",
    "--arf",
    "Content-Type: text/plain",
    "",
    "This is an email abuse report for an email message received from IP 192.0.2.1.",
    "",
    "--arf",
    "Content-Type: message/feedback-report",
    "",
    `Feedback-Type: ${feedbackType}`,
    "User-Agent: ExampleFBL/1.0",
    "Version: 1",
    "Original-Mail-From: <letters@coalition.example>",
    `Original-Rcpt-To: <${recipient}>`,
    "Source-IP: 192.0.2.1",
    "",
    "--arf",
    "Content-Type: message/rfc822",
    "",
    ...quoted,
    "",
    "Dear Minister,",
    "",
    "--arf--",
    "",
  ];
}

function sesNotice(json: unknown, wrapped: boolean): string[] {
  const body = wrapped
    ? JSON.stringify({ Type: "Notification", MessageId: "sns-1", Message: JSON.stringify(json) })
    : JSON.stringify(json, null, 2);
  return [
    "From: AWS Notifications <no-reply@sns.amazonaws.example>",
    "To: letters@coalition.example",
    "Subject: AWS Notification Message",
    "Message-ID: <sns-1@sns.amazonaws.example>",
    "Content-Type: text/plain; charset=utf-8",
    "",
    ...body.split("\n"),
    "",
  ];
}

function sesMail(contact: { email: string; contactId: string }) {
  return {
    timestamp: "2026-11-09T10:00:00.000Z",
    messageId: "0100018a-ses-own-id-000000",
    source: "letters@coalition.example",
    destination: [contact.email],
    commonHeaders: { from: ["letters@coalition.example"], to: [contact.email], messageId: idOf(contact) },
  };
}

describe("complaints and provider notices, classified", () => {
  it("an ARF report quoting our letter is a verified complaint for the contact", async () => {
    const c = classifyInbound(await parseLines(arf(ANA.email, ourHeaders(ANA))), campaignIndex());
    expect(c).toMatchObject({
      kind: "complaint",
      contact: "ar-mincom",
      verified: true,
      complaint: { source: "feedback-report", feedbackType: "abuse" },
    });
  });

  it("an ARF report quoting none of our Message-IDs is an unverified complaint", async () => {
    const c = classifyInbound(await parseLines(arf(ANA.email, ["Subject: something"])), campaignIndex());
    expect(c).toMatchObject({ kind: "complaint", contact: "ar-mincom", verified: false });
  });

  it("a not-spam or auth-failure feedback report is not a complaint, and never a reply", async () => {
    for (const type of ["not-spam", "auth-failure"]) {
      const c = classifyInbound(await parseLines(arf(ANA.email, ourHeaders(ANA), type)), campaignIndex());
      expect(c).toMatchObject({ kind: "unmatched", looksLike: "feedback-report" });
    }
  });

  it.each([false, true])("an SES complaint (SNS-wrapped: %s) is a verified complaint", async (wrapped) => {
    const notice = {
      notificationType: "Complaint",
      complaint: {
        complainedRecipients: [{ emailAddress: LUC.email }],
        complaintFeedbackType: "abuse",
        timestamp: "2026-11-09T11:00:00.000Z",
        feedbackId: "fb-1",
      },
      mail: sesMail(LUC),
    };
    const c = classifyInbound(await parseLines(sesNotice(notice, wrapped)), campaignIndex());
    expect(c).toMatchObject({
      kind: "complaint",
      contact: "fr-arcep",
      verified: true,
      complaint: { source: "provider", feedbackType: "abuse" },
    });
  });

  it("an SES bounce gives each bounced recipient its reason from the subtype or the diagnostic", async () => {
    const notice = {
      notificationType: "Bounce",
      bounce: {
        bounceType: "Permanent",
        bounceSubType: "General",
        bouncedRecipients: [
          {
            emailAddress: SOM.email,
            action: "failed",
            status: "5.1.1",
            diagnosticCode: "smtp; 550 5.1.1 user unknown",
          },
        ],
        timestamp: "2026-11-09T11:00:00.000Z",
        feedbackId: "fb-2",
      },
      mail: sesMail(SOM),
    };
    const c = classifyInbound(await parseLines(sesNotice(notice, false)), campaignIndex());
    expect(c).toMatchObject({
      kind: "bounce",
      contact: "th-mdes",
      verified: true,
      bounce: {
        shape: "provider",
        kind: "hard",
        status: "5.1.1",
        reason: "unknown-recipient",
        permanent: true,
      },
    });
    const full = {
      ...notice,
      bounce: { ...notice.bounce, bounceType: "Transient", bounceSubType: "MailboxFull" },
    };
    const soft = classifyInbound(await parseLines(sesNotice(full, true)), campaignIndex());
    expect(soft).toMatchObject({
      kind: "bounce",
      bounce: { kind: "soft", reason: "mailbox-full", permanent: false },
    });
    const delivered = {
      notificationType: "Delivery",
      mail: sesMail(SOM),
      delivery: { recipients: [SOM.email] },
    };
    expect(classifyInbound(await parseLines(sesNotice(delivered, false)), campaignIndex())).toMatchObject({
      kind: "unmatched",
      looksLike: "delivery-notice",
    });
  });

  it("a request to stop writing, from the contact's domain, is a complaint; from elsewhere it is unverified", async () => {
    const request = (from: string, subject: string, body: string) =>
      parseLines([
        `From: ${from}`,
        "To: letters@coalition.example",
        `Subject: ${subject}`,
        `In-Reply-To: ${idOf(ANA)}`,
        "",
        body,
        "",
        "> Dear Minister,",
      ]);
    const ours = classifyInbound(await request(ANA.email, "Unsubscribe", "Unsubscribe"), campaignIndex());
    expect(ours).toMatchObject({
      kind: "complaint",
      contact: "ar-mincom",
      verified: true,
      complaint: { source: "unsubscribe" },
    });
    const french = classifyInbound(
      await request(ANA.email, "Re: Lettre", "Merci de ne plus nous écrire à cette adresse."),
      campaignIndex(),
    );
    expect(french).toMatchObject({ kind: "complaint", verified: true });
    const elsewhere = classifyInbound(
      await request("someone@mail.example", "Re: Letter", "Please remove me from your list."),
      campaignIndex(),
    );
    expect(elsewhere).toMatchObject({ kind: "complaint", contact: "ar-mincom", verified: false });
    const noThread = await parseLines([
      `From: ${ANA.email}`,
      "To: letters@coalition.example",
      "Subject: Unsubscribe",
      "",
      "Unsubscribe",
    ]);
    expect(classifyInbound(noThread, campaignIndex())).toMatchObject({
      kind: "complaint",
      contact: "ar-mincom",
      matchedBy: "sender",
      verified: false,
    });
    const thanks = classifyInbound(
      await request(ANA.email, "Re: Letter", "Thank you, we will reply soon."),
      campaignIndex(),
    );
    expect(thanks).toMatchObject({ kind: "reply" });
  });
});

describe("complaints honoured by inbox import", () => {
  let dir: string;
  let ledgerPath: string;
  let directoryPath: string;

  const sent = (c: { contactId: string; email: string }): LedgerEvent => ({
    at: "2026-11-05T09:00:00.000Z",
    type: "sent",
    campaign: CAMPAIGN,
    contact: c.contactId,
    messageId: idOf(c),
    language: "en",
    revision: "r1",
    attempt: 1,
    email: c.email,
    response: "250 2.0.0 Ok",
  });

  beforeEach(async () => {
    dir = await makeTempDir("outreach-complaints-");
    ledgerPath = join(dir, "ledger.jsonl");
    directoryPath = join(dir, "directory.csv");
    await writeFile(ledgerPath, CONTACTS.map((c) => `${JSON.stringify(sent(c))}\n`).join(""));
    await writeDirectory(
      directoryPath,
      CONTACTS.map((c, i) =>
        contactSchema.parse({
          id: c.contactId,
          country: ["AR", "FR", "TH"][i],
          organisation: "Ministry",
          email: c.email,
          language: "en",
          source: "test",
        }),
      ),
    );
  });

  const importMail = async (files: Record<string, string[]>) => {
    const paths = await Promise.all(
      Object.entries(files).map(async ([name, lines]) => {
        const path = join(dir, name);
        await writeFile(path, lines.join("\r\n"));
        return path;
      }),
    );
    return importInbox({
      ledgerPath,
      directoryPath,
      campaign: CAMPAIGN,
      targets: [],
      mailboxes: paths,
      clock: new ManualClock(Date.UTC(2026, 10, 10)),
      key: Buffer.from(KEY_HEX, "hex"),
    });
  };

  it("a verified ARF report makes the contact do-not-contact: ledger, directory, status and the sender", async () => {
    const result = await importMail({
      "arf.eml": arf(ANA.email, ourHeaders(ANA)),
      "forged.eml": arf(LUC.email, ["Subject: no id of ours"]),
    });
    expect(result.doNotContact).toEqual(["ar-mincom"]);
    const { events } = await readLedger(ledgerPath);
    const complaints = events.filter((e) => e.type === "complaint");
    expect(complaints).toMatchObject([
      { contact: "ar-mincom", source: "feedback-report", feedbackType: "abuse" },
      { contact: "fr-arcep", verified: false },
    ]);
    const directory = await readDirectory(directoryPath);
    expect(directory.contacts.map((c) => [c.id, c.status])).toEqual([
      ["ar-mincom", "do-not-contact"],
      ["fr-arcep", "active"],
      ["th-mdes", "active"],
    ]);
    const fold = createStatusFold(CAMPAIGN);
    for (const e of events) fold.add(e);
    expect(fold.tracks.get("ar-mincom")?.complaint).toMatchObject({ feedbackType: "abuse" });
    expect(fold.tracks.get("fr-arcep")?.complaint).toBeUndefined();
    expect(fold.tracks.get("fr-arcep")?.lastUnverified?.kind).toBe("complaint");
    // The sender's fold says do-not-contact even if the directory could not be rewritten.
    const sendFold = foldLedger(events);
    expect([sendFold.get("ar-mincom")?.doNotContact, sendFold.get("fr-arcep")?.doNotContact]).toEqual([
      true,
      false,
    ]);
    const pending = foldLedger(events.filter((e) => e.type === "complaint"));
    const selection = selectRecipients(
      [{ contactId: "ar-mincom", country: "AR", language: "en", email: ANA.email, status: "active" }],
      pending,
      {
        now: Date.UTC(2026, 10, 11),
        retryUncertain: false,
        minDaysBetweenCampaigns: 0,
        lastSentElsewhere: new Map(),
      },
    );
    expect(selection.skipped.map((s) => s.reason)).toEqual(["do-not-contact"]);
  });

  it("a verified policy rejection is recorded but leaves the directory; a verified 5.1.1 marks it bounced", async () => {
    const report = (contact: typeof ANA, status: string, diagnostic: string) => [
      "From: MAILER-DAEMON@relay.coalition.example (Mail Delivery System)",
      "To: letters@coalition.example",
      "Subject: Undelivered Mail Returned to Sender",
      `Message-ID: <dsn-${contact.contactId}@relay.coalition.example>`,
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      "",
      "--b",
      "Content-Type: message/delivery-status",
      "",
      `Final-Recipient: rfc822; ${contact.email}`,
      "Action: failed",
      `Status: ${status}`,
      `Diagnostic-Code: smtp; ${diagnostic}`,
      "",
      "--b",
      "Content-Type: text/rfc822-headers",
      "",
      ...ourHeaders(contact),
      "",
      "--b--",
    ];
    const result = await importMail({
      "policy.eml": report(
        ANA,
        "5.7.1",
        "554 5.7.1 Client host rejected: blocked using zen.spamhaus.example",
      ),
      "unknown.eml": report(LUC, "5.1.1", "550 5.1.1 User unknown"),
    });
    expect(result.directoryUpdated).toEqual(["fr-arcep"]);
    const { events } = await readLedger(ledgerPath);
    expect(events.filter((e) => e.type === "bounced")).toMatchObject([
      { contact: "ar-mincom", kind: "hard", reason: "rejected-sender", permanent: false },
      { contact: "fr-arcep", kind: "hard", reason: "unknown-recipient", permanent: true },
    ]);
    const directory = await readDirectory(directoryPath);
    expect(directory.contacts.find((c) => c.id === "ar-mincom")?.status).toBe("active");
    expect(directory.contacts.find((c) => c.id === "fr-arcep")?.status).toBe("bounced");
    const fold = createStatusFold(CAMPAIGN);
    for (const e of events) fold.add(e);
    expect(fold.tracks.get("ar-mincom")?.hardBounce).toMatchObject({
      reason: "rejected-sender",
      permanent: false,
    });
    expect(fold.tracks.get("fr-arcep")?.hardBounce).toMatchObject({
      reason: "unknown-recipient",
      permanent: true,
    });
    expect(detailOf(fold.tracks.get("ar-mincom"))).toContain("zen.spamhaus.example");
    expect(await readFile(ledgerPath, "utf8")).not.toContain('"verified":false');
  });
});

const KEY_HEX = Buffer.alloc(32, 5).toString("hex");
