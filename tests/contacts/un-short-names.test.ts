/**
 * Acceptance test of issue 12 item 4: every ITU member state's official UN short name, in English, French
 * and Spanish, resolves to its code; so do the ITU's upper-case forms of them and the other order of the
 * UN's "X (… of)" forms. The names are the UN's (fixtures/README.md says where they come from).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveCountry } from "../../src/contacts/countries.js";
import { readMemberStates } from "../../src/contacts/member-states.fs.js";
import { parseCsvTable } from "../../src/core/csv-table.js";
import { REPO_ROOT } from "../helpers/cli.js";

const FIXTURE = join(import.meta.dirname, "fixtures", "un-short-names.csv");
const LANGUAGES = ["en", "fr", "es"] as const;

interface UnNames {
  code: string;
  names: Record<(typeof LANGUAGES)[number], string>;
}

async function readUnNames(): Promise<UnNames[]> {
  const table = parseCsvTable(await readFile(FIXTURE, "utf8"), FIXTURE);
  if (!table.ok) throw new Error(table.problem.message);
  expect(table.header).toEqual(["code", ...LANGUAGES]);
  return table.records.map(({ values }) => ({
    code: values[0] ?? "",
    names: { en: values[1] ?? "", fr: values[2] ?? "", es: values[3] ?? "" },
  }));
}

/** Every name that does not resolve to its own code, as `CC lang "name" → result`. */
function misses(rows: readonly UnNames[], form: (name: string) => string = (n) => n): string[] {
  const wrong: string[] = [];
  for (const { code, names } of rows) {
    for (const lang of LANGUAGES) {
      const text = form(names[lang]);
      const got = resolveCountry(text);
      if (got !== code) wrong.push(`${code} ${lang} "${text}" → ${got}`);
    }
  }
  return wrong;
}

describe("the UN short names of the ITU member states", () => {
  it("cover exactly the member-state list: 194 members and Palestine, three names each", async () => {
    const rows = await readUnNames();
    const states = await readMemberStates(join(REPO_ROOT, "contacts", "itu-member-states.csv"));
    expect(rows.map((r) => r.code).sort()).toEqual(states.map((s) => s.code).sort());
    expect(states.filter((s) => s.status === "member")).toHaveLength(194);
    for (const { code, names } of rows) {
      for (const lang of LANGUAGES)
        expect([code, lang, names[lang].trim() !== ""]).toEqual([code, lang, true]);
    }
  });

  it("all 585 resolve to their alpha-2 codes, in English, French and Spanish", async () => {
    const rows = await readUnNames();
    expect(rows.length * LANGUAGES.length).toBe(585);
    expect(misses(rows)).toEqual([]);
  });

  it("resolve in the upper case of the ITU lists too", async () => {
    expect(misses(await readUnNames(), (n) => n.toLocaleUpperCase("fr"))).toEqual([]);
  });

  it('resolve with the "(… of)" part put in front, the order of the official long names', async () => {
    const rows = await readUnNames();
    const inverted = (name: string) => name.replace(/^(.+?)\s*\((.+)\)$/, "$2 $1");
    const withParentheses = rows.filter((r) => LANGUAGES.some((l) => r.names[l].includes("(")));
    expect(withParentheses.map((r) => r.code).sort()).toEqual(["BO", "FM", "IR", "NL", "VE"]);
    expect(misses(withParentheses, inverted)).toEqual([]);
    expect(resolveCountry("Plurinational State of Bolivia")).toBe("BO");
    expect(resolveCountry("République bolivarienne du Venezuela")).toBe("VE");
    expect(resolveCountry("Reino de los Países Bajos")).toBe("NL");
  });
});
