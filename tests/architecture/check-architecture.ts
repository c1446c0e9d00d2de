/**
 * The checker behind tests/architecture.test.ts: reads source texts (it is given them, it reads no disk)
 * and returns every place that breaks the rules docs/ARCHITECTURE.md promises. Pure.
 *
 * - `stage-order`: a stage imports a stage that comes later in the table (the pipeline runs one way).
 * - `shared-layer`: `src/core/` imports any other stage (the shared layer sits under all of them).
 * - `io-fs`, `io-network`, `io-clock`, `io-random`, `io-timer`, `io-process`: a pure file touches the disk
 *   (`node:fs`), opens a socket or a child process (`node:net`, `node:http`, …), reads the clock
 *   (`Date.now()`, argument-less `new Date()`), draws randomness (`Math.random`, `randomBytes`,
 *   `randomUUID`), starts a timer or reads the process (`process.`). Only the I/O files may: `*.fs.ts`,
 *   `*.http.ts`, `*.smtp.ts`, `*.imap.ts`, `*.dns.ts`, `*.thread.ts`, `src/cli/`, and the system clock. Type-only imports never count: no code runs.
 *
 * Imports are found with the TypeScript parser, not a regex: static imports, `export … from`, dynamic
 * `import()` with a literal and `import("…")` types all count, and comments or strings never do.
 */
import ts from "typescript";

export type RuleId =
  | "stage-order"
  | "shared-layer"
  | "io-fs"
  | "io-network"
  | "io-clock"
  | "io-random"
  | "io-timer"
  | "io-process";

export interface SourceText {
  /** Repository-relative, with forward slashes: `src/send/limiter.ts`. */
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  line: number;
  rule: RuleId;
  /** What was found: the import specifier, or the expression (`Date.now()`, `process.env`). */
  found: string;
  message: string;
}

export interface ArchitectureRules {
  /** Stage folders under `src/`, earliest first. A file in `src/` outside any folder (the entry) is last. */
  stages: readonly string[];
  /** The shared layer: may import no other stage. */
  sharedStage: string;
  /** Whether a file may touch the disk, clock, randomness, timers and process. */
  isIoFile: (path: string) => boolean;
}

/** Stage of a `src/` path: its first folder, or `null` for a file directly in `src/` or outside it. */
export function stageOf(path: string): string | null {
  const m = /^src\/([^/]+)\//.exec(path);
  return m?.[1] ?? null;
}

/** The I/O files of this repository, as docs/ARCHITECTURE.md names them. */
export function isIoFile(path: string): boolean {
  return (
    /\.(fs|http|smtp|imap|dns|thread)\.ts$/.test(path) ||
    path.startsWith("src/cli/") ||
    path === "src/core/system-clock.ts"
  );
}

/**
 * The stage folders in the order of the table in docs/ARCHITECTURE.md (rows whose first cell is
 * `` `src/<folder>/` ``), so the test enforces the page, not a second copy of it.
 */
export function stagesFromArchitecturePage(markdown: string): string[] {
  const stages: string[] = [];
  for (const line of markdown.split("\n")) {
    const m = /^\|\s*`src\/([a-z0-9-]+)\/`\s*\|/.exec(line);
    if (m?.[1] && !stages.includes(m[1])) stages.push(m[1]);
  }
  return stages;
}

const nodeModules = (...names: string[]) => new Set(names.flatMap((m) => [m, `node:${m}`]));

/** Built-in modules a pure file may not import, with the rule and what importing them means. */
const EFFECT_MODULES: readonly [ReadonlySet<string>, RuleId, string][] = [
  [nodeModules("fs", "fs/promises"), "io-fs", "imports the file system"],
  [
    nodeModules("net", "http", "https", "http2", "tls", "dgram", "dns", "dns/promises"),
    "io-network",
    "imports the network",
  ],
  [nodeModules("timers", "timers/promises"), "io-timer", "imports timers"],
  [nodeModules("process", "child_process", "worker_threads"), "io-process", "imports the process"],
];
const CRYPTO_MODULES = nodeModules("crypto");
const RANDOM_NAMES = new Set([
  "randomBytes",
  "randomUUID",
  "randomInt",
  "randomFill",
  "randomFillSync",
  "getRandomValues",
]);
const TIMER_NAMES = new Set(["setTimeout", "setInterval", "setImmediate"]);

interface ModuleReference {
  specifier: string;
  /** The names a static import binds (`import { a, b as c }` → `a`, `b`). */
  names: readonly string[];
  line: number;
  /** `import type`, `export type` or an `import("…")` type: no code runs. */
  typeOnly: boolean;
}

