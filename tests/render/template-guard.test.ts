/**
 * The template guard: unescaped output in any spelling, partials, decorators, unknown or unavailable
 * helpers and wrong helper arguments are refused from the parsed template, in every part of a letter,
 * each with its code and line; `log` does not exist in the environment letters are compiled in.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/campaign/build-plan.js";
import { checkTemplate } from "../../src/render/check-template.js";
import { createRenderer } from "../../src/render/create-renderer.js";
import { runTemplate } from "../../src/render/run-template.js";
import { COMPILE_OPTIONS, createTemplateEnvironment } from "../../src/render/template-environment.js";
import { REPO_ROOT } from "../helpers/cli.js";
import { letterSource, makeCampaign, makeContact, makeLoaded, SIMPLE_MJML } from "../campaign/make-loaded.js";

const hb = createTemplateEnvironment();
const origin = { file: "templates/letter/en.mjml", lines: true };

/** The codes the guard reports for a template, with their lines. */
function codesOf(text: string): { code: string | undefined; line: number | undefined }[] {
  return checkTemplate(hb, text, origin).problems.map((p) => ({ code: p.code, line: p.line }));
}

describe("checkTemplate", () => {
  it.each([
    ["{{{name}}}"],
    ["{{{ name }}}"],
    ["{{~{name}~}}"],
    ["{{~{name}}}"],
    ["{{{name}~}}"],
    ["{{& name}}"],
    ["{{&name}}"],
    ["{{~& name~}}"],
    ["{{~&name}}"],
    ["{{& name ~}}"],
  ])("refuses %s as unescaped output, with its line", (form) => {
    expect(codesOf(`<p>\n  Dear\n  ${form}\n</p>`)).toEqual([{ code: "E_TEMPLATE_UNESCAPED", line: 3 }]);
  });

  it("finds unescaped output inside blocks, else and else-if branches, each and with", () => {
    const text = [
      "{{#if a}}ok{{else}}{{{b}}}{{/if}}",
      "{{#if a}}ok{{else if c}}ok{{else}}{{& d}}{{/if}}",
      "{{#each signatories}}{{{organisation}}}{{/each}}",
      "{{#with partner}}{{#unless email}}{{~{name}~}}{{/unless}}{{/with}}",
      "{{#people}}{{{name}}}{{/people}}",
    ].join("\n");
    expect(codesOf(text)).toEqual([1, 2, 3, 4, 5].map((line) => ({ code: "E_TEMPLATE_UNESCAPED", line })));
  });

  it("refuses partials and decorators", () => {
    const text = [
      "{{> footer}}",
      "{{#> layout}}x{{/layout}}",
      '{{#*inline "p"}}x{{/inline}}',
      "{{> (which)}}",
    ].join("\n");
    expect(codesOf(text)).toEqual([1, 2, 3, 4].map((line) => ({ code: "E_TEMPLATE_PARTIAL", line })));
  });

  it("refuses log, Handlebars' internal helpers and unknown helpers, also inside sub-expressions", () => {
    const text = [
      '{{log "hello"}}',
      "{{log}}",
      "{{#log}}x{{/log}}",
      "{{helperMissing}}",
      "{{blockHelperMissing x}}",
      "{{uppercase name}}",
      "{{#list people}}x{{/list}}",
      '{{lookup (log "x") "a"}}',
      "{{this.log 'x'}}",
      "{{name key=1}}",
    ].join("\n");
    expect(codesOf(text)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((line) => ({ code: "E_TEMPLATE_HELPER", line })),
    );
  });

  it("refuses block helpers without exactly one argument, and lookup without two", () => {
    const text = [
      "{{#if}}x{{/if}}",
      "{{#unless}}x{{/unless}}",
      "{{#each}}x{{/each}}",
      "{{#with a b}}x{{/with}}",
      "{{#if a}}x{{else if}}y{{/if}}",
      "{{lookup partner}}",
    ].join("\n");
    expect(codesOf(text)).toEqual([1, 2, 3, 4, 5, 6].map((line) => ({ code: "E_TEMPLATE_ARGUMENTS", line })));
    expect(codesOf("{{if name}}")).toEqual([{ code: "E_TEMPLATE_HELPER", line: 1 }]);
  });

  it("refuses paths into prototypes", () => {
    expect(codesOf('{{constructor}}\n{{partner.__proto__}}\n{{lookup partner "constructor"}}')).toEqual(
      [1, 2, 3].map((line) => ({ code: "E_TEMPLATE_FIELD", line })),
    );
  });

  it("accepts what letters really use, including every template shipped in templates/", async () => {
    const fine = [
      "{{name}} {{ name }} {{~name~}} {{partner.name}} {{@index}} {{this}} {{!-- a comment --}}",
      "{{#if title}}{{title}}{{else if name}}{{name}}{{else}}Sir or Madam{{/if}}",
      "{{#each signatories as |s i|}}{{s.organisation}} {{@index}} {{lookup ../partner 'name'}}{{/each}}",
      "{{#with partner}}{{name}}{{/with}}{{#unless title}}-{{/unless}}{{#if signatoryCount includeZero=true}}n{{/if}}",
      "{{#people}}{{name}}{{/people}}",
    ].join("\n");
    expect(checkTemplate(hb, fine, origin).problems).toEqual([]);
    const dir = join(REPO_ROOT, "templates");
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      const problems = checkTemplate(hb, await readFile(path, "utf8"), { file: path, lines: true }).problems;
      expect(problems, path).toEqual([]);
    }
  });

  it("a syntax error is E_TEMPLATE_SYNTAX at the opening tag's line, with the parser's whole message", () => {
    // The parser gives up at the end (line 3); the block never closed opens on line 2.
    expect(codesOf("line one\n{{#if a}}\nunclosed")).toEqual([{ code: "E_TEMPLATE_SYNTAX", line: 2 }]);
    const [problem] = checkTemplate(hb, "line one\n{{#if a}}\nunclosed", origin).problems;
    expect(problem?.message).toContain("Parse error on line 3:");
    expect(problem?.message).toMatch(/\n\s+-+\^/);
    expect(problem?.message).toContain("got 'EOF'");
  });

  it("names the JSON path instead of a line for templates kept in campaign.json", () => {
    const [problem] = checkTemplate(hb, "Dear {{{name}}},", {
      file: "campaigns/c/campaign.json",
      field: "letters.en.salutations.0",
      lines: false,
    }).problems;
    expect(problem).toMatchObject({
      code: "E_TEMPLATE_UNESCAPED",
      file: "campaigns/c/campaign.json",
      field: "letters.en.salutations.0",
    });
    expect(problem?.line).toBeUndefined();
  });
});

