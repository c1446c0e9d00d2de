import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  decideSignatories,
  signatoryRevision,
  takeInSignatories,
  type SignOnProposal,
} from "../../src/campaign/signatory-intake.js";
import { parseSignatoriesCsv, parseSignatoryEntries } from "../../src/campaign/signatory-schema.js";
import { formatSignatoriesCsv } from "../../src/campaign/signatories-file.fs.js";
import { REPO_ROOT } from "../helpers/cli.js";

const LEGACY = [
  "organisation,country,signed",
  "Example Rights Group,AR,2012-11-05",
  "Kictanet,KE,2012-11-07",
  "Electronic Frontier Foundation,US,2012-11-12",
  "ISOC – Belgrade,,2012-11-14",
].join("\n");

const propose = (organisation: string, country = "", source = "add"): SignOnProposal => ({
  organisation,
  country,
  signed: "2026-12-01",
  source,
});

function legacyEntries() {
  const { entries, problems } = parseSignatoryEntries(LEGACY, "signatories.csv");
  expect(problems).toEqual([]);
  return entries;
}

describe("rolling sign-on intake", () => {
  it("reads a legacy file as the original list: every row approved, no approval date", () => {
    const entries = legacyEntries();
    expect(entries.map((e) => [e.id, e.status ?? "approved", e.approvedOn])).toEqual([
      ["example-rights-group", "approved", undefined],
      ["kictanet", "approved", undefined],
      ["electronic-frontier-foundation", "approved", undefined],
      ["isoc-belgrade", "approved", undefined],
    ]);
    expect(parseSignatoriesCsv(LEGACY, "s.csv").signatories).toHaveLength(4);
  });

  it("adds new requests as pending; the seed's second Kictanet and 'ISOC Belgrade' are duplicates, not added twice", () => {
    const { entries, results } = takeInSignatories(legacyEntries(), [
      propose("Kictanet, Kenya"),
      propose("ISOC Belgrade", "RS"),
      propose("Example Privacy Network", "DK"),
      propose("Example  Privacy Network!", "DK"), // the same request twice in one batch
      propose("Electronic Frontier Foundaton", "US"),
    ]);
    expect(results.map((r) => r.outcome)).toEqual([
      "duplicate",
      "duplicate",
      "added",
      "duplicate",
      "similar",
    ]);
    expect(entries).toHaveLength(5);
    const added = entries.at(-1)!;
    expect([added.id, added.status, added.organisation, added.country]).toEqual([
      "example-privacy-network",
      "pending",
      "Example Privacy Network",
      "DK",
    ]);
    const similar = results[4]!;
    expect(similar.outcome === "similar" && similar.similarTo.map((e) => e.id)).toEqual([
      "electronic-frontier-foundation",
    ]);
    // Pending is not printed: the letter's list is unchanged.
    expect(parseSignatoriesCsv(formatSignatoriesCsv(entries), "s.csv").signatories).toHaveLength(4);
  });

  it("takes the seed letter's 'Updated 14 November 2012' batch: its second Kictanet is the only duplicate", async () => {
    const example = await readFile(join(REPO_ROOT, "campaigns", "wcit-2012", "signatories.csv"), "utf8");
    const original = parseSignatoryEntries(example, "signatories.csv").entries.filter(
      (e) => e.signed < "2012-11-12",
    );
    // The later batch exactly as the seed letter prints it, "Kictanet, Kenya" included a second time.
    const batch = [
      "Bangladesh NGOs Network for Radio and Communication",
      "Bitbureauet, Denmark",
      "Electronic Frontier Foundation, US",
      "European Privacy Association",
      "Free as the Web",
      "Global Voices",
      "Indonesia Online Advocacy",
      "Instituto Bem Estar, Brasil",
      "Instituto Nupef, Brazil",
      "Internet & Telecom Consumer Association of Bangladesh",
      "ISOC – Belgrade",
      "ISOC – Philippines",
      "ISOC – Sweden",
      "Kictanet, Kenya",
      "Movimento Mega Não",
      "OpenMedia, Canada",
      "Spanish Internet Users Association",
      "Sociedade Internet no Brasil (ISOC BR)",
    ];
    const { results } = takeInSignatories(
      original,
      batch.map((name) => propose(name)),
    );
    expect(
      results.filter((r) => r.outcome !== "added").map((r) => [r.outcome, r.proposal.organisation]),
    ).toEqual([["duplicate", "Kictanet"]]);
    const added = results.flatMap((r) =>
      r.outcome === "added" ? [[r.entry.organisation, r.entry.country]] : [],
    );
    expect(added).toContainEqual(["Bitbureauet", "DK"]);
    expect(added).toContainEqual(["Instituto Bem Estar", "BR"]);
    expect(added).toContainEqual(["ISOC – Sweden", ""]);
  });

  it("adds a near-duplicate only when a person says so", () => {
    const { results } = takeInSignatories(legacyEntries(), [propose("Electronic Frontier Foundaton", "US")], {
      allowSimilar: true,
    });
    expect(results[0]?.outcome).toBe("added");
  });

  it("approves with the date, rejects for good, and a rejected organisation asking again stays out", () => {
    const intake = takeInSignatories(legacyEntries(), [
      propose("Example Privacy Network"),
      propose("Spam Example"),
    ]);
    const approved = decideSignatories(intake.entries, ["example-privacy-network"], "approved", "2026-12-07");
    expect(approved.changed.map((e) => [e.id, e.status, e.approvedOn])).toEqual([
      ["example-privacy-network", "approved", "2026-12-07"],
    ]);
    const rejected = decideSignatories(
      approved.entries,
      ["spam-example", "nobody"],
      "rejected",
      "2026-12-07",
    );
    expect(rejected.unknown).toEqual(["nobody"]);
    const again = takeInSignatories(rejected.entries, [propose("SPAM – Example")]);
    expect(again.results[0]?.outcome).toBe("duplicate");
    const printed = parseSignatoriesCsv(formatSignatoriesCsv(again.entries), "s.csv").signatories;
    expect(printed.map((s) => s.organisation)).toContain("Example Privacy Network");
    expect(printed.map((s) => s.organisation)).not.toContain("Spam Example");
  });

  it("round-trips through the file, spreadsheet-safe, and the revision follows the approved list only", () => {
    const intake = takeInSignatories(legacyEntries(), [
      { ...propose('=HYPERLINK("x")'), contact: "Ana <ana@example.test>" },
    ]);
    const text = formatSignatoriesCsv(intake.entries);
    expect(text.split("\n")[0]).toBe("id,organisation,country,signed,status,approvedOn,type,contact,source");
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    const back = parseSignatoryEntries(text, "s.csv");
    expect(back.problems).toEqual([]);
    const rows = (list: typeof back.entries) =>
      list.map(({ line: _l, ...e }) => ({ ...e, status: e.status ?? "approved" }));
    expect(rows(back.entries)).toEqual(rows(intake.entries));
    const before = signatoryRevision(parseSignatoriesCsv(LEGACY, "s.csv").signatories);
    expect(signatoryRevision(parseSignatoriesCsv(text, "s.csv").signatories)).toBe(before);
    const decided = decideSignatories(back.entries, [intake.entries.at(-1)!.id], "approved", "2026-12-07");
    expect(
      signatoryRevision(parseSignatoriesCsv(formatSignatoriesCsv(decided.entries), "s.csv").signatories),
    ).not.toBe(before);
  });
});
