/**
 * Compiles one letter in one language, once: MJML → HTML (Handlebars expressions pass through MJML
 * untouched because they sit in text content), then Handlebars-compiles the HTML, the subject and the
 * text part in strict mode. Every problem is returned with its template file and line.
 * Pure apart from MJML's own work (includes are disabled, no fonts are fetched).
 */
import { createHash } from "node:crypto";
import type Handlebars from "handlebars";
import type { Campaign, Letter } from "../campaign/campaign-schema.js";
import type { LetterSource, LoadedAttachment } from "../campaign/loaded-campaign.js";
import type { Signatory } from "../campaign/signatory-schema.js";
import type { Problem } from "../core/errors.js";
import { deriveTextTemplate } from "./html-to-text.js";
import { buildLanguageFields, directionOf, type LanguageFields, type MergeFields } from "./merge-fields.js";

export type HandlebarsEnv = typeof Handlebars;
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

const STRICT = { strict: true, knownHelpersOnly: true } as const;

export async function compileLetter(
  hb: HandlebarsEnv,
  source: LetterSource,
  letter: Letter,
  campaign: Campaign,
  signatories: readonly Signatory[],
  attachments: readonly LoadedAttachment[],
): Promise<{ compiled?: CompiledLetter; problems: Problem[] }> {
  const problems: Problem[] = [];
  const lang = source.language;
  const subjectSource = letter.subject ?? source.subject.text;
  const subjectFile = letter.subject
    ? `campaigns/${campaign.id}/campaign.json letters.${lang}.subject`
    : source.subject.file;

  checkSyntax(hb, source.mjml.text, source.mjml.file, problems);
  checkSyntax(hb, subjectSource, subjectFile, problems);
  if (source.text) checkSyntax(hb, source.text.text, source.text.file, problems);
  if (/\{\{\{|\{\{~?\s*&/.test(source.mjml.text)) {
    problems.push({
      file: source.mjml.file,
      line: lineOf(source.mjml.text, /\{\{\{|\{\{~?\s*&/),
      message: "triple braces or {{& }} insert data without HTML escaping; use {{field}}",
    });
  }
  const salutations: CompiledSalutation[] = [];
  letter.salutations.forEach((pattern, i) => {
    const file = `campaigns/${campaign.id}/campaign.json`;
    if (checkSyntax(hb, pattern, file, problems, `letters.${lang}.salutations.${i}`)) {
      salutations.push({
        fields: fieldsOf(hb, pattern),
        render: hb.compile(pattern, { ...STRICT, noEscape: true }),
      });
    }
  });

  let htmlTemplate = "";
  try {
    // mjml is loaded on first use: it is the slowest module to load, and most commands never compile MJML.
    const { default: mjml2html } = await import("mjml");
    const result = await mjml2html(prepareMjml(source.mjml.text, lang), {
      validationLevel: "soft",
      fonts: {},
      keepComments: false,
      ignoreIncludes: true,
    });
    htmlTemplate = result.html;
    for (const e of result.errors) {
      problems.push({
        file: source.mjml.file,
        line: e.line,
        field: e.tagName,
        message: `MJML: ${e.message}`,
      });
    }
  } catch (e) {
    problems.push({ file: source.mjml.file, message: `MJML: ${(e as Error).message}` });
  }
  const expected = countExpressions(bodyOf(source.mjml.text));
  if (htmlTemplate && countExpressions(htmlTemplate) < expected) {
    problems.push({
      file: source.mjml.file,
      message: "MJML dropped Handlebars expressions; keep {{...}} inside mj-text content",
    });
  }
  if (problems.some((p) => (p.severity ?? "error") === "error")) return { problems };

  const base = buildLanguageFields(
    campaign,
    signatories,
    lang,
    letter.locale ?? (lang === "en" ? "en-GB" : lang),
  );
  const textSource = source.text?.text ?? deriveTextTemplate(htmlTemplate);
  const revision = createHash("sha256")
    .update(
      JSON.stringify({
        mjml: source.mjml.text,
        subject: subjectSource,
        text: source.text?.text ?? null,
        salutations: letter.salutations,
        locale: base.locale,
        signatories: base.signatories,
        updated: base.updated,
        attachments: attachments.map((a) => [a.filename, a.bytes]),
      }),
    )
    .digest("hex")
    .slice(0, 12);
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
      html: hb.compile(htmlTemplate, STRICT),
      subject: hb.compile(subjectSource, { ...STRICT, noEscape: true }),
      // A derived template keeps every line break the HTML implied; a hand-written one gets the usual
      // standalone-tag trimming its author expects.
      text: hb.compile(textSource, { ...STRICT, noEscape: true, ignoreStandalone: !source.text }),
      salutations,
      base,
      attachments: [...attachments],
      revision,
    },
  };
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

function checkSyntax(
  hb: HandlebarsEnv,
  text: string,
  file: string,
  problems: Problem[],
  field?: string,
): boolean {
  try {
    hb.parse(text);
    return true;
  } catch (e) {
    const message = (e as Error).message;
    const line = /line (\d+)/.exec(message)?.[1];
    problems.push({
      file,
      ...(line ? { line: Number(line) } : {}),
      ...(field ? { field } : {}),
      message: `Handlebars: ${message.split("\n")[0] ?? message}`,
    });
    return false;
  }
}

/** Names of the plain `{{field}}` expressions in a small template such as a salutation pattern. */
function fieldsOf(hb: HandlebarsEnv, pattern: string): string[] {
  const fields: string[] = [];
  for (const node of hb.parse(pattern).body) {
    if (node.type === "MustacheStatement") {
      const path = (node as unknown as { path: { type: string; original?: string } }).path;
      if (path.type === "PathExpression" && path.original) fields.push(path.original);
    }
  }
  return fields;
}

function countExpressions(text: string): number {
  return text.match(/\{\{/g)?.length ?? 0;
}

/** The mj-body part of an MJML source (head expressions such as mj-title may be duplicated, never dropped). */
function bodyOf(mjml: string): string {
  const start = mjml.indexOf("<mj-body");
  return start >= 0 ? mjml.slice(start) : mjml;
}

export function lineOf(text: string, pattern: RegExp): number | undefined {
  const index = text.search(pattern);
  return index < 0 ? undefined : text.slice(0, index).split("\n").length;
}