describe("the template environment", () => {
  it("has no log helper, and the compiler refuses it even without the guard", () => {
    const env = createTemplateEnvironment();
    expect(env.helpers.log).toBeUndefined();
    expect(Object.keys(env.helpers).sort()).toEqual(
      ["blockHelperMissing", "each", "helperMissing", "if", "lookup", "unless", "with"].sort(),
    );
    expect(() => env.compile('{{log "x"}}', COMPILE_OPTIONS)({})).toThrow(/unknown helper log/);
    expect(() => env.compile("{{log}}", COMPILE_OPTIONS)({})).toThrow(/"log" not defined/);
  });
});

describe("the renderer applies the guard to every part of a letter", () => {
  const contacts = [makeContact({ id: "gb", country: "GB", name: "Sam <b>Example</b>" })];

  async function problemsFor(options: {
    mjml?: string;
    subject?: string;
    text?: string;
    salutations?: readonly string[];
    campaignSubject?: string;
  }) {
    const campaign = makeCampaign({
      letters: {
        en: {
          template: "letter",
          reviewed: true,
          salutations: [...(options.salutations ?? ["Dear {{name}},"])],
          ...(options.campaignSubject ? { subject: options.campaignSubject } : {}),
        },
      },
    });
    const loaded = makeLoaded({
      campaign,
      contacts,
      letters: { en: letterSource("en", options.mjml, options.subject, options.text) },
    });
    const renderer = await createRenderer(loaded);
    return { renderer, loaded };
  }

  it("whitespace-controlled triple braces in the MJML are refused (the old regex let {{~{ through)", async () => {
    const mjml = SIMPLE_MJML.replace("<p>Updated {{updated}}</p>", "<p>Updated {{~{name}~}}</p>");
    const { renderer } = await problemsFor({ mjml });
    expect(renderer.languages).toEqual([]);
    expect(renderer.problems).toEqual([
      expect.objectContaining({ code: "E_TEMPLATE_UNESCAPED", file: "templates/letter/en.mjml", line: 9 }),
    ]);
  });

  it("in the subject file, the text part, a salutation and a subject in campaign.json", async () => {
    const cases = [
      [{ subject: "Letter to {{& organisation}}" }, "templates/letter/en.subject.hbs", undefined],
      [{ text: "Hello\n{{{name}}}\n" }, "templates/letter/en.txt.hbs", undefined],
      [
        { salutations: ["Dear {{~& name}},"] },
        "campaigns/test-campaign/campaign.json",
        "letters.en.salutations.0",
      ],
      [
        { campaignSubject: "To {{{organisation}}}" },
        "campaigns/test-campaign/campaign.json",
        "letters.en.subject",
      ],
    ] as const;
    for (const [options, file, field] of cases) {
      const { renderer } = await problemsFor(options);
      expect(renderer.languages, file).toEqual([]);
      expect(renderer.problems, file).toEqual([
        expect.objectContaining({ code: "E_TEMPLATE_UNESCAPED", file, ...(field ? { field } : {}) }),
      ]);
    }
  });

  it("guards the text part derived from the HTML, where entities become braces", async () => {
    // `&#123;` is `{` once the HTML is turned into text: the derived template would say {{{name}}} and
    // {{log ...}} although the author's file has neither.
    const mjml = SIMPLE_MJML.replace(
      "<p>Updated {{updated}}</p>",
      "<p>&#123;{{name}}&#125; &#123;&#123;log 'hello'}}</p>",
    );
    const { renderer } = await problemsFor({ mjml });
    expect(renderer.languages).toEqual([]);
    expect(renderer.problems.map((p) => p.code).sort()).toEqual([
      "E_TEMPLATE_HELPER",
      "E_TEMPLATE_UNESCAPED",
    ]);
    expect(renderer.problems.every((p) => p.message.includes("text part derived"))).toBe(true);
  });

  it("a letter that passes escapes the data in the HTML part", async () => {
    const { renderer, loaded } = await problemsFor({});
    expect(renderer.problems).toEqual([]);
    const message = renderer.render(buildPlan(loaded).entries[0]!);
    expect(message.mail.html).toContain("Sam &lt;b&gt;Example&lt;/b&gt;");
    expect(message.mail.html).not.toContain("<b>Example");
  });

  it("a path into a plain value is found before rendering, and at render time is E_TEMPLATE_FIELD", async () => {
    const broken = await problemsFor({ subject: "For {{name.first}}" });
    expect(broken.renderer.languages).toEqual([]);
    expect(broken.renderer.problems).toEqual([
      expect.objectContaining({ code: "E_TEMPLATE_UNKNOWN_FIELD", field: "name.first", line: 1 }),
    ]);
    // Should such a template run anyway (it cannot through the renderer), it is still the template's
    // error, never an unexpected one.
    const { renderer, loaded } = await problemsFor({});
    const letter = renderer.letterFor("en")!;
    const source = "For {{name.first}}";
    const template = createTemplateEnvironment().compile(source, COMPILE_OPTIONS);
    let code: string | undefined;
    try {
      runTemplate(template, { name: "Sam" }, "x.subject.hbs", source, buildPlan(loaded).entries[0]!, letter);
    } catch (e) {
      code = (e as { code?: string }).code;
    }
    expect(code).toBe("E_TEMPLATE_FIELD");
  });
});
