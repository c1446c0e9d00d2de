/**
 * Template errors through the whole CLI: a partial, an unknown helper, `{{#if}}` without an argument,
 * `{{log}}`, unescaped output and a template path that is a directory each stop `plan`, `preview` and
 * `send` with exit 2 and a located problem carrying its own code, never E_UNEXPECTED.
 */
import { execFileSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLE_CAMPAIGN, replaceInFile } from "../campaign/edit-workspace.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

const LETTER = "templates/itu-letter";
const UPDATED_LINE = "<p><em>Updated {{updated}}</em></p>";

/** The 1-based line of the "Updated" paragraph in the example's English letter. */
async function updatedLine(ws: string): Promise<number> {
  const lines = (await readFile(join(ws, LETTER, "en.mjml"), "utf8")).split("\n");
  return lines.findIndex((l) => l.includes(UPDATED_LINE)) + 1;
}

describe("template errors name their place", () => {
  it.each([
    ["a missing partial", "{{> footer}}", "E_TEMPLATE_PARTIAL"],
    ["an unknown helper", "{{uppercase updated}}", "E_TEMPLATE_HELPER"],
    ["{{#if}} without an argument", "{{#if}}{{updated}}{{/if}}", "E_TEMPLATE_ARGUMENTS"],
    ["{{log}}", '{{log "the list"}}', "E_TEMPLATE_HELPER"],
    ["whitespace-controlled triple braces", "{{~{updated}~}}", "E_TEMPLATE_UNESCAPED"],
  ])("%s (%s): plan exits 2 with a located problem and its code", async (_name, expression, code) => {
    const ws = await copyExampleWorkspace();
    const line = await updatedLine(ws);
    await replaceInFile(join(ws, LETTER, "en.mjml"), UPDATED_LINE, `<p><em>Updated ${expression}</em></p>`);
    const run = await runInProcess(["plan", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(run.stderr).not.toContain("E_UNEXPECTED");
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("error [E_PLAN_BLOCKED]");
    expect(run.stderr).toContain(`${LETTER}/en.mjml:${line}: [${code}] `);
  });

  it("preview and send refuse the same template with exit 2, and the log helper prints nothing", async () => {
    const ws = await copyExampleWorkspace();
    await replaceInFile(join(ws, LETTER, "en.mjml"), UPDATED_LINE, '<p>{{log "printed by a template"}}</p>');
    const preview = await runInProcess(["preview", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(preview.code, preview.stderr).toBe(2);
    expect(preview.stderr).toContain("error [E_PLAN_BLOCKED]");
    expect(preview.stderr).toContain("[E_TEMPLATE_HELPER]");
    const send = await runInProcess(["send", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(send.code, send.stderr).toBe(2);
    expect(send.stderr).toContain("error [E_PLAN]");
    expect(send.stderr).toContain("[E_TEMPLATE_HELPER]");
    expect(preview.stdout + send.stdout).not.toContain("printed by a template");
  });

  it("a letter template that is a directory is E_TEMPLATE_READ naming the file, not E_UNEXPECTED", async () => {
    const ws = await copyExampleWorkspace();
    await rm(join(ws, LETTER, "fr.mjml"));
    await mkdir(join(ws, LETTER, "fr.mjml"));
    const run = await runInProcess(["plan", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("error [E_PLAN_BLOCKED]");
    expect(run.stderr).toContain(`${LETTER}/fr.mjml: [E_TEMPLATE_READ] `);
    expect(run.stderr).toContain("is a directory");
  });

  it("an optional text part that is a directory is not skipped silently", async () => {
    const ws = await copyExampleWorkspace();
    await rm(join(ws, LETTER, "en.txt.hbs"));
    await mkdir(join(ws, LETTER, "en.txt.hbs"));
    const run = await runInProcess(["plan", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${LETTER}/en.txt.hbs: [E_TEMPLATE_READ] `);
  });

  it("a template that is a FIFO is E_TEMPLATE_READ at once, never a read that blocks", async () => {
    const ws = await copyExampleWorkspace();
    await rm(join(ws, LETTER, "es.mjml"));
    execFileSync("mkfifo", [join(ws, LETTER, "es.mjml")]);
    const run = await runInProcess(["plan", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      `${LETTER}/es.mjml: [E_TEMPLATE_READ] cannot read the template: it is not a regular file`,
    );
  });

  it("a missing template file is E_TEMPLATE_MISSING", async () => {
    const ws = await copyExampleWorkspace();
    await rm(join(ws, LETTER, "es.subject.hbs"));
    const run = await runInProcess(["plan", EXAMPLE_CAMPAIGN, "--format", "json"], { workspace: ws });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("[E_TEMPLATE_MISSING]");
    const json = JSON.parse(run.stdout) as { problems: { code?: string; field?: string }[] };
    expect(json.problems).toContainEqual(
      expect.objectContaining({ code: "E_TEMPLATE_MISSING", field: "letters.es.template" }),
    );
  });

  it("a subject file with {{& }} is refused too, with its line", async () => {
    const ws = await copyExampleWorkspace();
    await writeFile(join(ws, LETTER, "en.subject.hbs"), "To {{& organisation}}\n");
    const run = await runInProcess(["plan", EXAMPLE_CAMPAIGN], { workspace: ws });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${LETTER}/en.subject.hbs:1: [E_TEMPLATE_UNESCAPED] `);
  });
});
