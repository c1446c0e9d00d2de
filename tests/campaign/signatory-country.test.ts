/**
 * A signatory's country may be a name (issue 12 item 4): it is read as its code and printed under the
 * letter in the letter's language; an unknown one blocks the plan instead of printing "Unknown Region".
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSignatoriesCsv } from "../../src/campaign/signatory-schema.js";
import { buildLanguageFields, countryNamer } from "../../src/render/merge-fields.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";
import { EXAMPLE_CAMPAIGN, replaceInFile } from "./edit-workspace.js";
import { makeCampaign } from "./make-loaded.js";

describe("a signatory's country", () => {
  it("given as a name, is printed in the letter's language", () => {
    const { signatories, problems } = parseSignatoriesCsv(
      "organisation,country,signed\nRed Ejemplo,Estados Unidos,2012-11-05\nExample Group,République-Unie de Tanzanie,2012-11-06\n",
      "signatories.csv",
    );
    expect(problems).toEqual([]);
    const fields = buildLanguageFields(makeCampaign(), signatories, "fr", "fr");
    expect(fields.signatories.map((s) => [s.countryCode, s.country])).toEqual([
      ["US", "États-Unis"],
      ["TZ", "Tanzanie"],
    ]);
  });

  it("is never ICU's placeholder for a code that names no country", () => {
    const name = countryNamer("en");
    expect(["ZZ", "QO", "EU", "AR"].map(name)).toEqual(["ZZ", "QO", "EU", "Argentina"]);
    expect(countryNamer("fr")("ZZ")).toBe("ZZ");
  });

  it("that nobody knows makes `plan` exit non-zero, naming file, line and column", async () => {
    const ws = await copyExampleWorkspace();
    const file = join(ws, "campaigns", EXAMPLE_CAMPAIGN, "signatories.csv");
    await replaceInFile(
      file,
      "Association of Digital Culture,TW,",
      "Association of Digital Culture,Atlantis,",
    );
    const run = await runInProcess(["plan", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(run.code).not.toBe(0);
    const output = run.stdout + run.stderr;
    expect(output).toMatch(/signatories\.csv:3 country: \[E_SIGNATORY_COUNTRY\] unknown country "Atlantis"/);
    expect(output).not.toContain("Unknown Region");
  });

  it("given as a name in the example campaign, plans without problems", async () => {
    const ws = await copyExampleWorkspace();
    const file = join(ws, "campaigns", EXAMPLE_CAMPAIGN, "signatories.csv");
    await replaceInFile(file, "Association of Digital Culture,TW,", "Association of Digital Culture,Taiwan,");
    const run = await runInProcess(["plan", EXAMPLE_CAMPAIGN, "--format", "json"], { workspace: ws });
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain("E_SIGNATORY_COUNTRY");
  });
});
