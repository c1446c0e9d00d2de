/**
 * Unknown merge fields are found from the parsed template, all of them, in the context each is read in,
 * with the closest known field; the known shape matches what the renderer really puts in front of a
 * template; parse errors point at the tag at fault with the parser's whole message.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkTemplate } from "../../src/render/check-template.js";
import { closestNames, editDistance } from "../../src/render/closest-names.js";
import { createRenderer } from "../../src/render/create-renderer.js";
import { mergeFieldTree, type FieldNode, type LetterPart } from "../../src/render/known-merge-fields.js";
import { buildLanguageFields, buildRecipientFields, nameLister } from "../../src/render/merge-fields.js";
import { createTemplateEnvironment } from "../../src/render/template-environment.js";
import { REPO_ROOT } from "../helpers/cli.js";
import {
  letterSource,
  makeCampaign,
  makeContact,
  makeLoaded,
  PARTNERS,
  SIMPLE_MJML,
} from "../campaign/make-loaded.js";

const hb = createTemplateEnvironment();
const FILE = "templates/letter/en.mjml";

function unknownIn(text: string, part: LetterPart = "body") {
  return checkTemplate(hb, text, { file: FILE, lines: true, fields: mergeFieldTree(part) }).problems;
}

describe("unknown merge fields", () => {
  it("lists every unknown field of a template at once, each at its line, with the closest known field", () => {
    const problems = unknownIn(
      ["Dear {{salutaton}}", "{{#if titel}}{{title}}{{/if}}", "From {{sender.nmae}} in {{countryname}}"].join(
        "\n",
      ),
    );
    expect(problems.map((p) => [p.code, p.line, p.field])).toEqual([
      ["E_TEMPLATE_UNKNOWN_FIELD", 1, "salutaton"],
      ["E_TEMPLATE_UNKNOWN_FIELD", 2, "titel"],
      ["E_TEMPLATE_UNKNOWN_FIELD", 3, "sender.nmae"],
      ["E_TEMPLATE_UNKNOWN_FIELD", 3, "countryname"],
    ]);
    expect(problems.map((p) => /did you mean "([^"]+)"/.exec(p.message)?.[1])).toEqual([
      "salutation",
      "title",
      "sender.name",
      "countryName",
    ]);
  });

  it("follows the context: each, with, ../, this, @root, @index and block parameters", () => {
    const fine = [
      "{{#each signatories}}{{organisation}}{{#if country}}, {{country}}{{/if}} {{@index}} {{../sender.name}}{{/each}}",
      "{{#each signatories as |s i|}}{{s.signed}} {{i}} {{@root.campaign.name}} {{this.countryCode}}{{/each}}",
      "{{#with partner}}{{name}} {{email}}{{else}}{{sender.email}}{{/with}}",
      "{{#people}}{{name}}{{/people}} {{#each people}}{{honorific}} {{title}}{{/each}}",
      "{{lookup partner 'name'}} {{signatories.length}} {{signatories.0.organisation}} {{this}}",
      "{{#if signatoryCount includeZero=true}}n{{else if partner}}p{{/if}} {{subject}} {{salutation}}",
    ].join("\n");
    expect(unknownIn(fine)).toEqual([]);
  });

  it("an outer field read inside a block is unknown there, and the fix is suggested", () => {
    const [problem] = unknownIn("{{#each signatories}}\n{{sender.name}}\n{{/each}}");
    expect(problem).toMatchObject({ code: "E_TEMPLATE_UNKNOWN_FIELD", line: 2, field: "sender.name" });
    expect(problem?.message).toContain('"../sender.name"');
    expect(problem?.message).toContain("{{#each signatories}}");
  });

  it("checks block parameters, ../ and @root against their own context", () => {
    const codes = unknownIn(
      [
        "{{#each signatories as |s|}}{{s.organisaton}}{{/each}}",
        "{{#each signatories}}{{../sendr.name}}{{/each}}",
        "{{@root.updatd}} {{@indx}}",
        "{{../name}}",
      ].join("\n"),
    ).map((p) => [p.line, p.field, /did you mean "([^"]+)"/.exec(p.message)?.[1]]);
    expect(codes).toEqual([
      [1, "s.organisaton", "s.organisation"],
      [2, "../sendr.name", "../sender.name"],
      [3, "@root.updatd", "@root.updated"],
      [3, "@indx", "@index"],
      [4, "../name", undefined],
    ]);
  });

  it("reports one unknown field once per template, naming its other lines", () => {
    const problems = unknownIn("{{updatd}}\nx\n{{updatd}}\n{{updatd}}");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 1, field: "updatd" });
    expect(problems[0]?.message).toContain("also on lines 3, 4");
  });

  it("a path into a plain value is unknown, and no far-fetched field is suggested", () => {
    const [into, far] = unknownIn("{{name.first}}\n{{ministry_motto}}");
    expect(into).toMatchObject({ code: "E_TEMPLATE_UNKNOWN_FIELD", field: "name.first" });
    expect(into?.message).toContain('"name" is a plain value');
    expect(far).toMatchObject({ code: "E_TEMPLATE_UNKNOWN_FIELD", field: "ministry_motto" });
    expect(far?.message).not.toContain("did you mean");
  });

  it("a salutation cannot use the salutation or subject, a subject not the subject", () => {
    expect(unknownIn("Dear {{salutation}} {{subject}}", "salutation").map((p) => p.field)).toEqual([
      "salutation",
      "subject",
    ]);
    expect(unknownIn("Re: {{subject}} for {{salutation}}", "subject").map((p) => p.field)).toEqual([
      "subject",
    ]);
  });

  it("leaves prototype paths and helper names to the guard's own codes", () => {
    const codes = unknownIn("{{constructor}} {{log 'x'}} {{uppercase name}}").map((p) => p.code);
    expect(codes).not.toContain("E_TEMPLATE_UNKNOWN_FIELD");
    expect(codes).toContain("E_TEMPLATE_FIELD");
  });

  it("finds nothing unknown in the example letters, in any language or part", async () => {
    const dir = join(REPO_ROOT, "templates");
    let checked = 0;
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const part: LetterPart = entry.name.endsWith(".subject.hbs") ? "subject" : "body";
      const path = join(entry.parentPath, entry.name);
      expect(unknownIn(await readFile(path, "utf8"), part), path).toEqual([]);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("the renderer lists the unknown fields of every part and language at once, and compiles none of those letters", async () => {
    const campaign = makeCampaign({
      letters: {
        en: { template: "letter", reviewed: true, salutations: ["Dear {{honorfic}} {{name}},", "Dear Sir,"] },
        fr: { template: "letter", reviewed: true, salutations: ["Madame, Monsieur,"] },
      },
    });
    const loaded = makeLoaded({
      campaign,
      contacts: [makeContact({ id: "gb", country: "GB" })],
      letters: {
        en: letterSource("en", SIMPLE_MJML.replace("{{updated}}", "{{updatd}}"), "To {{organsation}}"),
        fr: letterSource("fr", SIMPLE_MJML, "Pour {{organisation}}", "{{salutation}}\n{{signatoryCont}}\n"),
      },
    });
    const renderer = await createRenderer(loaded);
    expect(renderer.languages).toEqual([]);
    expect(renderer.problems.map((p) => [p.code, p.file, p.field])).toEqual([
      ["E_TEMPLATE_UNKNOWN_FIELD", "templates/letter/en.mjml", "updatd"],
      ["E_TEMPLATE_UNKNOWN_FIELD", "templates/letter/en.subject.hbs", "organsation"],
      ["E_TEMPLATE_UNKNOWN_FIELD", "campaigns/test-campaign/campaign.json", "letters.en.salutations.0"],
      ["E_TEMPLATE_UNKNOWN_FIELD", "templates/letter/fr.txt.hbs", "signatoryCont"],
    ]);
    expect(renderer.problems[2]?.message).toContain('"honorific"');
  });
});

describe("the known merge fields match what the renderer builds", () => {
  /** Every path of a built value, objects and lists followed (a list through its first item). */
  function builtPaths(value: unknown, prefix = ""): string[] {
    if (Array.isArray(value)) return value.length ? builtPaths(value[0], prefix) : [];
    if (value === null || typeof value !== "object") return [];
    return Object.entries(value).flatMap(([k, v]) => [prefix + k, ...builtPaths(v, `${prefix}${k}.`)]);
  }

  /** Every path of the known shape, lists followed through their item. */
  function knownPaths(node: FieldNode, prefix = ""): string[] {
    if (node.kind === "list") return knownPaths(node.item, prefix);
    if (node.kind !== "object") return [];
    return Object.entries(node.fields).flatMap(([k, v]) => [prefix + k, ...knownPaths(v, `${prefix}${k}.`)]);
  }

  it("every field built is known, and every known field is built for some recipient", () => {
    const campaign = makeCampaign();
    const base = buildLanguageFields(
      campaign,
      [{ organisation: "Example Rights Group", country: "AR", signed: "2012-11-05" }],
      "en",
      "en-GB",
    );
    const contact = makeContact({
      id: "ar-full",
      country: "AR",
      honorific: "Sra.",
      title: "Ministra",
      department: "Telecoms",
      address: "1 Example Street",
    });
    const single = buildRecipientFields(base, contact, "Argentina", PARTNERS[0]);
    const shared = buildRecipientFields(base, contact, "Argentina", PARTNERS[0], {
      people: [{ honorific: "Dr", name: "Ana Example", title: "Director" }],
      listNames: nameLister("en"),
    });
    // The renderer adds these two after building (create-renderer.ts).
    const built = new Set([...builtPaths(single), ...builtPaths(shared), "salutation", "subject"]);
    const known = new Set(knownPaths(mergeFieldTree("body")));
    expect([...built].filter((p) => !known.has(p))).toEqual([]);
    expect([...known].filter((p) => !built.has(p))).toEqual([]);
  });
});

