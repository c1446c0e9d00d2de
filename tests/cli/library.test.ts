import { describe, expect, it } from "vitest";
import * as outreach from "../../src/index.js";

describe("library entry point", () => {
  it("exposes every stage, in pipeline order, and the CLI", () => {
    for (const name of [
      "readConfig",
      "importDirectoryFile",
      "runCrawl",
      "loadCampaign",
      "buildPlan",
      "createRenderer",
      "appendLedgerEvents",
      "sendCampaign",
      "readCampaignStatus",
      "writeReport",
      "runCli",
    ] as const) {
      expect(typeof outreach[name], name).toBe("function");
    }
    expect(new outreach.InputError("E_USAGE", "m").category).toBe("input");
  });
});
