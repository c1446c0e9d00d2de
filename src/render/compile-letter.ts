/**
 * Compiles one letter in one language, once: takes what MJML made of it (HTML with the Handlebars
 * expressions untouched, because they sit in text content; compiled in a thread by
 * `compile-mjml.thread.ts`), then Handlebars-compiles the HTML, the subject and the text part in strict
 * mode. Every part, and what MJML and the text derivation made of it, first passes the template guard
 * (`check-template.ts`). Every problem is returned with its code, template file and line. Pure.
 */
import { createHash } from "node:crypto";
import type { Campaign, Letter } from "../campaign/campaign-schema.js";
import type { LetterSource, LoadedAttachment } from "../campaign/loaded-campaign.js";
import type { Signatory } from "../campaign/signatory-schema.js";
import type { Problem } from "../core/errors.js";
import {
  checkTemplate,
  type HandlebarsEnv,
  type TemplateAst,
  type TemplateOrigin,
} from "./check-template.js";
import type { MjmlOutcome } from "./compile-mjml.thread.js";
import { deriveTextTemplate } from "./html-to-text.js";
import { mergeFieldTree } from "./known-merge-fields.js";
import { buildLanguageFields, directionOf, type LanguageFields, type MergeFields } from "./merge-fields.js";
import { COMPILE_OPTIONS } from "./template-environment.js";

export type { HandlebarsEnv } from "./check-template.js";
export type MergeTemplate = (fields: MergeFields) => string;

export interface CompiledSalutation {
  /** Fields the pattern uses; it applies only when the contact has all of them. */
  fields: string[];
  render: MergeTemplate;
}

export interface CompiledLetter {
  language: string;
  template: string;
  mjmlFile: string;
  subjectFile: string;
  /** The `.txt.hbs` file, or a note that the text part is derived from the MJML file. */
  textFile: string;
  mjmlSource: string;
  subjectSource: string;
  /** The text template (from `.txt.hbs`, or derived from the HTML). */
  textSource: string;
  /** The HTML MJML produced, with Handlebars expressions still in it. */
  htmlTemplate: string;
  html: MergeTemplate;
  subject: MergeTemplate;
  text: MergeTemplate;
  salutations: CompiledSalutation[];
  base: LanguageFields;
  attachments: LoadedAttachment[];
  /** Hash of everything the letter is rendered from (templates, salutations, signatories, attachments). */
  revision: string;
}

export function compileLetter(
  hb: HandlebarsEnv,
  source: LetterSource,
  letter: Letter,
  campaign: Campaign,
  signatories: readonly Signatory[],
  attachments: readonly LoadedAttachment[],
  /** What MJML made of `prepareMjml(source.mjml.text, source.language)`. */
  mjml: MjmlOutcome,
): { compiled?: CompiledLetter; problems: Problem[] } {
  const problems: Problem[] = [];
  const lang = source.language;
  const subjectSource = letter.subject ?? source.subject.text;
  const subjectFile = letter.subject
    ? `campaigns/${campaign.id}/campaign.json letters.${lang}.subject`
    : source.subject.file;

  // Every part goes through the template guard (syntax, unescaped output, partials, helpers), with
  // the line the parser gives; a part that fails is not compiled.
  const campaignFile = `campaigns/${campaign.id}/campaign.json`;
  // The author's parts are also checked for unknown merge fields, all of them at once; what MJML and
  // the text derivation make of them below reads the same fields, so it is not checked again.
  const guard = templateGuard(hb, problems);
  const body = mergeFieldTree("body");
  guard(source.mjml.text, { file: source.mjml.file, lines: true, fields: body });
  guard(subjectSource, {
    ...(letter.subject
      ? { file: campaignFile, field: `letters.${lang}.subject`, lines: false }
      : { file: subjectFile, lines: true }),
    fields: mergeFieldTree("subject"),
  });
  if (source.text) guard(source.text.text, { file: source.text.file, lines: true, fields: body });
  const salutations = compileSalutations(hb, letter.salutations, lang, campaignFile, guard);
  const htmlTemplate = mjmlHtml(source, mjml, problems);
  if (hasErrors(problems)) return { problems };

  // What is compiled is MJML's output (and the text derived from it, where entities are decoded), not
  // the author's file: guard those too, so nothing MJML or the HTML-to-text walk produced (`&#123;{{x}}}`
  // becomes `{{{x}}}` in the text) reaches a letter unchecked.
  const textSource = source.text?.text ?? deriveTextTemplate(htmlTemplate);
  guard(htmlTemplate, { file: source.mjml.file, lines: false, note: "in the HTML MJML produced" });
  if (!source.text) {
    guard(textSource, { file: source.mjml.file, lines: false, note: "in the text part derived from it" });
  }
  if (hasErrors(problems)) return { problems };

  const base = buildLanguageFields(
    campaign,
    signatories,
    lang,
    letter.locale ?? (lang === "en" ? "en-GB" : lang),
    letter.updatedHeading,
  );
  return {
    problems,
    compiled: {
      language: lang,
      template: source.template,
      mjmlFile: source.mjml.file,
      subjectFile,
      textFile: source.text?.file ?? `${source.mjml.file} (text part)`,
      mjmlSource: source.mjml.text,
      subjectSource,
      textSource,
      htmlTemplate,
      html: hb.compile(htmlTemplate, COMPILE_OPTIONS),
      subject: hb.compile(subjectSource, { ...COMPILE_OPTIONS, noEscape: true }),
      // A derived template keeps every line break the HTML implied; a hand-written one gets the usual
      // standalone-tag trimming its author expects.
      text: hb.compile(textSource, { ...COMPILE_OPTIONS, noEscape: true, ignoreStandalone: !source.text }),
      salutations,
      base,
      attachments: [...attachments],
      revision: letterRevision(source, subjectSource, letter, base, attachments),
    },
  };
}

