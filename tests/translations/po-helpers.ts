/** Helpers for the translation tests: the CLI's export/import on a temp workspace, and gettext's msgfmt. */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { ManualClock } from "../../src/core/clock.js";
import { runInProcess, type CliRun } from "../helpers/cli.js";

export const ID = "wcit-2012";
export const TRANSLATIONS = ["es", "fr", "zh", "th", "ur", "bn"] as const;
export const CLOCK = new ManualClock(Date.UTC(2012, 10, 20, 9, 30));

export function run(ws: string, ...args: string[]): Promise<CliRun> {
  return runInProcess(args, { workspace: ws, clock: CLOCK });
}

export function poPath(ws: string, lang: string): string {
  return join(ws, `${lang}.po`);
}

/** `translations export` to `<ws>/<lang>.po`; throws with the CLI's stderr when it fails. */
export async function exportPo(ws: string, lang: string): Promise<string> {
  const r = await run(ws, "translations", "export", ID, "--lang", lang, "--out", poPath(ws, lang));
  if (r.code !== 0) throw new Error(`export ${lang} failed (${r.code}): ${r.stderr}`);
  return readFile(poPath(ws, lang), "utf8");
}

/** Every file of the example letter's folder, by name. */
export async function letterFiles(ws: string): Promise<Map<string, string>> {
  const { readdir } = await import("node:fs/promises");
  const dir = join(ws, "templates", "itu-letter");
  const names = (await readdir(dir)).sort();
  return new Map(
    await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), "utf8")] as const)),
  );
}

/** Export then import every translation unchanged: the record of which English each segment was made from. */
export async function recordBaseline(ws: string): Promise<void> {
  for (const lang of TRANSLATIONS) {
    await exportPo(ws, lang);
    const r = await run(ws, "translations", "import", ID, poPath(ws, lang));
    if (r.code !== 0) throw new Error(`import ${lang} failed (${r.code}): ${r.stderr}`);
  }
}

/** gettext's own check of a PO file (format, header, duplicate entries). */
export async function msgfmtCheck(path: string): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await promisify(execFile)("msgfmt", ["--check", "-o", "/dev/null", path]);
    return { code: 0, stderr };
  } catch (e) {
    const err = e as { code?: number; stderr?: string };
    return { code: typeof err.code === "number" ? err.code : 1, stderr: err.stderr ?? String(e) };
  }
}

/** The 1-based line of the msgstr of the entry with this msgctxt, found by reading the file as text. */
export function msgstrLine(po: string, id: string): number {
  const lines = po.split("\n");
  const ctx = lines.indexOf(`msgctxt "${id}"`);
  if (ctx < 0) throw new Error(`no msgctxt "${id}"`);
  return lines.findIndex((l, i) => i > ctx && l.startsWith("msgstr ")) + 1;
}

/**
 * Replace one entry's msgstr (the whole quoted value, folded or not) by `value`, written on one line;
 * `edit` receives the current translation.
 */
export function setMsgstr(po: string, id: string, edit: (current: string) => string): string {
  const lines = po.split("\n");
  const start = msgstrLine(po, id) - 1;
  let end = start + 1;
  while (end < lines.length && lines[end]?.startsWith('"')) end += 1;
  const quoted = lines.slice(start, end).map((l, i) => (i === 0 ? l.replace(/^msgstr /, "") : l));
  const current = quoted.map((q) => JSON.parse(q) as string).join("");
  lines.splice(start, end - start, `msgstr ${JSON.stringify(edit(current))}`);
  return lines.join("\n");
}
