/**
 * The real-mail corpus (tests/inbox/fixtures/bounce-corpus, see its README): 128 messages from many mail
 * servers, each read and matched against a test campaign whose directory holds every failed recipient
 * (invented ids, the corpus' addresses) and the senders of its automatic answers. The expected results
 * (expected.json) were written by reading each message. These reports quote none of our keyed
 * Message-IDs, so every match is unverified: this measures reading and matching (pure functions), not the
 * state change.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { contactSchema } from "../../src/contacts/contact-schema.js";
import { readDirectory, writeDirectory } from "../../src/contacts/directory-store.fs.js";
import { ManualClock } from "../../src/core/clock.js";
import { classifyInbound, type Classification } from "../../src/inbox/classify-inbound.js";
import { importInbox } from "../../src/inbox/import-inbox.fs.js";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import { makeTempDir } from "../helpers/cli.js";
import { buildContactIndex } from "../../src/inbox/contact-index.js";
import type { InboundMessage } from "../../src/inbox/inbound-message.js";
import { parseInbound } from "../../src/inbox/parse-inbound.js";
import { readInbound, type InboundReading } from "../../src/inbox/read-inbound.js";
import type { ContactIndex } from "../../src/inbox/match-contact.js";

const CORPUS = join(import.meta.dirname, "fixtures", "bounce-corpus");

interface Expected {
  kind: "bounce" | "delay" | "delivery-notice" | "auto-reply" | "complaint" | "reply" | "other";
  recipients?: string[];
  reported?: string[];
  reason?: string;
  permanent?: boolean;
  note?: string;
}

const { files: EXPECTED } = JSON.parse(await readFile(join(CORPUS, "expected.json"), "utf8")) as {
  files: Record<string, Expected>;
};

interface Read {
  message: InboundMessage;
  reading: InboundReading;
  classification: Classification;
}
const read = new Map<string, Read>();
/** Address → invented contact id: every expected recipient, and the sender of every automatic answer. */
const contactOf = new Map<string, string>();

beforeAll(async () => {
  const messages = new Map<string, InboundMessage>();
  for (const file of Object.keys(EXPECTED))
    messages.set(file, await parseInbound(await readFile(join(CORPUS, file)), file));
  const addresses = new Set<string>();
  for (const [file, want] of Object.entries(EXPECTED)) {
    for (const a of want.recipients ?? []) addresses.add(a);
    const from = messages.get(file)?.fromAddress;
    if ((want.kind === "auto-reply" || want.kind === "reply") && from) addresses.add(from);
  }
  [...addresses]
    .sort()
    .forEach((email, i) => contactOf.set(email, `zz-corpus-${String(i).padStart(3, "0")}`));
  const index: ContactIndex = buildContactIndex(
    "corpus-test",
    [...contactOf].map(([email, contactId]) => ({ contactId, email })),
  );
  for (const [file, message] of messages)
    read.set(file, {
      message,
      reading: readInbound(message),
      classification: classifyInbound(message, index),
    });
}, 60_000);

/** What the reading says the message is, in the words of expected.json. */
function kindOf(reading: InboundReading): string {
  if (reading.kind === "bounce")
    return reading.bounce.failed.every((f) => f.kind === "soft") ? "delay" : "bounce";
  if (reading.kind === "message") return "other";
  return reading.kind;
}

function get(file: string): Read {
  const r = read.get(file);
  if (!r) throw new Error(`${file} was not read`);
  return r;
}

/** Expected recipients and, per recipient, whether the right contact was matched and the reason is right. */
function scoreRecipients(): { recipients: number; matched: number; reasonRight: number; misses: string[] } {
  let recipients = 0;
  let matched = 0;
  let reasonRight = 0;
  const misses: string[] = [];
  for (const [file, want] of Object.entries(EXPECTED)) {
    const { classification: c } = get(file);
    for (const address of want.recipients ?? []) {
      recipients += 1;
      const match =
        c.kind === "bounce" ? c.recipients.find((r) => r.contact === contactOf.get(address)) : undefined;
      if (match) matched += 1;
      else misses.push(`${file}: ${address} not matched (${c.kind})`);
      if (match?.bounce.reason === want.reason) reasonRight += 1;
      else if (match)
        misses.push(`${file}: ${address} reason ${match.bounce.reason}, expected ${want.reason}`);
    }
  }
  return { recipients, matched, reasonRight, misses };
}

