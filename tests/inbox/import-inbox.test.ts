import { copyFile, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { contactSchema } from "../../src/contacts/contact-schema.js";
import { readDirectory, writeDirectory } from "../../src/contacts/directory-store.fs.js";
import { ManualClock } from "../../src/core/clock.js";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import { importInbox } from "../../src/inbox/import-inbox.fs.js";
import { joinMbox } from "../../src/inbox/split-mbox.js";
import { makeTempDir } from "../helpers/cli.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const MAILDIR = join(FIXTURES, "mailbox");

let dir: string;
let ledgerPath: string;
let directoryPath: string;

beforeEach(async () => {
  dir = await makeTempDir("outreach-inbox-");
  ledgerPath = join(dir, "ledger.jsonl");
  directoryPath = join(dir, "directory.csv");
  await copyFile(join(FIXTURES, "ledger.jsonl"), ledgerPath);
  const lines = (await readFile(join(FIXTURES, "contacts.csv"), "utf8")).trim().split("\n").slice(1);
  const contacts = lines.map((l) => {
    const [id, country, organisation, name, email, language] = l.split(",");
    return contactSchema.parse({ id, country, organisation, name, email, language, source: "test" });
  });
  await writeDirectory(directoryPath, contacts);
});

const run = (mailboxes: string[]) =>
  importInbox({
    ledgerPath,
    directoryPath,
    campaign: "wcit-test",
    targets: [],
    mailboxes,
    clock: new ManualClock(Date.UTC(2012, 10, 10)),
  });

describe("inbox import", () => {
  it("imports the fixture maildir: bounces, auto-replies and replies matched, unrelated listed", async () => {
    const result = await run([MAILDIR]);
    expect(result.messages).toBe(26);
    const kinds = (k: string) => result.imported.filter((i) => i.kind === k);
    expect(kinds("bounce")).toHaveLength(11);
    expect(kinds("auto-reply")).toHaveLength(7);
    expect(
      kinds("reply")
        .map((i) => i.contact)
        .sort(),
    ).toEqual(["ar-enacom", "fr-dge", "in-dot", "jp-mic", "ng-ncc"]);
    expect(result.unmatched.map((u) => u.source).sort()).toEqual([
      "mailbox/cur/40-unrelated-newsletter.eml",
      "mailbox/cur/41-unrelated-person.eml",
      "mailbox/cur/42-unrelated-bounce.eml",
    ]);
    const { events } = await readLedger(ledgerPath);
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === "bounced")).toHaveLength(11);
    expect(types.filter((t) => t === "auto-replied")).toHaveLength(7);
    expect(types.filter((t) => t === "replied")).toHaveLength(5);
    const reply = events.find((e) => e.type === "replied" && e.contact === "ar-enacom");
    expect(reply).toMatchObject({ from: "pablo@enacom.gob.test", date: "2012-11-06T14:00:00.000Z" });
    // Verified hard bounces (not the soft 4.4.1 delay) set the directory status. The two matched only by
    // an X-Outreach-Contact header or the recipient address (de-bmdv, es-mineco) could be forgeries: they
    // are recorded as unverified and leave the directory alone.
    expect(
      result.imported
        .filter((i) => !i.verified)
        .map((i) => i.contact)
        .sort(),
    ).toEqual(["de-bmdv", "es-mineco"]);
    expect(
      events
        .filter((e) => e.type === "bounced" && e.verified === false)
        .map((e) => e.contact)
        .sort(),
    ).toEqual(["de-bmdv", "es-mineco"]);
    expect(result.directoryUpdated.sort()).toEqual(
      ["ar-mincom", "br-mcom", "bd-ptd", "cn-miit", "fr-arcep", "ke-ca", "pk-moitt", "th-mdes"].sort(),
    );
    const directory = await readDirectory(directoryPath);
    expect(directory.contacts.find((c) => c.id === "mx-sct")?.status).toBe("active");
    expect(directory.contacts.find((c) => c.id === "fr-arcep")?.status).toBe("bounced");
    expect(directory.contacts.find((c) => c.id === "es-mineco")?.status).toBe("active");
    expect(directory.contacts).toHaveLength(23);
  });

  it("importing the same mailbox twice, or as an mbox, adds nothing", async () => {
    await run([MAILDIR]);
    const before = await readFile(ledgerPath, "utf8");
    const again = await run([MAILDIR]);
    expect(again.events).toHaveLength(0);
    expect(again.imported.every((i) => i.duplicate)).toBe(true);
    expect(again.unmatched).toHaveLength(3);
    const files = (await readdir(join(MAILDIR, "cur"))).sort();
    const mbox = join(dir, "inbox.mbox");
    await writeFile(
      mbox,
      joinMbox(await Promise.all(files.map(async (f) => ({ raw: await readFile(join(MAILDIR, "cur", f)) })))),
    );
    const asMbox = await run([mbox]);
    expect(asMbox.messages).toBe(26);
    expect(asMbox.events).toHaveLength(0);
    expect(await readFile(ledgerPath, "utf8")).toBe(before);
  });

  it("reads single .eml files and lists an unmatched one", async () => {
    const result = await run([
      join(MAILDIR, "cur", "30-reply-in-reply-to.eml"),
      join(MAILDIR, "cur", "41-unrelated-person.eml"),
    ]);
    expect(result.imported.map((i) => [i.kind, i.contact])).toEqual([["reply", "ar-enacom"]]);
    expect(result.unmatched.map((u) => u.source)).toEqual(["41-unrelated-person.eml"]);
  });

  it("a missing mailbox is an input error", async () => {
    await expect(run([join(dir, "nope.mbox")])).rejects.toMatchObject({ code: "E_MAILBOX_NOT_FOUND" });
  });
});
