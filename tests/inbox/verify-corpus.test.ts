/**
 * Verification against real delivery reports (tests/inbox/fixtures/corpus, copied from the shared
 * bounce-parser corpus): a report
 * that quotes the Message-ID our ledger records for the contact is a verified bounce; the same report
 * when the ledger records no such message (a forger who knows only the address) is unverified.
 * Expected values written from reading each message.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import { classifyInbound } from "../../src/inbox/classify-inbound.js";
import { buildContactIndex } from "../../src/inbox/contact-index.js";
import { parseInbound } from "../../src/inbox/parse-inbound.js";
import { REPO_ROOT } from "../helpers/cli.js";

const CORPUS = join(REPO_ROOT, "tests", "inbox", "fixtures", "corpus");

/** File → the failed recipient and the Message-ID of the original message quoted in the report. */
const REPORTS: Record<string, { recipient: string; original: string }> = {
  "postfix.msg": {
    recipient: "bounce@dest.example.com",
    original: "<20060527213404.GN13012@mta.domain-1.com>",
  },
  "gmail-via-sendmail.unknown.msg": {
    recipient: "recipient@example.net",
    original: "<200608011745.k71Hj05k026361@somehost.example.com>",
  },
  "mailbox-unknown.msg": {
    recipient: "recipient@example.net",
    original: "<20100813135242.A11DDB5819F@server2.example.co.uk>",
  },
  "exchange.unknown.msg": {
    recipient: "recipient@example.net",
    original: "<200602150853.k1F8rvvX006268@somehost.example.com>",
  },
  "qmail.unknown.msg": {
    recipient: "recipient@example.net",
    original: "<200608282008.k7SK8Bbu032023@somehost.example.com>",
  },
};

const KEY = Buffer.alloc(32, 3);

function sentEvent(email: string, messageId: string): LedgerEvent {
  return {
    at: "2006-01-01T00:00:00.000Z",
    type: "sent",
    campaign: "c1",
    contact: "xx-1",
    messageId,
    language: "en",
    revision: "r1",
    attempt: 1,
    email,
    response: "250 ok",
  };
}

describe("real delivery reports", () => {
  for (const [file, want] of Object.entries(REPORTS)) {
    it(`${file}: verified through the quoted original Message-ID, unverified by address alone`, async () => {
      const message = await parseInbound(await readFile(join(CORPUS, file)), file);
      const ours = classifyInbound(
        message,
        buildContactIndex("c1", [], [sentEvent(want.recipient, want.original)], KEY),
      );
      expect(ours).toMatchObject({
        kind: "bounce",
        contact: "xx-1",
        matchedBy: "message-id",
        verified: true,
      });
      const forged = classifyInbound(
        message,
        buildContactIndex(
          "c1",
          [],
          [sentEvent(want.recipient, "<c1.c-0123456789abcdef.t-0123456789abcdef01234567@ours.example>")],
          KEY,
        ),
      );
      expect(forged).toMatchObject({
        kind: "bounce",
        contact: "xx-1",
        matchedBy: "final-recipient",
        verified: false,
      });
    });
  }
});
