/** `mark`, `mark --undo` and `unmark` with `--format json`: one object on stdout saying what was done. */
import { beforeEach, describe, expect, it } from "vitest";
import { readDirectory } from "../../src/contacts/directory-store.fs.js";
import { ManualClock } from "../../src/core/clock.js";
import { workspacePaths } from "../../src/core/workspace.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

interface MarkJson {
  command: string;
  campaign: string;
  contact: string;
  recorded: boolean;
  events: { type: string; outcome: string; note?: string; markedAt?: string; at: string }[];
  mark?: { outcome: string; at: string };
  retracted?: { outcome: string; at: string };
  directory: { status: string } | null;
  status: { state: string; detail: string };
  problems: unknown[];
}

let ws: string;
let ar: string;
const clock = () => new ManualClock(Date.UTC(2012, 10, 20, 12));
const run = (...args: string[]) => runInProcess(args, { workspace: ws, clock: clock() });

beforeEach(async () => {
  ws = await copyExampleWorkspace();
  const { contacts } = await readDirectory(workspacePaths(ws).directory);
  ar = contacts.find((c) => c.country === "AR")?.id ?? "";
  expect(ar).not.toBe("");
});

describe("mark --format json", () => {
  it("prints the event recorded, the status after and the directory change; the text stays on stderr", async () => {
    const marked = await run(
      "mark",
      "wcit-2012",
      ar,
      "No contactar",
      "--note",
      "asked by phone",
      "--format",
      "json",
    );
    expect(marked.code).toBe(0);
    const out = JSON.parse(marked.stdout) as MarkJson;
    expect(out).toMatchObject({ command: "mark", campaign: "wcit-2012", contact: ar, recorded: true });
    expect(out.events.map((e) => [e.type, e.outcome, e.note])).toEqual([
      ["marked", "do-not-contact", "asked by phone"],
    ]);
    expect(out.directory).toEqual({ status: "do-not-contact" });
    expect(out.status.state).toBe("planned");
    expect(out.problems).toEqual([]);
    expect(marked.stderr).toContain(`marked ${ar} do-not-contact`);

    const again = JSON.parse(
      (await run("mark", "wcit-2012", ar, "do-not-contact", "--note", "asked by phone", "--format", "json"))
        .stdout,
    ) as MarkJson;
    expect(again.recorded).toBe(false);
    expect(again.events).toEqual([]);
    expect(again.mark?.outcome).toBe("do-not-contact");

    const undone = await run("mark", "wcit-2012", ar, "--undo", "--format", "json");
    expect(undone.code).toBe(0);
    const u = JSON.parse(undone.stdout) as MarkJson;
    expect(u.command).toBe("unmark");
    expect(u.events.map((e) => [e.type, e.outcome, e.markedAt])).toEqual([
      ["unmarked", "do-not-contact", out.events[0]?.at],
    ]);
    expect(u.retracted?.outcome).toBe("do-not-contact");
    expect(u.directory).toEqual({ status: "active" });
  });

  it("unmark --format json, and the default text prints nothing on stdout", async () => {
    const text = await run("mark", "wcit-2012", ar, "respondió", "--date", "2012-11-14");
    expect(text.code).toBe(0);
    expect(text.stdout).toBe("");
    expect(text.stderr).toContain("replied");
    const undone = await run("unmark", "wcit-2012", ar, "--format", "json");
    expect(undone.code).toBe(0);
    const u = JSON.parse(undone.stdout) as MarkJson;
    expect(u.retracted?.outcome).toBe("replied");
    expect(u.directory).toBeNull();
    expect(u.status.state).toBe("planned");
  });

  it("an error is still its code on stderr, exit 2, nothing on stdout", async () => {
    const bad = await run("mark", "wcit-2012", ar, "waved", "--format", "json");
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("E_MARK_OUTCOME");
    const format = await run("mark", "wcit-2012", ar, "replied", "--format", "yaml");
    expect(format.code).toBe(2);
    expect(format.stdout).toBe("");
  });
});
