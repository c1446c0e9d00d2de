import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { loadTrackedCampaign, targetsOf } from "../../src/campaign/campaign-targets.fs.js";
import { importInboxForCampaign } from "../../src/inbox/import-inbox.fs.js";
import { buildSampleInbox, SAMPLE_ROLES } from "../../src/inbox/sample-inbox.js";
import { copyExampleWorkspace, REPO_ROOT, runInProcess } from "../helpers/cli.js";

const SAMPLE = join(REPO_ROOT, "campaigns", "wcit-2012", "sample-inbox", "inbox.mbox");

describe("bundled sample mailbox", () => {
  it("is what the generator produces from the example campaign (regenerate: npx tsx scripts/generate-sample-inbox.ts)", async () => {
    // The committed file uses the unkeyed ids: the repository is not a workspace with a key (a local
    // `.outreach/secret` from trying `send` here must not make this test fail).
    const { plan } = await loadTrackedCampaign(REPO_ROOT, "wcit-2012");
    expect(buildSampleInbox(targetsOf(plan, "wcit-2012")).equals(await readFile(SAMPLE))).toBe(true);
  });

  it("imports into the example: every message matched to its contact, the newsletter unmatched", async () => {
    const ws = await copyExampleWorkspace();
    const result = await importInboxForCampaign(
      ws,
      "wcit-2012",
      [SAMPLE],
      new ManualClock(Date.UTC(2026, 11, 4)),
    );
    const got = Object.fromEntries(
      result.imported.map((i) => [i.contact, i.kind === "bounce" ? `${i.bounceKind} bounce` : i.kind]),
    );
    expect(got).toEqual({
      "de-47889c5502": "hard bounce",
      "mx-083226e4e9": "hard bounce",
      "za-0d82f3eeb5": "soft bounce",
      "fr-d80533d175": "auto-reply",
      "th-79207644e4": "auto-reply",
      "es-963898bdba": "auto-reply",
      "ar-19f0aeb27c": "reply",
      "ca-bbb0681a68": "reply",
      "pk-00a79158f9": "reply",
    });
    expect(Object.keys(SAMPLE_ROLES).sort()).toEqual(Object.keys(got).sort());
    expect(result.imported.every((i) => i.matchedBy !== "sender")).toBe(true);
    expect(result.unmatched.map((u) => u.from)).toEqual(["digest@news.example"]);
    // The committed sample quotes unkeyed ids and this workspace has neither a key nor a ledger: nothing
    // proves those messages were ours, so every match is a claim and the directory is left alone
    // (`outreach inbox sample` writes a mailbox for the workspace's own keyed ids; forgery-cli.test.ts).
    expect(result.imported.every((i) => !i.verified)).toBe(true);
    expect(result.directoryUpdated).toEqual([]);

    const again = await runInProcess(["inbox", "import", "wcit-2012", SAMPLE], { workspace: ws });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("9 already imported; 1 unmatched");
    expect(again.stdout).toContain("0 ledger events added");
  });
});
