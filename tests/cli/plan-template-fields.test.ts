/**
 * Issue 12 A, through the whole CLI on a copy of the example: one `plan` run lists every unknown merge
 * field of every template (every language and part) with the closest known field, and a Handlebars
 * parse error shows the parser's whole message at the .mjml line of the tag at fault.
 */
import { appendFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  EXAMPLE_CAMPAIGN,
  readCampaignJson,
  replaceInFile,
  writeCampaignJson,
} from "../campaign/edit-workspace.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

const LETTER = "templates/itu-letter";

/** The 1-based line of the first line of a file that contains `text`. */
async function lineOf(ws: string, file: string, text: string): Promise<number> {
  const lines = (await readFile(join(ws, file), "utf8")).split("\n");
  const index = lines.findIndex((l) => l.includes(text));
  expect(index, `${file} contains ${text}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** The problem lines under `error [E_PLAN_BLOCKED]` that carry a code. */
function problemLines(stderr: string, code: string): string[] {
  return stderr.split("\n").filter((l) => l.includes(`[${code}]`));
}

describe("plan lists every unknown merge field at once", () => {
  it("a template with three misspelt fields: one run lists all three, with suggestions, exit 2", async () => {
    const ws = await copyExampleWorkspace();
    const mjml = join(ws, LETTER, "en.mjml");
    await replaceInFile(mjml, "<br />{{countryName}}</p>", "<br />{{countryname}}</p>");
    await replaceInFile(mjml, "<p>{{salutation}}</p>", "<p>{{salutaton}}</p>");
    await replaceInFile(mjml, "by {{sender.name}}.", "by {{sender.nmae}}.");
    const run = await runInProcess(["plan", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("error [E_PLAN_BLOCKED]");
    const lines = problemLines(run.stderr, "E_TEMPLATE_UNKNOWN_FIELD");
    const expected = [
      [await lineOf(ws, `${LETTER}/en.mjml`, "{{countryname}}"), "countryname", "countryName"],
      [await lineOf(ws, `${LETTER}/en.mjml`, "{{salutaton}}"), "salutaton", "salutation"],
      [await lineOf(ws, `${LETTER}/en.mjml`, "{{sender.nmae}}"), "sender.nmae", "sender.name"],
    ] as const;
    expect(lines).toHaveLength(3);
    for (const [line, field, suggestion] of expected) {
      const found = lines.find((l) => l.includes(`${LETTER}/en.mjml:${line} ${field}: `));
      expect(found, `${field} on line ${line}`).toBeDefined();
      expect(found).toContain(`did you mean "${suggestion}"?`);
    }
    // Found from the template, not by rendering each contact: no per-contact failure is added.
    expect(problemLines(run.stderr, "E_TEMPLATE_FIELD")).toEqual([]);
  });

  it("every language and part in the same run: MJML, subject, text part and campaign.json salutations", async () => {
    const ws = await copyExampleWorkspace();
    await replaceInFile(join(ws, LETTER, "es.mjml"), "{{updated}}", "{{updatd}}");
    await replaceInFile(join(ws, LETTER, "fr.mjml"), "{{signatoryCount}}", "{{signatoryCont}}");
    await replaceInFile(join(ws, LETTER, "en.txt.hbs"), "{{salutation}}", "{{salutaton}}");
    await appendFile(join(ws, LETTER, "th.subject.hbs"), " {{organsation}}");
    const campaign = (await readCampaignJson(ws)) as { letters: Record<string, { salutations: string[] }> };
    campaign.letters.fr!.salutations[0] = "{{honorfic}} {{name}},";
    await writeCampaignJson(ws, campaign);
    const run = await runInProcess(["plan", EXAMPLE_CAMPAIGN, "--format", "json"], { workspace: ws });
    expect(run.code, run.stderr).toBe(2);
    const json = JSON.parse(run.stdout) as {
      problems: { code?: string; file?: string; field?: string; message: string }[];
    };
    const unknown = json.problems.filter((p) => p.code === "E_TEMPLATE_UNKNOWN_FIELD");
    expect(unknown.map((p) => [p.file, p.field]).sort()).toEqual(
      [
        [`${LETTER}/es.mjml`, "updatd"],
        [`${LETTER}/fr.mjml`, "signatoryCont"],
        [`${LETTER}/en.txt.hbs`, "salutaton"],
        [`${LETTER}/th.subject.hbs`, "organsation"],
        [`campaigns/${EXAMPLE_CAMPAIGN}/campaign.json`, "letters.fr.salutations.0"],
      ].sort(),
    );
    expect(unknown.find((p) => p.field === "letters.fr.salutations.0")?.message).toContain('"honorific"');
    expect(problemLines(run.stderr, "E_TEMPLATE_UNKNOWN_FIELD")).toHaveLength(5);
  });

  it("a block never closed in an MJML letter: the parser's message at the .mjml line of its opening tag", async () => {
    const ws = await copyExampleWorkspace();
    await replaceInFile(join(ws, LETTER, "en.mjml"), "{{#if partner}} In", "{{#if partner}}{{#if title}} In");
    const line = await lineOf(ws, `${LETTER}/en.mjml`, "{{#if partner}}{{#if title}}");
    const run = await runInProcess(["plan", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(run.code, run.stderr).toBe(2);
    const [problem] = problemLines(run.stderr, "E_TEMPLATE_SYNTAX");
    expect(problem).toContain(
      `${LETTER}/en.mjml:${line}: [E_TEMPLATE_SYNTAX] {{#if partner}} is never closed`,
    );
    expect(problem).toContain("Parse error on line");
    // The rest of the parser's message (quoted source, caret, what it expected) follows, indented.
    const after = run.stderr.slice(run.stderr.indexOf(problem!));
    expect(after).toMatch(/\n {4}-+\^\n {4}Expecting .*got 'EOF'/);
  });
});
