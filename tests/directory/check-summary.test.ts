/**
 * Issue 12 item 1: `directory check` folds repeated warnings into one line for a person to read, with
 * `--all`, `--severity` and `--country`; csv and json keep every finding.
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/contacts/check-directory.js";
import { selectFindings, summariseFindings } from "../../src/contacts/summarise-findings.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

function finding(severity: Finding["severity"], kind: Finding["kind"], country: string): Finding {
  return { severity, kind, country, id: "", line: null, message: `${kind} ${country}` };
}

const NO_CONTACT = ["AD", "AE", "AF", "AG", "AL", "AM", "AO", "AT", "AZ", "BA"].map((c) =>
  finding("warning", "no-contact", c),
);
const FINDINGS: Finding[] = [
  finding("error", "invalid-email", "AR"),
  ...NO_CONTACT,
  finding("warning", "no-reachable-contact", "UY"),
  finding("note", "bounced", "BD"),
];

describe("summariseFindings", () => {
  it("folds a kind found more than the limit into one line where it first came, naming its first countries", () => {
    const lines = summariseFindings(FINDINGS, 5, 3);
    expect(lines.map((l) => ("finding" in l ? l.finding.kind : `group:${l.group.kind}`))).toEqual([
      "invalid-email",
      "group:no-contact",
      "no-reachable-contact",
      "bounced",
    ]);
    const group = lines.find((l) => "group" in l);
    expect(group && "group" in group ? group.group : undefined).toMatchObject({
      severity: "warning",
      kind: "no-contact",
      count: 10,
      countries: NO_CONTACT.map((f) => f.country),
      message: "10 member states have no contact: AD, AE, AF, …",
    });
  });

  it("keeps a kind at the limit one line each, and never folds errors", () => {
    const errors = ["AR", "BR", "CL", "DE", "EE", "FR", "GR"].map((c) =>
      finding("error", "invalid-email", c),
    );
    expect(summariseFindings([...errors, ...NO_CONTACT.slice(0, 5)], 5)).toHaveLength(12);
  });
});

describe("selectFindings", () => {
  it("--severity keeps that severity and worse; --country only those countries", () => {
    const kinds = (fs: Finding[]) => fs.map((f) => f.kind);
    expect(kinds(selectFindings(FINDINGS, { severity: "error" }))).toEqual(["invalid-email"]);
    expect(selectFindings(FINDINGS, { severity: "warning" })).toHaveLength(12);
    expect(selectFindings(FINDINGS, {})).toHaveLength(FINDINGS.length);
    expect(kinds(selectFindings(FINDINGS, { countries: ["UY", "BD"] }))).toEqual([
      "no-reachable-contact",
      "bounced",
    ]);
    const unreadRow = { ...finding("error", "invalid-row", ""), line: 7 };
    expect(selectFindings([unreadRow], { countries: ["AR"] })).toEqual([]);
  });
});

describe("outreach directory check on the example workspace", () => {
  it("prints at most 15 lines by default; --all lists every member state without a contact; json stays complete", async () => {
    const ws = await copyExampleWorkspace();
    const json = await runInProcess(["directory", "check", "--format", "json"], { workspace: ws });
    const all = JSON.parse(json.stdout) as { findings: Finding[]; summary: { warnings: number } };
    const missing = all.findings.filter((f) => f.kind === "no-contact").map((f) => f.country);
    expect(missing.length).toBeGreaterThan(100);
    expect(all.findings.filter((f) => f.severity === "warning")).toHaveLength(all.summary.warnings);

    const brief = await runInProcess(["directory", "check"], { workspace: ws });
    expect(brief.code).toBe(0);
    const briefLines = (brief.stdout + brief.stderr).trimEnd().split("\n");
    expect(briefLines.length).toBeLessThanOrEqual(15);
    expect(brief.stdout).toContain(`${missing.length} member states have no contact: AD, AE,`);
    expect(brief.stdout).toContain("--all");

    const every = await runInProcess(["directory", "check", "--all"], { workspace: ws });
    expect(every.code).toBe(0);
    const listed = every.stdout
      .split("\n")
      .filter((l) => /^warning +no-contact /.test(l))
      .map((l) => l.split(/ +/)[2]);
    expect(listed).toEqual(missing);

    const csv = await runInProcess(["directory", "check", "--format", "csv"], { workspace: ws });
    expect(csv.stdout.trimEnd().split("\n")).toHaveLength(all.findings.length + 1);
  });

  it("--severity and --country select; json's findings follow them", async () => {
    const ws = await copyExampleWorkspace();
    const warnings = await runInProcess(["directory", "check", "--severity", "warning", "--format", "json"], {
      workspace: ws,
    });
    const found = (JSON.parse(warnings.stdout) as { findings: Finding[] }).findings;
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.severity !== "note")).toBe(true);

    const some = await runInProcess(["directory", "check", "--country", "AD,Uruguay", "--format", "json"], {
      workspace: ws,
    });
    const countries = (JSON.parse(some.stdout) as { findings: Finding[] }).findings.map((f) => f.country);
    expect(countries.sort()).toEqual(["AD", "UY"]);

    const table = await runInProcess(["directory", "check", "--severity", "note", "--country", "BD"], {
      workspace: ws,
    });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^note +bounced +BD /m);
  });

  it("a bad --severity or --country is a usage error (exit 2)", async () => {
    const ws = await copyExampleWorkspace();
    for (const args of [
      ["--severity", "fatal"],
      ["--country", "Narnia"],
    ]) {
      const run = await runInProcess(["directory", "check", ...args], { workspace: ws });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("[E_USAGE]");
    }
  });
});
