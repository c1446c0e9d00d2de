/**
 * The template guard: parses a Handlebars template and walks the whole tree (blocks, `{{else}}` and
 * `{{else if}}` branches, sub-expressions, hash values) for everything a letter template may not do,
 * each reported with its code and the line the parser gives:
 *
 * - unescaped output in any form (`{{{x}}}`, `{{~{x}~}}`, `{{& x}}`, ...): E_TEMPLATE_UNESCAPED. It is
 *   refused in every part, not only the HTML: the subject and text part are not HTML-escaped anyway
 *   (so it buys nothing there), and one rule everywhere means a line copied from the text part into the
 *   MJML can never open a hole;
 * - partials and decorators (`{{> x}}`, `{{#> x}}`, `{{#*inline}}`): E_TEMPLATE_PARTIAL; a letter is
 *   one file per language, and nothing is registered to resolve them;
 * - helpers other than if, unless, each, with and lookup, including `log` (it writes to the console)
 *   and Handlebars' internal ones: E_TEMPLATE_HELPER;
 * - a helper with the wrong number of arguments (`{{#if}}`, `{{#each}}`, `{{lookup x}}`):
 *   E_TEMPLATE_ARGUMENTS;
 * - a path through an object's prototype (`{{constructor}}`, `{{x.__proto__}}`): E_TEMPLATE_FIELD;
 * - with the part's merge fields given (`origin.fields`), every path that is not one of them, with the
 *   closest known ones: E_TEMPLATE_UNKNOWN_FIELD (`check-merge-fields.ts`).
 *
 * A template that does not parse is E_TEMPLATE_SYNTAX with the parser's whole message, at the line of
 * the tag at fault (`parse-error.ts`).
 *
 * The AST is the template's own reading of the text, so no spelling (whitespace control, `&`, a
 * `{{else}}` branch) slips past as it could past a regex. Pure.
 */
import type Handlebars from "handlebars";
import type { Problem } from "../core/errors.js";
import type { ErrorCode } from "../core/error-codes.js";
import { findUnknownFields } from "./check-merge-fields.js";
import type { FieldNode } from "./known-merge-fields.js";
import { describeParseError } from "./parse-error.js";

export type HandlebarsEnv = typeof Handlebars;

/** The helpers a template may use; the environment (`template-environment.ts`) has no others. */
export const BLOCK_HELPERS: ReadonlySet<string> = new Set(["if", "unless", "each", "with"]);
const AVAILABLE = "if, unless, each, with and lookup";
/** Registered by Handlebars but not for templates: `log` prints, the other two are internal hooks. */
const UNAVAILABLE_HELPERS: ReadonlySet<string> = new Set(["log", "helperMissing", "blockHelperMissing"]);
/** Names that lead into a prototype instead of a merge field. */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set([
  "constructor",
  "prototype",
  "__proto__",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
]);

/** Where a template's text comes from: a file (lines mean something) or a JSON setting (they do not). */
export interface TemplateOrigin {
  file: string;
  /** A JSON path for templates inside campaign.json (subject, salutations). */
  field?: string;
  /** Whether the parser's lines are lines of `file` (false for settings and for generated templates). */
  lines: boolean;
  /** Added to each message, e.g. "in the HTML MJML produced". */
  note?: string;
  /** The merge fields this part can use: every path it reads that is not among them is reported. */
  fields?: FieldNode;
}

export type TemplateAst = hbs.AST.Program;

export interface TemplateCheck {
  /** The parsed template, when it parses. */
  ast?: TemplateAst;
  problems: Problem[];
}

export function checkTemplate(hb: HandlebarsEnv, text: string, origin: TemplateOrigin): TemplateCheck {
  const problems: Problem[] = [];
  const report: Report = (code, message, line, field) =>
    problems.push({
      code,
      file: origin.file,
      ...(origin.lines && line !== undefined ? { line } : {}),
      // A setting's JSON path names the place; in a file, the merge field does.
      ...(origin.field ? { field: origin.field } : field ? { field } : {}),
      message: origin.note ? `${message} (${origin.note})` : message,
    });
  let ast: TemplateAst;
  try {
    ast = hb.parse(text);
  } catch (e) {
    const parsed = describeParseError(e, text);
    report("E_TEMPLATE_SYNTAX", parsed.message, parsed.line);
    return { problems };
  }
  walkProgram(ast, report);
  if (origin.fields) reportUnknownFields(ast, origin.fields, report);
  return { ast, problems };
}

type Report = (code: ErrorCode, message: string, line: number | undefined, field?: string) => void;

/** Every path the template reads that its part has no merge field for, with the closest known ones. */
function reportUnknownFields(ast: TemplateAst, fields: FieldNode, report: Report): void {
  for (const unknown of findUnknownFields(ast, fields)) {
    const also = unknown.alsoOn.length
      ? ` (also on line${unknown.alsoOn.length > 1 ? "s" : ""} ${unknown.alsoOn.join(", ")})`
      : "";
    const inside = unknown.inside
      ? ` inside ${unknown.inside.block}, which has ${unknown.inside.fields.join(", ") || "no fields"}`
      : "";
    const hint = unknown.value
      ? `: "${unknown.value}" is a plain value, with no fields`
      : unknown.suggestions.length
        ? `; did you mean ${unknown.suggestions.map((s) => `"${s}"`).join(" or ")}?`
        : "; see README, Templates and merge fields, for the fields a letter can use";
    report(
      "E_TEMPLATE_UNKNOWN_FIELD",
      `unknown merge field "${unknown.path}"${inside}${also}${hint}`,
      unknown.line,
      unknown.path,
    );
  }
}

