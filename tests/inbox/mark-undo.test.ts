/**
 * `outreach mark … sent|not-sent` settles an uncertain message; `--undo` / `unmark` takes a mark back.
 * Whole-CLI runs on a copy of the example workspace, one of them as a real child process.
 */
import { readFile, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { readDirectory } from "../../src/contacts/directory-store.fs.js";
import { ManualClock } from "../../src/core/clock.js";
import { workspacePaths, type WorkspacePaths } from "../../src/core/workspace.js";
import { foldLedger } from "../../src/ledger/fold-ledger.js";
import type { LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import { appendLedgerEvents, readLedger } from "../../src/ledger/ledger-file.fs.js";
import { readLastSentElsewhere } from "../../src/send/recent-contacts.fs.js";
import { selectRecipients } from "../../src/send/select-recipients.js";
import { copyExampleWorkspace, runChild, runInProcess } from "../helpers/cli.js";

const CAMPAIGN = "wcit-2012";
const ATTEMPT_AT = "2012-11-20T10:00:00.000Z";
let ws: string;
let paths: WorkspacePaths;
let ke: { id: string; email: string };
let clock: ManualClock;

const attempt = (contact: string, n = 1, at = ATTEMPT_AT): LedgerEvent => ({
  type: "attempt",
  at,
  campaign: CAMPAIGN,
  contact,
  messageId: `<${CAMPAIGN}.${contact}@outreach.coalition.example>`,
  language: "en",
  revision: "r1",
  attempt: n,
  email: `${contact}@ministry.example`,
  transport: "smtp",
});
const outcome = (
  type: "sent" | "failed",
  contact: string,
  response: string,
  n = 1,
  at = "2012-11-20T10:00:01.000Z",
): LedgerEvent => {
  const { transport: _transport, ...message } = attempt(contact, n) as Extract<
    LedgerEvent,
    { type: "attempt" }
  >;
  return { ...message, type, response, at };
};

async function run(...args: string[]) {
  clock.advance(1000);
  return runInProcess(args, { workspace: ws, clock });
}

async function stateOf(contact: string): Promise<string | undefined> {
  const status = await runInProcess(["status", CAMPAIGN, "--format", "json"], { workspace: ws });
  expect(status.code).toBe(0);
  const parsed = JSON.parse(status.stdout) as { contacts: { contact: string; state: string }[] };
  return parsed.contacts.find((c) => c.contact === contact)?.state;
}

beforeEach(async () => {
  ws = await copyExampleWorkspace();
  paths = workspacePaths(ws);
  const contact = (await readDirectory(paths.directory)).contacts.find((c) => c.country === "KE" && c.email);
  if (!contact) throw new Error("example needs a KE contact");
  ke = contact;
  clock = new ManualClock(Date.parse("2012-11-21T09:00:00Z"));
});

describe("mark sent / not-sent, and --undo", () => {
  it("acceptance: uncertain → mark sent → sent → --undo → uncertain (real CLI process)", async () => {
    await appendLedgerEvents(paths.ledger(CAMPAIGN), [attempt(ke.id)]);
    expect(await stateOf(ke.id)).toBe("uncertain");

    const marked = await runChild(["mark", CAMPAIGN, ke.id, "sent", "--note", "server log shows 250"], {
      cwd: ws,
    });
    expect(marked.stderr).toContain(`marked ${ke.id} sent (attempt 1)`);
    expect(marked.code).toBe(0);
    expect(await stateOf(ke.id)).toBe("sent");

    const undone = await runChild(["mark", CAMPAIGN, ke.id, "--undo"], { cwd: ws });
    expect(undone.code).toBe(0);
    expect(undone.stderr).toContain("status: uncertain");
    expect(await stateOf(ke.id)).toBe("uncertain");

    const { events } = await readLedger(paths.ledger(CAMPAIGN));
    expect(events.map((e) => e.type)).toEqual(["attempt", "marked", "unmarked"]);
    const mark = events[1];
    expect(mark).toMatchObject({
      outcome: "sent",
      attempt: 1,
      date: ATTEMPT_AT,
      note: "server log shows 250",
    });
    expect(events[2]).toMatchObject({ outcome: "sent", markedAt: mark?.at });
  });

  it("a mark sent keeps the contact from being sent again, in this campaign and for etiquette elsewhere", async () => {
    await appendLedgerEvents(paths.ledger(CAMPAIGN), [attempt(ke.id)]);
    expect((await run("mark", CAMPAIGN, ke.id, "sent")).code).toBe(0);
    const recipient = { contactId: ke.id, country: "KE", language: "en", email: ke.email, status: "active" };
    const options = {
      now: clock.now(),
      retryUncertain: true,
      minDaysBetweenCampaigns: 0,
      lastSentElsewhere: new Map(),
    };
    const fold = foldLedger((await readLedger(paths.ledger(CAMPAIGN))).events);
    const selection = selectRecipients([recipient], fold, options);
    expect(selection.jobs).toEqual([]);
    expect(selection.alreadySent).toBe(1);
    expect((await readLastSentElsewhere(paths, "another-campaign")).get(ke.id)).toEqual({
      campaign: CAMPAIGN,
      at: Date.parse(ATTEMPT_AT),
    });

    expect((await run("unmark", CAMPAIGN, ke.id)).code).toBe(0);
    expect((await readLastSentElsewhere(paths, "another-campaign")).has(ke.id)).toBe(false);
  });

  it("not-sent makes the contact planned and the next send makes attempt 2; undo goes back", async () => {
    await appendLedgerEvents(paths.ledger(CAMPAIGN), [attempt(ke.id)]);
    const marked = await run("mark", CAMPAIGN, ke.id, "not-sent", "--note", "not in the relay log");
    expect(marked.code).toBe(0);
    expect(await stateOf(ke.id)).toBe("planned");
    const recipient = { contactId: ke.id, country: "KE", language: "en", email: ke.email, status: "active" };
    const fold = foldLedger((await readLedger(paths.ledger(CAMPAIGN))).events);
    const selection = selectRecipients([recipient], fold, {
      now: clock.now(),
      retryUncertain: false,
      minDaysBetweenCampaigns: 0,
      lastSentElsewhere: new Map(),
    });
    expect(selection.jobs.map((j) => [j.contactId, j.attempt])).toEqual([[ke.id, 2]]);
    expect(selection.uncertain).toEqual([]);

    expect((await run("mark", CAMPAIGN, ke.id, "--undo")).code).toBe(0);
    expect(await stateOf(ke.id)).toBe("uncertain");
  });

  it("after not-sent and a successful re-send, undoing the mark leaves the contact sent", async () => {
    await appendLedgerEvents(paths.ledger(CAMPAIGN), [attempt(ke.id)]);
    expect((await run("mark", CAMPAIGN, ke.id, "not-sent")).code).toBe(0);
    await appendLedgerEvents(paths.ledger(CAMPAIGN), [
      attempt(ke.id, 2, "2012-11-22T10:00:00.000Z"),
      outcome("sent", ke.id, "250 ok", 2, "2012-11-22T10:00:01.000Z"),
    ]);
    const undone = await run("mark", CAMPAIGN, ke.id, "--undo");
    expect(undone.code).toBe(0);
    expect(undone.stderr).toContain("send events recorded after that mark stand");
    expect(await stateOf(ke.id)).toBe("sent");
  });

  it("refuses sent / not-sent without an uncertain message, naming the state", async () => {
    const pending = await run("mark", CAMPAIGN, ke.id, "sent");
    expect(pending.code).toBe(2);
    expect(pending.stderr).toContain("E_MARK_NOT_UNCERTAIN");
    expect(pending.stderr).toMatch(/hint: .*is pending/);

    await appendLedgerEvents(paths.ledger(CAMPAIGN), [
      attempt(ke.id),
      outcome("failed", ke.id, "550 5.1.1 no"),
    ]);
    const failed = await run("mark", CAMPAIGN, ke.id, "not-sent");
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain("E_MARK_NOT_UNCERTAIN");
    expect(failed.stderr).toMatch(/hint: .*failed \(550 5\.1\.1 no\)/);
    expect((await readLedger(paths.ledger(CAMPAIGN))).events).toHaveLength(2);
  });

  it("marking the same thing twice adds nothing; after an undo the same mark is recorded again", async () => {
    await appendLedgerEvents(paths.ledger(CAMPAIGN), [attempt(ke.id)]);
    expect((await run("mark", CAMPAIGN, ke.id, "sent", "--note", "250")).code).toBe(0);
    const again = await run("mark", CAMPAIGN, ke.id, "sent", "--note", "250");
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("nothing added");
    expect((await run("mark", CAMPAIGN, ke.id, "--undo")).code).toBe(0);
    expect((await run("mark", CAMPAIGN, ke.id, "sent", "--note", "250")).code).toBe(0);
    expect(await stateOf(ke.id)).toBe("sent");
    const types = (await readLedger(paths.ledger(CAMPAIGN))).events.map((e) => e.type);
    expect(types).toEqual(["attempt", "marked", "unmarked", "marked"]);
  });

  it("repeated undo walks back, and then says there is nothing to undo", async () => {
    await appendLedgerEvents(paths.ledger(CAMPAIGN), [attempt(ke.id), outcome("sent", ke.id, "250 ok")]);
    expect((await run("mark", CAMPAIGN, ke.id, "wrong-contact")).code).toBe(0);
    expect((await run("mark", CAMPAIGN, ke.id, "replied", "--note", "by phone")).code).toBe(0);
    expect(await stateOf(ke.id)).toBe("replied");
    const first = await run("mark", CAMPAIGN, ke.id, "--undo");
    expect(first.stderr).toContain("took back the mark replied");
    expect(await stateOf(ke.id)).toBe("sent");
    const second = await run("unmark", CAMPAIGN, ke.id);
    expect(second.stderr).toContain("took back the mark wrong-contact");
    const none = await run("mark", CAMPAIGN, ke.id, "--undo");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("E_UNMARK_NOTHING");
    const usage = await run("mark", CAMPAIGN, ke.id);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("E_USAGE");
  });

  it("undoing do-not-contact puts the directory status back to what the mark replaced", async () => {
    const m = await run("mark", CAMPAIGN, ke.id, "do-not-contact");
    expect(m.stderr).toContain("is now do-not-contact");
    const status = async () =>
      (await readDirectory(paths.directory)).contacts.find((c) => c.id === ke.id)?.status;
    expect(await status()).toBe("do-not-contact");
    const { events } = await readLedger(paths.ledger(CAMPAIGN));
    expect(events[0]).toMatchObject({ outcome: "do-not-contact", previousStatus: "active" });
    const u = await run("mark", CAMPAIGN, ke.id, "do-not-contact", "--undo");
    expect(u.code).toBe(0);
    expect(u.stderr).toContain("is active again");
    expect(await status()).toBe("active");
    const fold = foldLedger((await readLedger(paths.ledger(CAMPAIGN))).events);
    expect(fold.get(ke.id)?.doNotContact).toBe(false);
  });

  it("undoing do-not-contact leaves the contact do-not-contact while a complaint stands", async () => {
    await appendLedgerEvents(paths.ledger(CAMPAIGN), [
      {
        type: "complaint",
        at: "2012-11-20T12:00:00.000Z",
        campaign: CAMPAIGN,
        contact: ke.id,
        source: "unsubscribe",
        from: ke.email,
        sourceMessageId: "<stop-1@ministry.example>",
      },
    ]);
    await run("mark", CAMPAIGN, ke.id, "do-not-contact");
    const u = await run("mark", CAMPAIGN, ke.id, "do-not-contact", "--undo");
    expect(u.code).toBe(0);
    expect((await readDirectory(paths.directory)).contacts.find((c) => c.id === ke.id)?.status).toBe(
      "do-not-contact",
    );
    const fold = foldLedger((await readLedger(paths.ledger(CAMPAIGN))).events);
    expect(fold.get(ke.id)?.doNotContact).toBe(true);
  });

  it("refuses delivered for a country without a partner group, with a hint", async () => {
    const run1 = await run("mark", CAMPAIGN, ke.id, "delivered");
    expect(run1.code).toBe(2);
    expect(run1.stderr).toContain("E_MARK_NO_PARTNER");
    expect(run1.stderr).toMatch(/hint: add the group to .*partners\.csv .*KE/);
    const ar = (await readDirectory(paths.directory)).contacts.find((c) => c.country === "AR");
    expect((await run("mark", CAMPAIGN, ar?.id ?? "", "delivered")).code).toBe(0);
  });

  it("refuses a send mark while a sender holds the campaign lock", async () => {
    await appendLedgerEvents(paths.ledger(CAMPAIGN), [attempt(ke.id)]);
    const lock = { pid: process.pid, host: hostname(), started: "2012-11-21T08:00:00Z", command: "send" };
    await writeFile(paths.lock(CAMPAIGN), JSON.stringify(lock) + "\n");
    const refused = await run("mark", CAMPAIGN, ke.id, "sent");
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("E_LOCK_HELD");
    expect(JSON.parse(await readFile(paths.lock(CAMPAIGN), "utf8"))).toEqual(lock);
  });

  it("a partner's CSV cannot say sent or not-sent", async () => {
    const ar = (await readDirectory(paths.directory)).contacts.find((c) => c.country === "AR");
    const csv = join(ws, "returned.csv");
    await writeFile(csv, `contact_id,outcome\n${ar?.id},sent\n`);
    const imported = await run("partners", "import", CAMPAIGN, csv, "--partner", "cele");
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain(`${csv}:2 outcome:`);
    expect((await readLedger(paths.ledger(CAMPAIGN))).events).toEqual([]);
  });
});