describe("closest names", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("nmae", "name")).toBe(1);
    expect(editDistance("salutaton", "salutation")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("offers only the closest names, and none when nothing is close", () => {
    expect(closestNames("sender.nmae", ["sender.name", "sender.email", "name"])).toEqual(["sender.name"]);
    expect(closestNames("Name", ["name", "title"])).toEqual(["name"]);
    expect(closestNames("motto", ["name", "title", "organisation"])).toEqual([]);
  });

  it("with prefixes, a shortened id finds the ids it begins", () => {
    const ids = ["gb-a72267a471", "gb-b1", "ar-19f0aeb27c"];
    expect(closestNames("gb-a72", ids, { prefixes: true })).toEqual(["gb-a72267a471"]);
    expect(closestNames("gb-a7226a471", ids, { prefixes: true })).toEqual(["gb-a72267a471"]);
  });
});

describe("Handlebars parse errors point at the tag at fault", () => {
  function syntax(text: string) {
    const problems = checkTemplate(hb, text, { file: FILE, lines: true }).problems;
    expect(problems.map((p) => p.code)).toEqual(["E_TEMPLATE_SYNTAX"]);
    return problems[0]!;
  }

  it("a block never closed: the line of its opening tag, not the end of the file", () => {
    const problem = syntax("<p>\n{{#each signatories}}\n<li>{{organisation}}</li>\n\n</p>\n");
    expect(problem.line).toBe(2);
    expect(problem.message).toContain("{{#each signatories}}");
    expect(problem.message).toContain("Parse error on line 6:");
    expect(problem.message).toContain(
      "Expecting 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'",
    );
  });

  it("a mismatched close: the opening tag's line, as Handlebars gives it", () => {
    const problem = syntax("a\n{{#if title}}\nb\n{{/iff}}\n");
    expect(problem.line).toBe(2);
    expect(problem.message).toContain("if doesn't match iff");
  });

  it("a tag missing its }}: the line it opens on, with the quoted source and caret", () => {
    const problem = syntax("a\n{{name\nb {{title}}\nc\n");
    expect(problem.line).toBe(2);
    expect(problem.message).toContain("Parse error on line 3:");
    expect(problem.message).toMatch(/\n\s+-+\^\n/);
  });

  it("a close with no open block: its own line; comments and escaped braces are not tags", () => {
    const problem = syntax("{{!-- {{#if x}} --}}\n\\{{#if y}}\n{{! note }}\nb {{/if}}\n");
    expect(problem.line).toBe(4);
    expect(problem.message).toContain("{{/if}} closes no open block");
  });

  it("an MJML letter's syntax error is reported at the .mjml file's line", async () => {
    const mjml = SIMPLE_MJML.replace("<p>{{salutation}}</p>", "<p>{{#if title}}{{salutation}}</p>");
    const line = mjml.split("\n").findIndex((l) => l.includes("{{#if title}}{{salutation}}")) + 1;
    const renderer = await createRenderer(
      makeLoaded({
        contacts: [makeContact({ id: "gb", country: "GB" })],
        letters: { en: letterSource("en", mjml) },
      }),
    );
    expect(renderer.problems).toEqual([
      expect.objectContaining({ code: "E_TEMPLATE_SYNTAX", file: "templates/letter/en.mjml", line }),
    ]);
  });
});