function lineOf(node: hbs.AST.Node): number | undefined {
  return (node.loc as hbs.AST.SourceLocation | undefined)?.start.line;
}

function walkProgram(program: hbs.AST.Program | undefined, report: Report): void {
  for (const node of program?.body ?? []) walkStatement(node, report);
}

function walkStatement(node: hbs.AST.Statement, report: Report): void {
  const line = lineOf(node);
  switch (node.type) {
    case "MustacheStatement": {
      const m = node as hbs.AST.MustacheStatement;
      if (m.escaped === false) {
        report(
          "E_TEMPLATE_UNESCAPED",
          `{{{${nameOf(m.path) ?? "…"}}}} inserts data without HTML escaping (triple braces or {{& }}); use {{${nameOf(m.path) ?? "field"}}}`,
          line,
        );
      }
      checkCall(m, "mustache", report);
      return;
    }
    case "BlockStatement": {
      const b = node as hbs.AST.BlockStatement;
      checkCall(b, "block", report);
      walkProgram(b.program, report);
      walkProgram(b.inverse, report);
      return;
    }
    case "PartialStatement":
    case "PartialBlockStatement": {
      const p = node as hbs.AST.PartialStatement;
      report(
        "E_TEMPLATE_PARTIAL",
        `partial ${nameOf(p.name) ?? "(dynamic)"} is not available: a letter template is one file per language`,
        line,
      );
      return;
    }
    case "Decorator":
    case "DecoratorBlock":
      report(
        "E_TEMPLATE_PARTIAL",
        "decorators ({{* }}, {{#* }}) are not available in letter templates",
        line,
      );
      return;
    default:
      // Content and comments carry no expression.
      return;
  }
}

type Call = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;

/** Checks a mustache, block or sub-expression: its helper, its arguments, its paths. */
function checkCall(node: Call, kind: "mustache" | "block" | "subexpression", report: Report): void {
  const line = lineOf(node);
  const params = node.params ?? [];
  const pairs = node.hash?.pairs ?? [];
  const helper = helperName(node.path);
  const isCall = params.length > 0 || pairs.length > 0;
  if (helper !== undefined && UNAVAILABLE_HELPERS.has(helper)) {
    report("E_TEMPLATE_HELPER", `{{${helper}}} is not available in templates; use ${AVAILABLE}`, line);
  } else if (helper !== undefined && BLOCK_HELPERS.has(helper)) {
    if (kind !== "block") {
      report(
        "E_TEMPLATE_HELPER",
        `${helper} is a block helper: write {{#${helper} x}}...{{/${helper}}}`,
        line,
      );
    } else if (params.length !== 1) {
      report(
        "E_TEMPLATE_ARGUMENTS",
        `{{#${helper}}} needs exactly one argument (e.g. {{#${helper} title}}), got ${params.length}`,
        line,
      );
    }
  } else if (helper === "lookup") {
    if (kind === "block") {
      report("E_TEMPLATE_HELPER", "lookup is not a block helper: write {{lookup object key}}", line);
    } else if (params.length !== 2) {
      report(
        "E_TEMPLATE_ARGUMENTS",
        `{{lookup}} needs exactly two arguments (an object and a key), got ${params.length}`,
        line,
      );
    }
    const key = params[1];
    if (key?.type === "StringLiteral" && PROTOTYPE_NAMES.has((key as hbs.AST.StringLiteral).value)) {
      report("E_TEMPLATE_FIELD", `"${(key as hbs.AST.StringLiteral).value}" is not a merge field`, line);
    }
  } else if (isCall || node.path.type !== "PathExpression") {
    const name = nameOf(node.path) ?? "(expression)";
    report("E_TEMPLATE_HELPER", `unknown helper "${name}"; the helpers available are ${AVAILABLE}`, line);
  }
  checkPath(node.path, report, line);
  for (const p of params) checkExpression(p, report);
  for (const pair of pairs) checkExpression(pair.value, report);
}

function checkExpression(node: hbs.AST.Expression, report: Report): void {
  if (node.type === "SubExpression") checkCall(node as hbs.AST.SubExpression, "subexpression", report);
  else checkPath(node, report, lineOf(node));
}

function checkPath(node: hbs.AST.Expression | hbs.AST.PathExpression, report: Report, line?: number) {
  if (node.type !== "PathExpression") return;
  const path = node as hbs.AST.PathExpression;
  const bad = path.parts.find((p) => PROTOTYPE_NAMES.has(p));
  if (bad !== undefined) report("E_TEMPLATE_FIELD", `"${path.original}" is not a merge field`, line);
}

/**
 * The helper a path names, as Handlebars decides it: a single-part path that is not scoped (`this.x`,
 * `./x`), not data (`@x`) and not up a level (`../x`).
 */
function helperName(path: hbs.AST.Expression | hbs.AST.PathExpression): string | undefined {
  if (path.type !== "PathExpression") return undefined;
  const p = path as hbs.AST.PathExpression;
  if (p.data || p.depth > 0 || p.parts.length !== 1 || /^(\.|this\b)/.test(p.original)) return undefined;
  return p.parts[0];
}

/** What the author wrote for a path or literal (`title`, `this.log`, `"x"`); undefined for a sub-expression. */
function nameOf(node: hbs.AST.Node): string | undefined {
  const original = (node as { original?: string | number | boolean }).original;
  return original === undefined ? undefined : String(original);
}
