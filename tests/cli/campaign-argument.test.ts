/**
 * Issue 12 item 2: every campaign argument takes the id or the folder shell completion types
 * (`campaigns/<id>`, `campaigns/<id>/`, `./campaigns/<id>`); a path to another folder is a usage error.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCampaignArgument } from "../../src/cli/define-command.js";
import type { OutreachError } from "../../src/core/errors.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

const WS = "/srv/coalition";

function codeOf(value: string, cwd = WS): string | undefined {
  try {
    parseCampaignArgument(value, WS, cwd);
    return undefined;
  } catch (e) {
    return (e as OutreachError).code;
  }
}

describe("parseCampaignArgument", () => {
  it("takes the id, or campaigns/<id> with or without ./ and trailing slashes", () => {
    for (const typed of [
      "wcit-2012",
      "campaigns/wcit-2012",
      "campaigns/wcit-2012/",
      "./campaigns/wcit-2012",
      "./campaigns/wcit-2012//",
    ]) {
      expect(parseCampaignArgument(typed, WS, "/home/someone"), typed).toBe("wcit-2012");
    }
  });

  it("takes any path to a folder directly under the workspace's campaigns/", () => {
    expect(parseCampaignArgument(`${WS}/campaigns/wcit-2012/`, WS, "/tmp")).toBe("wcit-2012");
    expect(parseCampaignArgument("../campaigns/wcit-2012", WS, `${WS}/templates`)).toBe("wcit-2012");
    expect(parseCampaignArgument("./wcit-2012", WS, `${WS}/campaigns`)).toBe("wcit-2012");
  });

  it("refuses a path to any other folder with E_USAGE", () => {
    expect(codeOf("../other/campaigns/wcit-2012")).toBe("E_USAGE");
    expect(codeOf("/tmp/wcit-2012")).toBe("E_USAGE");
    expect(codeOf("campaigns/wcit-2012/outbox")).toBe("E_USAGE");
    expect(codeOf("templates/wcit-2012")).toBe("E_USAGE");
    expect(codeOf("./wcit-2012", "/home/someone")).toBe("E_USAGE");
  });
});

describe("the campaign argument on the command line", () => {
  it("status, plan and report accept campaigns/<id>/ as they accept <id>", async () => {
    const ws = await copyExampleWorkspace();
    const byId = await runInProcess(["status", "wcit-2012", "--format", "json"], { workspace: ws });
    expect(byId.code).toBe(0);
    for (const typed of [
      "campaigns/wcit-2012/",
      "./campaigns/wcit-2012",
      join(ws, "campaigns", "wcit-2012"),
    ]) {
      const run = await runInProcess(["status", typed, "--format", "json"], { workspace: ws });
      expect(run.code, typed).toBe(0);
      expect(run.stdout, typed).toBe(byId.stdout);
    }
    expect(
      (await runInProcess(["plan", "campaigns/wcit-2012/", "--format", "json"], { workspace: ws })).code,
    ).toBe(0);
    expect((await runInProcess(["report", "./campaigns/wcit-2012/"], { workspace: ws })).code).toBe(0);
  });

  it("a path to another folder is a usage error (exit 2) for every campaign command", async () => {
    const ws = await copyExampleWorkspace();
    const elsewhere = join(ws, "templates", "wcit-2012");
    for (const args of [
      ["plan", elsewhere],
      ["send", elsewhere],
      ["status", elsewhere],
      ["mark", elsewhere, "ar-19f0aeb27c", "replied"],
      ["inbox", "import", elsewhere, join(ws, "none.mbox")],
      ["partners", "export", elsewhere],
      ["partners", "import", elsewhere, join(ws, "returned.csv")],
      ["preview", elsewhere],
      ["report", elsewhere],
      ["unmark", elsewhere, "ar-19f0aeb27c"],
      ["inbox", "sample", elsewhere],
    ]) {
      const run = await runInProcess(args, { workspace: ws });
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toContain("[E_USAGE]");
    }
  });
});