describe("real-mail corpus", () => {
  it("expected.json covers every message of the corpus, and nothing else", async () => {
    const files = (await readdir(CORPUS)).filter((f) => f.endsWith(".msg")).sort();
    expect(files).toHaveLength(128);
    expect(Object.keys(EXPECTED).sort()).toEqual(files);
  });

  it.each(Object.keys(EXPECTED))("%s is read as what it is", (file) => {
    const want = EXPECTED[file];
    const { reading } = get(file);
    expect(kindOf(reading)).toBe(want?.kind);
    if (reading.kind !== "bounce" || !want) return;
    // Every failed recipient the report names is one the reader of the message named.
    const named = new Set([...(want.recipients ?? []), ...(want.reported ?? [])]);
    for (const f of reading.bounce.failed) if (f.address) expect(named).toContain(f.original ?? f.address);
  });

  it("matches at least 97% of the failed recipients to the right contact, with the right reason for at least 90%", () => {
    const { recipients, matched, reasonRight, misses } = scoreRecipients();
    expect(recipients).toBeGreaterThan(110);
    expect(matched / recipients, misses.join("\n")).toBeGreaterThanOrEqual(0.97);
    expect(reasonRight / recipients, misses.join("\n")).toBeGreaterThanOrEqual(0.9);
  });

  it("never calls a bounce permanent that is not (a dead address is the only reason to stop writing)", () => {
    const wrong = Object.entries(EXPECTED).flatMap(([file, want]) => {
      const { classification: c } = get(file);
      if (c.kind !== "bounce" || want.permanent !== false) return [];
      return c.recipients
        .filter((r) => r.bounce.permanent)
        .map((r) => `${file}: ${r.contact} ${r.bounce.reason}`);
    });
    expect(wrong).toEqual([]);
  });

  it("records no delivery notice as a bounce, and no automatic answer or complaint as a reply", () => {
    const wrong = Object.entries(EXPECTED).flatMap(([file, want]) => {
      const { classification: c } = get(file);
      if (want.kind === "delivery-notice" && c.kind === "bounce") return [`${file}: bounce`];
      if ((want.kind === "auto-reply" || want.kind === "complaint") && c.kind === "reply")
        return [`${file}: reply`];
      if (want.kind === "auto-reply" && c.kind !== "auto-reply") return [`${file}: ${c.kind}`];
      return [];
    });
    expect(wrong).toEqual([]);
  });

  it("matches by address only: nothing in the corpus quotes our keyed Message-IDs, so nothing is verified", () => {
    for (const { classification: c } of read.values()) {
      if (c.kind === "bounce") for (const r of c.recipients) expect(r.verified).toBe(false);
    }
  });

  it("imported end to end into a test campaign: every failed recipient recorded, unverified, the directory untouched", async () => {
    const dir = await makeTempDir("outreach-corpus-");
    const directoryPath = join(dir, "directory.csv");
    const contacts = [...contactOf].map(([email, id]) =>
      contactSchema.parse({
        id,
        country: "ZZ",
        organisation: "Corpus",
        email,
        language: "en",
        source: "test",
      }),
    );
    await writeDirectory(directoryPath, contacts);
    const result = await importInbox({
      ledgerPath: join(dir, "ledger.jsonl"),
      directoryPath,
      campaign: "corpus-test",
      targets: [...contactOf].map(([email, contactId]) => ({ contactId, email })),
      mailboxes: [CORPUS],
      clock: new ManualClock(Date.UTC(2026, 10, 10)),
    });
    expect(result.messages).toBe(128);
    const { events } = await readLedger(join(dir, "ledger.jsonl"));
    const bounced = events.filter((e) => e.type === "bounced");
    const expectedRecipients = new Set(Object.values(EXPECTED).flatMap((w) => w.recipients ?? []));
    expect(new Set(bounced.map((e) => e.contact)).size).toBe(expectedRecipients.size);
    expect(bounced.every((e) => e.verified === false)).toBe(true);
    expect(events.filter((e) => e.type === "replied")).toEqual([]);
    expect(result.directoryUpdated).toEqual([]);
    expect((await readDirectory(directoryPath)).contacts.every((c) => c.status === "active")).toBe(true);
  });
});
