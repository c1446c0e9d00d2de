/** Partners circulate the letter too: each pack's README says how to sign, in the partner's language. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { partnerReadme, type PartnerReadmeInput } from "../../src/report/partner-readme.js";
import { EXAMPLE_CAMPAIGN as ID } from "../campaign/edit-workspace.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";
import { PARTNER_README_INPUT } from "../helpers/partner-readme-input.js";

const base: PartnerReadmeInput = {
  ...PARTNER_README_INPUT,
  signOnAddress: "firmas@coalition.example",
};

describe("sign-on instructions in partner packs", () => {
  it.each([
    ["en", "How to sign", "Updated <date>"],
    ["es", "Cómo firmar", "Actualizado el <fecha>"],
    ["fr", "Comment signer", "Mis à jour le <date>"],
  ])("in %s: the heading, the sign-on address and the Updated mark", (language, heading, updated) => {
    const { text } = partnerReadme({ ...base, language });
    expect(text).toContain(`\n${heading}\n`);
    expect(text).toContain("firmas@coalition.example");
    expect(text).toContain(updated);
  });

  it("says nothing about signing when the campaign has no sign-on address", () => {
    const { signOnAddress: _none, ...without } = base;
    expect(partnerReadme(without).text).not.toContain("firmar");
  });

  it("partners export writes them with the campaign's sign-on address", async () => {
    const ws = await copyExampleWorkspace();
    const run = await runInProcess(["partners", "export", ID, "--partner", "cele"], { workspace: ws });
    expect(run.code, run.stderr).toBe(0);
    const readme = await readFile(join(ws, "campaigns", ID, "partners", "cele", "README.txt"), "utf8");
    expect(readme).toContain("Cómo firmar");
    expect(readme).toContain("signon@coalition.example");
  });
});
