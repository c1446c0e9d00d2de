import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import { classifyInbound, type Classification, type ContactIndex } from "../../src/inbox/classify-inbound.js";
import { buildContactIndex } from "../../src/inbox/contact-index.js";
import { parseInbound } from "../../src/inbox/parse-inbound.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const MAILBOX = join(FIXTURES, "mailbox", "cur");

/** What each fixture must become: kind, contact, and for bounces hard/soft. */
const EXPECTED: Record<
  string,
  {
    kind: Classification["kind"];
    contact?: string;
    bounce?: "hard" | "soft";
    matchedBy?: string;
    /** Default true for matched messages: only an id we sent or a valid tag proves a report is ours. */
    verified?: boolean;
  }
> = {
  "01-rfc3464.eml": { kind: "bounce", contact: "fr-arcep", bounce: "hard", matchedBy: "message-id" },
  "02-postfix.eml": { kind: "bounce", contact: "ar-mincom", bounce: "hard", matchedBy: "message-id" },
  "03-exim.eml": { kind: "bounce", contact: "th-mdes", bounce: "hard", matchedBy: "message-id" },
  "04-exchange.eml": { kind: "bounce", contact: "pk-moitt", bounce: "hard", matchedBy: "message-id" },
  "05-gmail.eml": { kind: "bounce", contact: "bd-ptd", bounce: "hard", matchedBy: "message-id" },
  "06-outlook.eml": { kind: "bounce", contact: "cn-miit", bounce: "hard", matchedBy: "message-id" },
  "07-qmail.eml": { kind: "bounce", contact: "ke-ca", bounce: "hard", matchedBy: "message-id" },
  "08-sendmail.eml": { kind: "bounce", contact: "br-mcom", bounce: "hard", matchedBy: "message-id" },
  "09-delay-soft.eml": { kind: "bounce", contact: "mx-sct", bounce: "soft", matchedBy: "message-id" },
  "10-outreach-header-only.eml": {
    kind: "bounce",
    contact: "de-bmdv",
    bounce: "hard",
    matchedBy: "outreach-header",
    verified: false,
  },
  "11-final-recipient-only.eml": {
    kind: "bounce",
    contact: "es-mineco",
    bounce: "hard",
    matchedBy: "final-recipient",
    verified: false,
  },
  "20-auto-en.eml": { kind: "auto-reply", contact: "gb-dcms" },
  "21-auto-es.eml": { kind: "auto-reply", contact: "uy-miem" },
  "22-auto-fr.eml": { kind: "auto-reply", contact: "sn-mpt", matchedBy: "sender" },
  "23-auto-zh.eml": { kind: "auto-reply", contact: "sg-imda" },
  "24-auto-th.eml": { kind: "auto-reply", contact: "th-nbtc" },
  "25-auto-ur.eml": { kind: "auto-reply", contact: "pk-pta" },
  "26-auto-bn.eml": { kind: "auto-reply", contact: "bd-btrc" },
  "30-reply-in-reply-to.eml": { kind: "reply", contact: "ar-enacom", matchedBy: "in-reply-to" },
  "31-reply-references.eml": { kind: "reply", contact: "fr-dge", matchedBy: "references" },
  "32-reply-in-reply-to.eml": { kind: "reply", contact: "in-dot", matchedBy: "in-reply-to" },
  "33-reply-references-chain.eml": { kind: "reply", contact: "ng-ncc", matchedBy: "references" },
  "34-reply-no-headers.eml": { kind: "reply", contact: "jp-mic", matchedBy: "sender" },
  "40-unrelated-newsletter.eml": { kind: "unmatched" },
  "41-unrelated-person.eml": { kind: "unmatched" },
  "42-unrelated-bounce.eml": { kind: "unmatched" },
};

let index: ContactIndex;
beforeAll(async () => {
  const { events } = await readLedger(join(FIXTURES, "ledger.jsonl"));
  index = buildContactIndex("wcit-test", [], events);
});

describe("fixture mailbox classification", () => {
  it("has a fixture for every expected message and nothing else", async () => {
    expect((await readdir(MAILBOX)).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, want] of Object.entries(EXPECTED)) {
    it(`${file} → ${want.kind} ${want.contact ?? ""}`, async () => {
      const message = await parseInbound(await readFile(join(MAILBOX, file)), file);
      const got = classifyInbound(message, index);
      expect(got.kind).toBe(want.kind);
      if (got.kind !== "unmatched") {
        expect(got.contact).toBe(want.contact);
        if (want.matchedBy) expect(got.matchedBy).toBe(want.matchedBy);
        expect(got.verified).toBe(want.verified ?? true);
      }
      if (got.kind === "bounce") expect(got.bounce.kind).toBe(want.bounce);
    });
  }

  it("reads the enhanced status code and diagnostic of a standard report", async () => {
    const message = await parseInbound(await readFile(join(MAILBOX, "02-postfix.eml")), "02");
    const got = classifyInbound(message, index);
    if (got.kind !== "bounce") throw new Error("expected a bounce");
    expect(got.bounce.status).toBe("5.1.1");
    expect(got.bounce.diagnostic).toContain("User unknown");
    expect(got.bounce.shape).toBe("dsn");
  });

  it("a bounce of a message that is not ours is unmatched, not dropped", async () => {
    const message = await parseInbound(await readFile(join(MAILBOX, "42-unrelated-bounce.eml")), "42");
    const got = classifyInbound(message, index);
    expect(got).toMatchObject({ kind: "unmatched", looksLike: "bounce" });
  });
});

describe("messages about another campaign", () => {
  const parse = (text: string) => parseInbound(Buffer.from(text), "inline");

  it("a reply to another campaign's message is not pinned on this one through the sender", async () => {
    const message = await parse(
      [
        "From: Pablo Ruiz <pablo@enacom.gob.test>",
        "To: letters@coalition.example",
        "Subject: Re: last year's letter",
        "Message-ID: <reply-x@enacom.gob.test>",
        "In-Reply-To: <wcit-2011.c-0123456789abcdef@outreach.coalition.example>",
        "",
        "Thanks.",
        "",
      ].join("\n"),
    );
    expect(classifyInbound(message, index)).toMatchObject({ kind: "unmatched", looksLike: "reply" });
  });

  it("a bounce quoting another campaign's header is not matched by its final recipient", async () => {
    const message = await parse(
      [
        "From: Mail Delivery System <MAILER-DAEMON@mx.mineco.test>",
        "To: letters@coalition.example",
        "Subject: Undelivered Mail Returned to Sender",
        "Message-ID: <dsn-x@mx.mineco.test>",
        "",
        "<maria@mineco.test>: 550 5.1.1 User unknown",
        "",
        "X-Outreach-Campaign: wcit-2011",
        "X-Outreach-Contact: es-mineco",
        "",
      ].join("\n"),
    );
    expect(classifyInbound(message, index)).toMatchObject({ kind: "unmatched", looksLike: "bounce" });
  });
});
