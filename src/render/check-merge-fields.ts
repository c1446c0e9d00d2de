/**
 * Unknown merge fields, found from the parsed template before any contact is rendered: every path a
 * template reads (`{{x}}`, a block's argument such as `{{#if titel}}`, `{{lookup}}`'s arguments) is
 * resolved against the shape of the merge fields (`known-merge-fields.ts`) in the context it is read
 * in: `{{#each signatories}}` and `{{#with partner}}` change it, `{{#if}}` does not, `../x`, `this.x`,
 * `@root.x` and block parameters (`as |s|`) are followed as Handlebars follows them. Each unknown path is
 * reported once per template, at its first line (with the others listed), with the closest known paths.
 * A strict-mode render would stop at the first of them, for the first contact that reaches it; a misspelt
 * `{{#if}}` argument would never stop it at all (it is just false). Pure.
 */
import { closestNames } from "./closest-names.js";
import { ANY, fieldPaths, type FieldNode } from "./known-merge-fields.js";

/** Names Handlebars reads from the prototype; the template guard reports them (E_TEMPLATE_FIELD). */
const GUARDED = /^(constructor|prototype|__proto__|__(define|lookup)[GS]etter__)$/;
/** Helpers a template may call: their names are not fields. */
const HELPERS: ReadonlySet<string> = new Set(["if", "unless", "each", "with", "lookup", "log"]);
const DATA_NAMES = ["index", "first", "last", "key", "root"];

/** One unknown path in a template: where it is first read and what it may have meant. */
export interface UnknownField {
  path: string;
  line: number | undefined;
  /** Later lines reading the same unknown path. */
  alsoOn: number[];
  suggestions: string[];
  /** The known field it reads into although that is a plain value (`name` of `{{name.first}}`). */
  value?: string;
  /** The block it is read in, when not at the top (`{{#each signatories}}`), and the fields there. */
  inside?: { block: string; fields: string[] };
}

interface Scope {
  node: FieldNode;
  /** The block that opened this context (`{{#each signatories}}`), for messages. */
  block?: string;
  /** Block parameters this block declares (`as |s i|`). */
  params: ReadonlyMap<string, FieldNode>;
}

type Found = Map<string, UnknownField>;

export function findUnknownFields(ast: hbs.AST.Program, root: FieldNode): UnknownField[] {
  const found: Found = new Map();
  walkProgram(ast, [{ node: root, params: new Map() }], found);
  return [...found.values()];
}

function walkProgram(program: hbs.AST.Program | undefined, stack: readonly Scope[], found: Found): void {
  for (const node of program?.body ?? []) {
    if (node.type === "MustacheStatement") checkCall(node as hbs.AST.MustacheStatement, stack, found);
    else if (node.type === "BlockStatement") walkBlock(node as hbs.AST.BlockStatement, stack, found);
  }
}

/** A block's arguments are read in the outer context; its body in the one the block opens. */
function walkBlock(block: hbs.AST.BlockStatement, stack: readonly Scope[], found: Found): void {
  const helper = helperOf(block);
  checkCall(block, stack, found);
  const argument = block.params[0];
  const target = argument ? nodeOf(argument, stack) : helper ? ANY : nodeOf(block.path, stack);
  let inner: Scope | undefined;
  const names = block.program?.blockParams ?? [];
  const label = `{{#${[helper ?? sourceOf(block.path), ...block.params.map(sourceOf)].join(" ")}}}`;
  if (helper === "each" || (!helper && target.kind === "list")) {
    const item = target.kind === "list" ? target.item : ANY;
    inner = { node: item, block: label, params: paramsOf(names, [item, ANY]) };
  } else if (helper === "with" || (!helper && target.kind === "object")) {
    inner = { node: target, block: label, params: paramsOf(names, [target]) };
  } else if (helper === "if" || helper === "unless") {
    inner = undefined;
  } else {
    // An unknown helper (the guard reports it) or a section over a plain value: context unknown.
    inner = { node: ANY, params: paramsOf(names, []) };
  }
  walkProgram(block.program, inner ? [...stack, inner] : stack, found);
  walkProgram(block.inverse, stack, found);
}

function paramsOf(names: readonly string[], nodes: readonly FieldNode[]): Map<string, FieldNode> {
  return new Map(names.map((n, i) => [n, nodes[i] ?? ANY]));
}

type Call = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;

/** The helper a call names, if it is one (a call with arguments, or a known helper's name). */
function helperOf(call: Call): string | undefined {
  if (call.path.type !== "PathExpression") return undefined;
  const path = call.path as hbs.AST.PathExpression;
  const single =
    !path.data && path.depth === 0 && path.parts.length === 1 && !/^(\.|this\b)/.test(path.original);
  if (!single) return undefined;
  const name = path.parts[0] ?? "";
  const isCall = call.params.length > 0 || (call.hash?.pairs.length ?? 0) > 0;
  return isCall || HELPERS.has(name) ? name : undefined;
}

/** Checks what a call reads: its path when it is a field, then every argument and hash value. */
function checkCall(call: Call, stack: readonly Scope[], found: Found): void {
  if (!helperOf(call)) checkExpression(call.path, stack, found);
  for (const param of call.params) checkExpression(param, stack, found);
  for (const pair of call.hash?.pairs ?? []) checkExpression(pair.value, stack, found);
}

