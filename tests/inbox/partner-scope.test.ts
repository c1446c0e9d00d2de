/** `partners import --partner P`: a partner's CSV may record outcomes only for contacts of P's countries. */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDirectory } from "../../src/contacts/directory-store.fs.js";
import { ManualClock } from "../../src/core/clock.js";
import { workspacePaths } from "../../src/core/workspace.js";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

const clock = () => new ManualClock(Date.UTC(2012, 10, 20, 12));

describe("partners import stays in the partner's countries", () => {
  it("rejects rows for other countries' contacts with file:line, records the partner's own", async () => {
    const ws = await copyExampleWorkspace();
    const { contacts } = await readDirectory(workspacePaths(ws).directory);
    const ar = contacts.find((c) => c.country === "AR")?.id ?? "";
    const th = contacts.find((c) => c.country === "TH")?.id ?? "";
    const de = contacts.find((c) => c.country === "DE")?.id ?? "";
    expect([ar, th, de].every(Boolean)).toBe(true);
    const csv = join(ws, "cele-returned.csv");
    await writeFile(
      csv,
      [
        "contact_id,outcome,date,notes",
        `${ar},delivered,2012-11-12,in person`,
        `${th},do-not-contact,2012-11-12,`,
        `${de},replied,2012-11-13,`,
      ].join("\n") + "\n",
    );
    const run = await runInProcess(["partners", "import", "wcit-2012", csv, "--partner", "cele"], {
      workspace: ws,
      clock: clock(),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${csv}:3 contact_id: [E_PARTNER_SCOPE] contact "${th}" is in TH`);
    expect(run.stderr).toContain(`${csv}:4 contact_id: [E_PARTNER_SCOPE]`);
    expect(run.stdout).toContain("1 outcomes recorded");
    expect(run.stdout).toContain("2 row(s) rejected");
    const { events } = await readLedger(workspacePaths(ws).ledger("wcit-2012"));
    expect(events.map((e) => e.contact)).toEqual([ar]);
    // The out-of-scope do-not-contact did not reach the directory either.
    const after = await readDirectory(workspacePaths(ws).directory);
    expect(after.contacts.find((c) => c.id === th)?.status).toBe("active");

    // Without --partner the organiser imports on their own authority: no country limit.
    const own = await runInProcess(["partners", "import", "wcit-2012", csv], {
      workspace: ws,
      clock: clock(),
    });
    expect(own.code).toBe(0);
    expect(own.stdout).toContain("2 outcomes recorded, 1 already recorded");
  });
});
