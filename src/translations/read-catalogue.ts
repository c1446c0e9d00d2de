/**
 * Reads a PO file a translator sends back: its header (language, campaign, letter) and one entry per
 * segment with the line its msgctxt (or msgid) starts on. gettext-parser reads the entries but gives no
 * line numbers, so they are found in the raw text; an entry repeated for the same segment is reported,
 * not silently merged. Pure.
 */
import { po } from "gettext-parser";
import { InputError, type Problem } from "../core/errors.js";

export interface CatalogueEntry {
  /** The segment id (msgctxt). */
  id: string;
  msgid: string;
  msgstr: string;
  fuzzy: boolean;
  line: number;
}

export interface ReadCatalogue {
  language?: string;
  campaign?: string;
  letter?: string;
  sourceLanguage?: string;
  entries: CatalogueEntry[];
  problems: Problem[];
}

export function readCatalogue(raw: string, file: string): ReadCatalogue {
  let table;
  try {
    table = po.parse(raw);
  } catch (e) {
    const message = (e as Error).message;
    const line = /at line (\d+)/.exec(message)?.[1];
    throw new InputError("E_PO_PARSE", `${file} is not a PO file gettext can read`, {
      problems: [{ code: "E_PO_PARSE", file, ...(line ? { line: Number(line) } : {}), message }],
    });
  }
  const { lines, duplicates } = entryLines(raw);
  const problems: Problem[] = duplicates.map(({ id, line }) => ({
    code: "E_PO_PARSE",
    file,
    line,
    field: id,
    message: `segment "${id}" appears more than once; only the last one is read`,
  }));
  const entries: CatalogueEntry[] = [];
  for (const [context, byMsgid] of Object.entries(table.translations)) {
    for (const entry of Object.values(byMsgid)) {
      if (entry.msgid === "" && context === "") continue;
      const id = entry.msgctxt ?? entry.msgid;
      entries.push({
        id,
        msgid: entry.msgid,
        msgstr: entry.msgstr[0] ?? "",
        fuzzy: /(^|,)\s*fuzzy\s*(,|$)/.test(entry.comments?.flag ?? ""),
        line: lines.get(id) ?? lines.get(`msgid:${entry.msgid}`) ?? 1,
      });
    }
  }
  const headers = table.headers;
  const header = (name: string) => {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key ? headers[key]?.trim() : undefined;
    return value ? value : undefined;
  };
  return {
    ...optional("language", header("Language")),
    ...optional("campaign", header("X-Outreach-Campaign")),
    ...optional("letter", header("X-Outreach-Letter")),
    ...optional("sourceLanguage", header("X-Outreach-Source-Language")),
    entries: entries.sort((a, b) => a.line - b.line),
    problems,
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/**
 * The line of each entry's msgstr (what the translator wrote), by its msgctxt (or `msgid:<text>` when it
 * has none), and the entries that repeat a msgctxt. Only single-line msgctxt values are recognised,
 * which is what segment ids are.
 */
function entryLines(raw: string): {
  lines: Map<string, number>;
  duplicates: { id: string; line: number }[];
} {
  const lines = new Map<string, number>();
  const contexts = new Set<string>();
  const duplicates: { id: string; line: number }[] = [];
  let key: string | undefined;
  raw.split(/\r?\n/).forEach((text, i) => {
    const ctx = /^msgctxt\s+("(?:[^"\\]|\\.)*")\s*$/.exec(text);
    const msgid = /^msgid\s+("(?:[^"\\]|\\.)*")\s*$/.exec(text);
    if (ctx) {
      key = unquote(ctx[1] ?? '""');
      if (contexts.has(key)) duplicates.push({ id: key, line: i + 1 });
      contexts.add(key);
    } else if (msgid && key === undefined) {
      key = `msgid:${unquote(msgid[1] ?? '""')}`;
    } else if (/^msgstr\b/.test(text)) {
      if (key !== undefined && !lines.has(key)) lines.set(key, i + 1);
      key = undefined;
    }
  });
  return { lines, duplicates };
}

function unquote(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
