/**
 * One stranger's mail must not block the campaign (review of issue 14 item 1): a sign-on message whose
 * name is empty once stripped, or whose date is no calendar date, is reported as unreadable and never
 * written; a bad pending row that is in the file anyway (typed by hand) is a warning for plan and
 * preview, while the `signatories` commands that rewrite the file still refuse it.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { takeInSignatories } from "../../src/campaign/signatory-intake.js";
import { parseSignatoriesCsv, parseSignatoryEntries } from "../../src/campaign/signatory-schema.js";
import { parseInbound } from "../../src/inbox/parse-inbound.js";
import { readSignOnRequest } from "../../src/inbox/sign-on-request.js";
import { EXAMPLE_CAMPAIGN as ID } from "../campaign/edit-workspace.js";
import { copyExampleWorkspace, makeTempDir, runInProcess } from "../helpers/cli.js";

const SIGN_ON = "signon@coalition.example"; // the example campaign's replyTo

function message(id: string, subject: string, date: string, body = "Hello\n"): string {
  return [
    "From sender@example.test Wed Nov 14 10:00:00 2012",
    `Message-ID: <${id}@stranger.example>`,
    "From: A Stranger <someone@stranger.example>",
    `To: ${SIGN_ON}`,
    `Subject: ${subject}`,
    `Date: ${date}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\n");
}

async function reading(subject: string, date: string) {
  const raw = Buffer.from(message("one", subject, date).split("\n").slice(1).join("\r\n"));
  return readSignOnRequest(await parseInbound(raw, "inbox.mbox#1"), SIGN_ON, "2026-12-07");
}

describe("a stranger's sign-on mail", () => {
  it("with no name left after stripping is unreadable, not a request with an empty name", async () => {
    const r = await reading("Sign-on: ...", "Wed, 14 Nov 2012 10:00:00 +0000");
    expect(r.kind).toBe("unreadable");
  });

  it("with a Date that is no calendar date is dated today, not +020000-01", async () => {
    const r = await reading("Sign-on: Example Stranger Group", "Sat, 1 Jan 20000 10:00:00 +0000");
    expect(r.kind === "request" && r.proposal.signed).toBe("2026-12-07");
  });

  it("is dated on the machine's calendar day, not UTC's", async () => {
    const raw = Buffer.from(
      message("tz", "Sign-on: Example Manila Group", "Tue, 13 Nov 2012 23:30:00 +0000")
        .split("\n")
        .slice(1)
        .join("\r\n"),
    );
    const m = await parseInbound(raw, "inbox.mbox#1");
    const r = readSignOnRequest(m, SIGN_ON, "2026-12-07", "Asia/Manila");
    expect(r.kind === "request" && r.proposal.signed).toBe("2012-11-14");
  });

  it("makes no row the next read would refuse: such a proposal is invalid, named by its origin", () => {
    const { entries } = parseSignatoryEntries(
      "organisation,country,signed\nKictanet,KE,2012-11-07\n",
      "s.csv",
    );
    const bad = [
      {
        organisation: "  ",
        country: "",
        signed: "2026-12-01",
        source: "mail:<a@x.example>",
        origin: "in.mbox#1",
      },
      {
        organisation: "Far Future",
        country: "",
        signed: "+020000-01",
        source: "mail:<b@x.example>",
        origin: "in.mbox#2",
      },
    ];
    const { entries: out, results } = takeInSignatories(entries, bad);
    expect(out).toEqual(entries);
    expect(results.map((r) => r.outcome)).toEqual(["invalid", "invalid"]);
    expect(
      results.flatMap((r) => (r.outcome === "invalid" ? r.problems.map((p) => `${p.file} ${p.field}`) : [])),
    ).toEqual(["in.mbox#1 organisation", "in.mbox#2 signed"]);
  });
});

describe("the campaign with such requests", () => {
  it("`signatories inbox` reports them unreadable and leaves a file plan, preview and approve can read", async () => {
    const ws = await copyExampleWorkspace();
    const mbox = join(await makeTempDir(), "sign-on.mbox");
    await writeFile(
      mbox,
      message("empty", "Sign-on: ...", "Wed, 14 Nov 2012 10:00:00 +0000") +
        message("future", "Sign-on: Example Future Group", "Sat, 1 Jan 20000 10:00:00 +0000"),
    );
    const inbox = await runInProcess(["signatories", "inbox", ID, mbox, "--format", "json"], {
      workspace: ws,
    });
    expect(inbox.code, inbox.stderr).toBe(0);
    const results = (JSON.parse(inbox.stdout) as { results: { outcome: string; from: string }[] }).results;
    expect(results.map((r) => [r.outcome, r.from])).toEqual([
      ["added", "sign-on.mbox#2"],
      ["unreadable", "sign-on.mbox#1"],
    ]);
    const plan = await runInProcess(["plan", ID], { workspace: ws });
    expect(plan.code, plan.stderr).toBe(0);
    const approve = await runInProcess(["signatories", "approve", ID, "--all-pending"], { workspace: ws });
    expect(approve.code, approve.stderr).toBe(0);
  });

  it("a bad pending row typed into the file is a warning for plan and preview, an error for approve", async () => {
    const ws = await copyExampleWorkspace();
    const file = join(ws, "campaigns", ID, "signatories.csv");
    const text = (await readFile(file, "utf8")).replace(/\n$/, "").split("\n");
    const upgraded = [
      `${text[0]},status`,
      ...text.slice(1).map((l) => `${l},approved`),
      ",,2026-12-01,pending",
      "Example Future Group,,+020000-01,pending",
    ].join("\n");
    await writeFile(file, `${upgraded}\n`);
    expect(parseSignatoriesCsv(upgraded, "signatories.csv").signatories).toHaveLength(text.length - 1);

    const plan = await runInProcess(["plan", ID], { workspace: ws });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).toMatch(/signatories\.csv:49 signed: .*pending row that cannot be read/);
    const preview = await runInProcess(["preview", ID], { workspace: ws });
    expect(preview.code, preview.stderr).toBe(0);

    const list = await runInProcess(["signatories", "list", ID], { workspace: ws });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stderr).toMatch(/warning: .*signatories\.csv:48 organisation/);
    const approve = await runInProcess(["signatories", "approve", ID, "kictanet"], { workspace: ws });
    expect(approve.code).toBe(2);
    expect(approve.stderr).toContain("E_SIGNATORIES_INVALID");
    expect(await readFile(file, "utf8")).toBe(`${upgraded}\n`);
  });
});
