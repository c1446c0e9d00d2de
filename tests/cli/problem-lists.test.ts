/**
 * Issue 12 B: the same warning is printed once. Problems are merged where they are formatted
 * (`mergeProblems` in src/cli/output.ts): a contact warning shared by many contacts is one line naming
 * them (capped), and a problem found twice is one problem; `plan` counts the lines it prints.
 */
import { describe, expect, it } from "vitest";
import type { Problem } from "../../src/core/errors.js";
import { formatProblemLines, mergeProblems, SHOWN_CONCERNED } from "../../src/cli/output.js";
import { appendContact, EXAMPLE_CAMPAIGN } from "../campaign/edit-workspace.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

const NO_EMAIL = "no email address: nobody will receive this letter";

function warning(message: string, extra: Partial<Problem> = {}): Problem {
  return { message, severity: "warning", ...extra };
}

describe("mergeProblems", () => {
  it("keeps one of identical problems, in the order first seen", () => {
    const a = warning("letter not reviewed", { file: "campaign.json", field: "letters.fr.reviewed" });
    const b = {
      file: "templates/l/en.mjml",
      line: 3,
      message: "unknown field",
      code: "E_TEMPLATE_FIELD",
    } as const;
    expect(mergeProblems([a, b, { ...a }, { ...b }])).toEqual([a, b]);
  });

  it("tells apart problems that differ in place, code or severity", () => {
    const base = warning("same words", { file: "f", line: 1 });
    const merged = mergeProblems([
      base,
      { ...base, line: 2 },
      { ...base, severity: "error" },
      { ...base, code: "E_USAGE" },
    ]);
    expect(merged).toHaveLength(4);
  });

  it("names everyone a shared warning concerns, each once, capped with a count of the rest", () => {
    const about = Array.from({ length: SHOWN_CONCERNED + 3 }, (_, i) => `GB gb-${i}`);
    const notices = [...about, "GB gb-0"].map((who) => ({ problem: warning(NO_EMAIL), about: who }));
    const [merged, ...rest] = mergeProblems(notices);
    expect(rest).toEqual([]);
    expect(merged?.message).toBe(
      `${NO_EMAIL} (${about.length} contacts: ${about.slice(0, SHOWN_CONCERNED).join(", ")} and 3 more)`,
    );
    expect(mergeProblems([{ problem: warning(NO_EMAIL), about: "PK pk-1" }])[0]?.message).toBe(
      `${NO_EMAIL} (1 contact: PK pk-1)`,
    );
  });

  it("formats each merged problem as one line with its severity", () => {
    const lines = formatProblemLines([
      warning("w", { file: "f", line: 2, code: "E_TEMPLATE_FIELD" }),
      warning("w", { file: "f", line: 2, code: "E_TEMPLATE_FIELD" }),
      { message: "e" },
    ]);
    expect(lines).toEqual(["warning: f:2: [E_TEMPLATE_FIELD] w", "error: e"]);
  });
});

describe("plan and preview print each warning once", () => {
  async function workspaceWithoutEmails(count: number): Promise<string> {
    const ws = await copyExampleWorkspace();
    for (let i = 0; i < count; i++) {
      await appendContact(ws, {
        id: `gb-no-email-${i}`,
        country: "GB",
        organisation: `Example Office ${i}`,
        name: `Pat Example ${i}`,
        tags: "ministry",
      });
    }
    return ws;
  }

  it("plan: one line for a warning many contacts share, and the count it prints is the lines it prints", async () => {
    const ws = await workspaceWithoutEmails(8);
    const run = await runInProcess(["plan", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(run.code, run.stderr).toBe(0);
    const warnings = run.stderr.split("\n").filter((l) => l.startsWith("warning: "));
    const noEmail = warnings.filter((l) => l.includes(NO_EMAIL));
    expect(noEmail).toHaveLength(1);
    // The example has two contacts without email already; eight more make ten.
    expect(noEmail[0]).toMatch(/\(10 contacts: .+ and 5 more\)$/);
    expect(noEmail[0]).toContain("GB gb-no-email-0");
    expect(new Set(warnings).size).toBe(warnings.length);
    expect(Number(/plan ok: (\d+) warning/.exec(run.stderr)?.[1])).toBe(warnings.length);
    // Scripts still get every contact's warning.
    const json = await runInProcess(["plan", EXAMPLE_CAMPAIGN, "--format", "json"], { workspace: ws });
    const parsed = JSON.parse(json.stdout) as { contactWarnings: string[] };
    expect(parsed.contactWarnings.filter((w) => w.endsWith(NO_EMAIL))).toHaveLength(10);
  });

  it("preview: the same merged lines, each once", async () => {
    const ws = await workspaceWithoutEmails(3);
    const run = await runInProcess(["preview", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(run.code, run.stderr).toBe(0);
    const warnings = run.stderr.split("\n").filter((l) => l.startsWith("warning: "));
    expect(warnings.filter((l) => l.includes(NO_EMAIL))).toEqual([
      expect.stringMatching(/\(5 contacts: .*GB gb-no-email-0.*\)$/),
    ]);
    expect(new Set(warnings).size).toBe(warnings.length);
  });
});