function checkExpression(node: hbs.AST.Expression, stack: readonly Scope[], found: Found): void {
  if (node.type === "SubExpression") checkCall(node as hbs.AST.SubExpression, stack, found);
  else if (node.type === "PathExpression") checkPath(node as hbs.AST.PathExpression, stack, found);
}

function checkPath(path: hbs.AST.PathExpression, stack: readonly Scope[], found: Found): void {
  if (path.parts.some((p) => GUARDED.test(p))) return;
  const resolved = resolve(path, stack);
  if (resolved.node) return;
  const line = (path.loc as hbs.AST.SourceLocation | undefined)?.start.line;
  const key = `${path.original}\u0000${resolved.scope.block ?? ""}`;
  const seen = found.get(key);
  if (seen) {
    if (line !== undefined && line !== seen.line && !seen.alsoOn.includes(line)) seen.alsoOn.push(line);
    return;
  }
  const scope = resolved.scope;
  found.set(key, {
    path: path.original,
    line,
    alsoOn: [],
    suggestions: resolved.value ? [] : suggest(path, resolved.candidates, stack),
    ...(resolved.value ? { value: resolved.value } : {}),
    ...(scope.block ? { inside: { block: scope.block, fields: fieldPaths(scope.node) } } : {}),
  });
}

interface Resolution {
  /** The node the path leads to; undefined when it leads nowhere known. */
  node: FieldNode | undefined;
  /** The context it was read in. */
  scope: Scope;
  /** The known names there, written as the path would need to be written. */
  candidates: string[];
  /** The known field the path goes on from although it is a plain value (`name` of `name.first`). */
  value?: string;
}

/** Follows a path as Handlebars does: data (`@index`, `@root.x`), `../`, `this.`, block parameters. */
function resolve(path: hbs.AST.PathExpression, stack: readonly Scope[]): Resolution {
  const top = stack[stack.length - 1] ?? { node: ANY, params: new Map() };
  const root = stack[0] ?? top;
  if (path.data) {
    const [first = "", ...rest] = path.parts;
    if (first === "root") return follow(rest, root, "@root.");
    const ok = DATA_NAMES.includes(first) && rest.length === 0;
    return { node: ok ? ANY : undefined, scope: top, candidates: DATA_NAMES.map((n) => `@${n}`) };
  }
  const scoped = /^(\.|this\b)/.test(path.original);
  if (path.depth > 0 || scoped) {
    const scope = stack[stack.length - 1 - path.depth];
    const prefix = path.original.slice(0, path.original.length - path.parts.join(".").length);
    if (!scope) return { node: undefined, scope: top, candidates: [] };
    return follow(path.parts, scope, prefix);
  }
  const [first = "", ...rest] = path.parts;
  for (let i = stack.length - 1; i >= 0; i--) {
    const param = stack[i]?.params.get(first);
    if (param) {
      const r = follow(rest, { node: param, params: new Map() }, `${first}.`);
      return { ...r, scope: top };
    }
  }
  return follow(path.parts, top, "");
}

/** Walks `parts` down from a scope's node; lists take item numbers and `length`. */
function follow(parts: readonly string[], scope: Scope, prefix: string): Resolution {
  let node: FieldNode | undefined = scope.node;
  for (const [i, part] of parts.entries()) {
    if (!node) break;
    if (node.kind === "any") return { node, scope, candidates: [] };
    if (node.kind === "value") {
      return { node: undefined, scope, candidates: [], value: prefix + parts.slice(0, i).join(".") };
    }
    if (node.kind === "object") node = Object.hasOwn(node.fields, part) ? node.fields[part] : undefined;
    else if (node.kind === "list")
      node = /^\d+$/.test(part) ? node.item : part === "length" ? ANY : undefined;
    else node = undefined;
  }
  return { node, scope, candidates: fieldPaths(scope.node).map((p) => prefix + p) };
}

/**
 * The closest known paths in the context; failing those, the same path one or more contexts up
 * (`{{sender.name}}` inside `{{#each signatories}}` means `../sender.name`).
 */
function suggest(path: hbs.AST.PathExpression, candidates: string[], stack: readonly Scope[]): string[] {
  const close = closestNames(path.original, candidates);
  if (close.length || path.data || path.depth > 0) return close;
  for (let up = 1; up < stack.length; up++) {
    const scope = stack[stack.length - 1 - up];
    if (scope && follow(path.parts, scope, "").node) return [`${"../".repeat(up)}${path.original}`];
  }
  return [];
}

/** The node a path leads to, ANY when unknown or not a path (the walk goes on either way). */
function nodeOf(expression: hbs.AST.Expression, stack: readonly Scope[]): FieldNode {
  if (expression.type !== "PathExpression") return ANY;
  return resolve(expression as hbs.AST.PathExpression, stack).node ?? ANY;
}

/** What the author wrote for a block argument, for messages (`signatories`, `(lookup a b)`). */
function sourceOf(expression: hbs.AST.Expression): string {
  const original = (expression as { original?: unknown }).original;
  return typeof original === "string" ? original : expression.type === "SubExpression" ? "(…)" : "";
}