/** Checks a template part: its problems join `problems`; returns its AST only when it passed. */
type TemplateGuard = (text: string, origin: TemplateOrigin) => TemplateAst | undefined;

/** A guard that runs the template checks and collects what they find into `problems`. */
function templateGuard(hb: HandlebarsEnv, problems: Problem[]): TemplateGuard {
  return (text, origin) => {
    const check = checkTemplate(hb, text, origin);
    problems.push(...check.problems);
    return check.problems.length === 0 ? check.ast : undefined;
  };
}

/** Guards and compiles the salutation patterns of a letter, skipping any that fail the guard. */
function compileSalutations(
  hb: HandlebarsEnv,
  patterns: readonly string[],
  lang: string,
  campaignFile: string,
  guard: TemplateGuard,
): CompiledSalutation[] {
  const salutations: CompiledSalutation[] = [];
  patterns.forEach((pattern, i) => {
    const ast = guard(pattern, {
      file: campaignFile,
      field: `letters.${lang}.salutations.${i}`,
      lines: false,
      fields: mergeFieldTree("salutation"),
    });
    if (ast) {
      salutations.push({
        fields: fieldsOf(ast),
        render: hb.compile(pattern, { ...COMPILE_OPTIONS, noEscape: true }),
      });
    }
  });
  return salutations;
}

/**
 * The HTML MJML made of the letter (`compile-mjml.thread.ts`), with the Handlebars expressions still in
 * it ("" when MJML failed). MJML's errors, and Handlebars expressions it dropped from the body, join
 * `problems`.
 */
function mjmlHtml(source: LetterSource, outcome: MjmlOutcome, problems: Problem[]): string {
  if ("failure" in outcome) {
    problems.push({ file: source.mjml.file, message: `MJML: ${outcome.failure}` });
    return "";
  }
  for (const e of outcome.errors) {
    problems.push({
      file: source.mjml.file,
      ...(e.line !== undefined ? { line: e.line } : {}),
      ...(e.tagName !== undefined ? { field: e.tagName } : {}),
      message: `MJML: ${e.message}`,
    });
  }
  const expected = countExpressions(bodyOf(source.mjml.text));
  if (outcome.html && countExpressions(outcome.html) < expected) {
    problems.push({
      file: source.mjml.file,
      message: "MJML dropped Handlebars expressions; keep {{...}} inside mj-text content",
    });
  }
  return outcome.html;
}

/** Hash of everything the letter is rendered from (templates, salutations, signatories, attachments). */
function letterRevision(
  source: LetterSource,
  subjectSource: string,
  letter: Letter,
  base: LanguageFields,
  attachments: readonly LoadedAttachment[],
): string {
  return createHash("sha256")
    .update(
      JSON.stringify({
        mjml: source.mjml.text,
        subject: subjectSource,
        text: source.text?.text ?? null,
        salutations: letter.salutations,
        locale: base.locale,
        signatories: base.signatories,
        headings: base.signatoryGroups.map((g) => [g.updated, g.signatories.length]),
        updated: base.updated,
        attachments: attachments.map((a) => [a.filename, a.bytes]),
      }),
    )
    .digest("hex")
    .slice(0, 12);
}

/** Whether any problem is an error (problems without a severity are errors). */
function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => (p.severity ?? "error") === "error");
}

/**
 * Sets `lang`/`dir` on the root (MJML copies them to `<html>` and the body wrapper) and wraps every
 * mj-text's content in a `dir`/`lang` block, so right-to-left letters read right in Gmail and Outlook
 * without each template having to remember it.
 */
export function prepareMjml(source: string, language: string): string {
  const dir = directionOf(language);
  let out = source.replace(/<mjml(\s[^>]*)?>/, (tag, attrs: string | undefined) => {
    let a = attrs ?? "";
    if (!/\slang\s*=/.test(a)) a += ` lang="${language}"`;
    if (!/\sdir\s*=/.test(a)) a += ` dir="${dir}"`;
    return `<mjml${a}>`;
  });
  out = out.replace(/<mj-text(\s[^>]*?)?(\/?)>/g, (tag, attrs: string | undefined, selfClosing: string) => {
    if (selfClosing) return tag;
    let a = attrs ?? "";
    if (dir === "rtl" && !/\salign\s*=/.test(a)) a += ` align="right"`;
    return `<mj-text${a}><div dir="${dir}" lang="${language}">`;
  });
  return out.replace(/<\/mj-text>/g, "</div></mj-text>");
}

/** Names of the plain `{{field}}` expressions in a small template such as a salutation pattern. */
function fieldsOf(ast: TemplateAst): string[] {
  const fields: string[] = [];
  for (const node of ast.body) {
    if (node.type === "MustacheStatement") {
      const path = (node as hbs.AST.MustacheStatement).path;
      if (path.type === "PathExpression") fields.push((path as hbs.AST.PathExpression).original);
    }
  }
  return fields;
}

/** How many Handlebars expressions (`{{`) a text has. */
function countExpressions(text: string): number {
  return text.match(/\{\{/g)?.length ?? 0;
}

/** The mj-body part of an MJML source (head expressions such as mj-title may be duplicated, never dropped). */
function bodyOf(mjml: string): string {
  const start = mjml.indexOf("<mj-body");
  return start >= 0 ? mjml.slice(start) : mjml;
}