export function checkArchitecture(files: readonly SourceText[], rules: ArchitectureRules): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    if (!file.path.startsWith("src/") || !file.path.endsWith(".ts")) continue;
    const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const io = rules.isIoFile(file.path);
    const add = (line: number, rule: RuleId, found: string, message: string) =>
      violations.push({ file: file.path, line, rule, found, message });
    const stage = stageOf(file.path);
    if (stage !== null && !rules.stages.includes(stage)) {
      add(
        1,
        "stage-order",
        `src/${stage}/`,
        "is in a folder that is not a stage in docs/ARCHITECTURE.md's table",
      );
    }

    for (const ref of moduleReferences(source, lineOf)) {
      checkLayer(file.path, ref, rules, add);
      if (io || ref.typeOnly) continue;
      for (const [modules, rule, message] of EFFECT_MODULES) {
        if (modules.has(ref.specifier)) add(ref.line, rule, ref.specifier, message);
      }
      if (CRYPTO_MODULES.has(ref.specifier)) {
        for (const n of ref.names.filter((n) => RANDOM_NAMES.has(n))) {
          add(ref.line, "io-random", n, "draws randomness");
        }
      }
    }
    if (!io) checkEffects(source, lineOf, add);
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function checkLayer(
  path: string,
  ref: ModuleReference,
  rules: ArchitectureRules,
  add: (line: number, rule: RuleId, found: string, message: string) => void,
): void {
  if (!ref.specifier.startsWith(".")) return;
  const target = resolveRelative(path, ref.specifier);
  if (!target.startsWith("src/")) return;
  const from = stageOf(path);
  const to = stageOf(target);
  if (from === to) return;
  const rank = (stage: string | null) => (stage === null ? rules.stages.length : rules.stages.indexOf(stage));
  const fromRank = rank(from);
  const toRank = rank(to);
  // A folder missing from the table is reported once, for its own files (see checkArchitecture).
  if (fromRank < 0 || toRank < 0) return;
  const name = (stage: string | null) => (stage === null ? "the entry point src/index.ts" : `${stage}/`);
  if (from === rules.sharedStage) {
    add(ref.line, "shared-layer", ref.specifier, `the shared layer ${name(from)} imports ${name(to)}`);
  } else if (toRank > fromRank) {
    add(ref.line, "stage-order", ref.specifier, `${name(from)} imports ${name(to)}, a later stage`);
  }
}

/** `src/send/x.ts` + `../cli/output.js` → `src/cli/output.js`. */
export function resolveRelative(from: string, specifier: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const seg of specifier.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

function moduleReferences(source: ts.SourceFile, lineOf: (node: ts.Node) => number): ModuleReference[] {
  const refs: ModuleReference[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      const names =
        clause?.namedBindings && ts.isNamedImports(clause.namedBindings)
          ? clause.namedBindings.elements.map((e) => (e.propertyName ?? e.name).text)
          : [];
      refs.push({ specifier: node.moduleSpecifier.text, names, line: lineOf(node), typeOnly });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      refs.push({
        specifier: node.moduleSpecifier.text,
        names: [],
        line: lineOf(node),
        typeOnly: node.isTypeOnly,
      });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      refs.push({ specifier: node.arguments[0].text, names: [], line: lineOf(node), typeOnly: false });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      refs.push({ specifier: node.argument.literal.text, names: [], line: lineOf(node), typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

function checkEffects(
  source: ts.SourceFile,
  lineOf: (node: ts.Node) => number,
  add: (line: number, rule: RuleId, found: string, message: string) => void,
): void {
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const object = node.expression.text;
      const property = node.name.text;
      if (object === "Date" && property === "now") {
        add(lineOf(node), "io-clock", "Date.now()", "reads the clock");
      }
      if (object === "Math" && property === "random") {
        add(lineOf(node), "io-random", "Math.random", "draws randomness");
      }
      if (object === "process") add(lineOf(node), "io-process", `process.${property}`, "reads the process");
      if (object === "crypto" && RANDOM_NAMES.has(property)) {
        add(lineOf(node), "io-random", `crypto.${property}`, "draws randomness");
      }
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "Date" &&
      (node.arguments === undefined || node.arguments.length === 0)
    ) {
      add(lineOf(node), "io-clock", "new Date()", "reads the clock");
    } else if (ts.isIdentifier(node) && TIMER_NAMES.has(node.text) && isValueReference(node)) {
      add(lineOf(node), "io-timer", node.text, "starts a timer");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

/** `setTimeout(…)` or `{ sleep: setTimeout }`, but not `clock.setTimeout`, `{ setTimeout: … }` or a declaration. */
function isValueReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === node) {
    return false;
  }
  if (ts.isMethodDeclaration(parent) || ts.isMethodSignature(parent)) return parent.name !== node;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return false;
  if (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent)) {
    return parent.name !== node;
  }
  if (ts.isBindingElement(parent) && parent.name === node) return false;
  // `ReturnType<typeof setTimeout>` names the type, it starts nothing.
  return !(ts.isTypeReferenceNode(parent) || ts.isQualifiedName(parent) || ts.isTypeQueryNode(parent));
}

/** `src/send/format-summary.ts:2 stage-order: send/ imports cli/, a later stage (../cli/output.js)`. */
export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line} ${v.rule}: ${v.message} (${v.found})`;
}

/** A known break of the rules, kept visible until the issue that removes it is done. */
export interface AllowedViolation {
  file: string;
  rule: RuleId;
  /** The specifier or expression allowed; every occurrence in the file when omitted. */
  found?: string;
  reason: string;
  /** Which item of which issue removes it, e.g. `issue 11 item 3`. */
  until: string;
}

/** Splits violations into those the allow-list covers and the rest, and reports entries that matched nothing. */
export function applyAllowList(
  violations: readonly Violation[],
  allowed: readonly AllowedViolation[],
): { remaining: Violation[]; unused: AllowedViolation[] } {
  const matches = (a: AllowedViolation, v: Violation) =>
    a.file === v.file && a.rule === v.rule && (a.found === undefined || a.found === v.found);
  const remaining = violations.filter((v) => !allowed.some((a) => matches(a, v)));
  const unused = allowed.filter((a) => !violations.some((v) => matches(a, v)));
  return { remaining, unused };
}
