/** The fetch state and plan of `inbox fetch`, and the fetched message as the import reads it: pure. */
import { describe, expect, it } from "vitest";
import { imapRawMessage, processedByFolder, unixLineEnds } from "../../src/inbox/imap-message.js";
import {
  EMPTY_IMAP_STATE,
  formatImapState,
  nextImapState,
  parseImapState,
  planFolderFetch,
} from "../../src/inbox/imap-state.js";
import type { ImportedItem } from "../../src/inbox/inbox-events.js";

const FILE = "campaigns/c/imap-state.json";

describe("the fetch plan of a folder", () => {
  it("reads a folder seen for the first time from its first message", () => {
    expect(planFolderFetch("INBOX", undefined, { uidValidity: 7, uidNext: 21, exists: 20 })).toEqual({
      folder: "INBOX",
      uidValidity: 7,
      fromUid: 1,
      reset: false,
      upToDate: false,
    });
  });

  it("asks only for UIDs above the last one imported, under the same UIDVALIDITY", () => {
    const plan = planFolderFetch(
      "INBOX",
      { uidValidity: 7, lastUid: 20 },
      { uidValidity: 7, uidNext: 24, exists: 23 },
    );
    expect(plan).toMatchObject({ fromUid: 21, reset: false, upToDate: false });
  });

  it("knows there is nothing new when UIDNEXT is not past the last UID, or the folder is empty", () => {
    const known = { uidValidity: 7, lastUid: 20 };
    expect(planFolderFetch("INBOX", known, { uidValidity: 7, uidNext: 21, exists: 20 }).upToDate).toBe(true);
    expect(planFolderFetch("INBOX", known, { uidValidity: 7, exists: 0 }).upToDate).toBe(true);
    // Without UIDNEXT the server is asked.
    expect(planFolderFetch("INBOX", known, { uidValidity: 7, exists: 20 }).upToDate).toBe(false);
  });

  it("reads the folder again from its first message when UIDVALIDITY changed", () => {
    const plan = planFolderFetch(
      "INBOX",
      { uidValidity: 7, lastUid: 20 },
      { uidValidity: 9, uidNext: 4, exists: 3 },
    );
    expect(plan).toMatchObject({ uidValidity: 9, fromUid: 1, reset: true, upToDate: false });
  });
});

describe("the fetch state file", () => {
  it("starts empty when there is no file", () => {
    expect(parseImapState(undefined, FILE)).toEqual({ state: EMPTY_IMAP_STATE, problems: [] });
  });

  it("reads back what it writes", () => {
    const state = nextImapState(EMPTY_IMAP_STATE, "u@h:993", [
      { folder: "INBOX", uidValidity: 7, lastUid: 20 },
      { folder: "Bounces", uidValidity: 3, lastUid: 0 },
    ]);
    expect(parseImapState(formatImapState(state), FILE)).toEqual({ state, problems: [] });
  });

  it("replaces only the folders of this run's account", () => {
    const before = nextImapState(
      nextImapState(EMPTY_IMAP_STATE, "other@h:993", [{ folder: "INBOX", uidValidity: 1, lastUid: 5 }]),
      "u@h:993",
      [
        { folder: "INBOX", uidValidity: 7, lastUid: 20 },
        { folder: "Old", uidValidity: 2, lastUid: 9 },
      ],
    );
    const after = nextImapState(before, "u@h:993", [{ folder: "INBOX", uidValidity: 7, lastUid: 23 }]);
    expect(after.accounts).toEqual({
      "other@h:993": { INBOX: { uidValidity: 1, lastUid: 5 } },
      "u@h:993": { INBOX: { uidValidity: 7, lastUid: 23 }, Old: { uidValidity: 2, lastUid: 9 } },
    });
  });

  it.each([
    ["not JSON", "{ nope", undefined],
    [
      "another shape",
      JSON.stringify({ version: 1, accounts: { a: { INBOX: { lastUid: -1 } } } }),
      "accounts.a.INBOX",
    ],
    ["a later version", JSON.stringify({ version: 2, accounts: {} }), "version"],
  ])("is a warning, and an empty state, when the file is %s", (_what, text, field) => {
    const { state, problems } = parseImapState(text, FILE);
    expect(state).toEqual(EMPTY_IMAP_STATE);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.severity === "warning" && p.file === FILE)).toBe(true);
    expect(problems[0]?.message).toMatch(/read again from its first message/);
    if (field) expect(problems.map((p) => p.field).join(" ")).toContain(field);
  });
});

describe("a fetched message", () => {
  it("is labelled by folder and UID, with LF line ends as a mail store on disk keeps it", () => {
    const raw = Buffer.from("Subject: x\r\nFrom: a@b.example\r\n\r\nbody é\r\nline\r\n", "utf8");
    const m = imapRawMessage("INBOX.Bounces", 42, raw);
    expect(m.source).toBe("INBOX.Bounces;UID=42");
    expect(m.raw.toString("utf8")).toBe("Subject: x\nFrom: a@b.example\n\nbody é\nline\n");
  });

  it("keeps a lone CR and the bytes of any charset as they are", () => {
    const bytes = Buffer.from([0x41, 0x0d, 0x42, 0x0d, 0x0a, 0xff, 0xfe, 0x0a]);
    expect([...unixLineEnds(bytes)]).toEqual([0x41, 0x0d, 0x42, 0x0a, 0xff, 0xfe, 0x0a]);
    const lf = Buffer.from("a\nb\n");
    expect(unixLineEnds(lf)).toBe(lf);
  });
});

describe("what --move-processed moves", () => {
  const item = (source: string, duplicate = false): ImportedItem => ({
    source,
    key: `<${source}>`,
    kind: "reply",
    contact: "gb-1",
    matchedBy: "in-reply-to",
    verified: true,
    subject: "Re",
    duplicate,
  });

  it("the recorded messages (also those recorded before), by folder, never an unmatched one", () => {
    const fetched = new Map([
      ["INBOX;UID=3", { folder: "INBOX", uidValidity: 7, uid: 3 }],
      ["INBOX;UID=1", { folder: "INBOX", uidValidity: 7, uid: 1 }],
      ["INBOX;UID=2", { folder: "INBOX", uidValidity: 7, uid: 2 }],
      ["Bounces;UID=9", { folder: "Bounces", uidValidity: 4, uid: 9 }],
    ]);
    const moved = processedByFolder(
      { imported: [item("INBOX;UID=3"), item("INBOX;UID=1", true), item("Bounces;UID=9"), item("x.mbox#1")] },
      fetched,
    );
    expect([...moved]).toEqual([
      ["INBOX", { uidValidity: 7, uids: [1, 3] }],
      ["Bounces", { uidValidity: 4, uids: [9] }],
    ]);
  });
});
