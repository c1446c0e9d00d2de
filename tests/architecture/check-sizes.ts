/**
 * The size rule behind tests/architecture.test.ts: no file in `src/` over {@link MAX_FILE_LINES} lines and
 * no function over {@link MAX_FUNCTION_LINES} lines (counted from the line of its declaration to the line
 * of its closing brace). Pure: it is given the texts. Functions are found with the TypeScript parser:
 * declarations, methods, accessors, constructors, and arrow or function expressions (an arrow inside a
 * bigger function counts on its own and inside its parent).
 */
import ts from "typescript";
import type { SourceText } from "./check-architecture.js";

export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 80;

export interface SizeViolation {
  file: string;
  line: number;
  rule: "file-size" | "function-size";
  /** The function's name (`sendCampaign`, `<arrow in createRenderer>`), or the file name. */
  name: string;
  lines: number;
}

function lineCount(text: string): number {
  if (text.length === 0) return 0;
  const n = text.split("\n").length;
  return text.endsWith("\n") ? n - 1 : n;
}

function nameOf(node: ts.Node, parentName: string | undefined): string {
  if (
    (ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isGetAccessor(node) ||
      ts.isSetAccessor(node)) &&
    node.name
  ) {
    return node.name.getText();
  }
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText();
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  return `<function in ${parentName ?? "module"}>`;
}

/** Every file and function of `files` over the limits, in file order. */
export function checkSizes(files: readonly SourceText[]): SizeViolation[] {
  const found: SizeViolation[] = [];
  for (const file of files) {
    const lines = lineCount(file.text);
    if (lines > MAX_FILE_LINES) {
      found.push({
        file: file.path,
        line: 1,
        rule: "file-size",
        name: file.path.split("/").at(-1) ?? file.path,
        lines,
      });
    }
    const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node, parentName: string | undefined): void => {
      let name = parentName;
      if (ts.isFunctionLike(node) && "body" in node && node.body) {
        name = nameOf(node, parentName);
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        const length = end - start + 1;
        if (length > MAX_FUNCTION_LINES) {
          found.push({ file: file.path, line: start + 1, rule: "function-size", name, lines: length });
        }
      }
      ts.forEachChild(node, (child) => visit(child, name));
    };
    visit(source, undefined);
  }
  return found;
}

export function formatSizeViolation(v: SizeViolation): string {
  return v.rule === "file-size"
    ? `${v.file}: ${v.lines} lines (at most ${MAX_FILE_LINES})`
    : `${v.file}:${v.line} ${v.name}: ${v.lines} lines (at most ${MAX_FUNCTION_LINES})`;
}
