/**
 * Chapters of one organisation in several countries are several signatories (review of issue 14 item 1):
 * "ISOC, Philippines" PH and "ISOC, Sweden" SE both fold to `isoc`, but their countries differ, so both
 * are printed and neither is a duplicate of the other at intake; a row without a country is still the
 * same as one with ("Kictanet, Kenya" with none = "Kictanet" KE), as are the seed's own duplicates.
 */
import { describe, expect, it } from "vitest";
import { takeInSignatories, type SignOnProposal } from "../../src/campaign/signatory-intake.js";
import { sameSignatory, signatoryIdentity } from "../../src/campaign/signatory-name.js";
import { parseSignatoriesCsv, parseSignatoryEntries } from "../../src/campaign/signatory-schema.js";

const CHAPTERS = [
  "organisation,country,signed",
  '"ISOC, Philippines",PH,2012-11-14',
  '"ISOC, Sweden",SE,2012-11-14',
  "ISOC – Belgrade,,2012-11-14",
  "Kictanet,KE,2012-11-07",
  '"Kictanet, Kenya",,2012-11-08',
  '"ISOC, Philippines",,2012-11-15',
].join("\n");

const propose = (organisation: string, country = ""): SignOnProposal => ({
  organisation,
  country,
  signed: "2026-12-01",
  source: "add",
});

describe("ISOC chapters in several countries", () => {
  it("are each printed under the letter; a name repeated in the same or no country once", () => {
    const { signatories, problems } = parseSignatoriesCsv(CHAPTERS, "signatories.csv");
    expect(signatories.map((s) => [s.organisation, s.country])).toEqual([
      ["ISOC, Philippines", "PH"],
      ["ISOC, Sweden", "SE"],
      ["ISOC – Belgrade", ""],
      ["Kictanet", "KE"],
    ]);
    expect(problems.map((p) => `${p.line} ${p.severity}`)).toEqual(["6 warning", "7 warning"]);
  });

  it("are not duplicates of each other at intake; the same chapter again is", () => {
    const { entries } = parseSignatoryEntries(CHAPTERS, "signatories.csv");
    const { results } = takeInSignatories(entries, [
      propose("ISOC, Serbia"),
      propose("ISOC", "AR"),
      propose("ISOC, Sweden", "SE"),
      propose("ISOC", "PH"),
      propose("Kictanet, Kenya"),
      propose("Kictanet"),
    ]);
    expect(results.map((r) => [r.outcome, r.outcome === "duplicate" ? r.of.id : ""])).toEqual([
      ["added", ""],
      ["added", ""],
      ["duplicate", "isoc-sweden"],
      ["duplicate", "isoc-philippines"],
      ["duplicate", "kictanet"],
      ["duplicate", "kictanet"],
    ]);
  });

  it("compare by name key and country, a missing country matching any", () => {
    const ph = signatoryIdentity("ISOC, Philippines", "PH");
    expect(sameSignatory(ph, signatoryIdentity("ISOC, Sweden", "SE"))).toBe(false);
    expect(sameSignatory(ph, signatoryIdentity("ISOC", ""))).toBe(true);
    expect(sameSignatory(signatoryIdentity("Kictanet, Kenya"), signatoryIdentity("Kictanet", "KE"))).toBe(
      true,
    );
  });
});
