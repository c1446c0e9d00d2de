/**
 * `partners export`: a pack with letters in an unreviewed translation says so in README.txt and on the
 * command line (one line per partner and language); `--format json` prints what was written.
 */
import { access, readFile, writeFile } from "node:fs/promises";
import { join, sep } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

interface ExportJson {
  command: string;
  campaign: string;
  counts: {
    packs: number;
    contacts: number;
    letters: number;
    files: number;
    warnings: number;
    errors: number;
  };
  packs: {
    partner: string;
    dir: string;
    contacts: number;
    letters: number;
    readmeLanguage: string;
    unreviewed: string[];
    files: string[];
  }[];
  warnings: { partner: string; language: string; message: string }[];
  problems: unknown[];
}

let ws: string;
let out: string;
const clock = () => new ManualClock(Date.UTC(2012, 10, 20, 12));
const exportPacks = (...extra: string[]) =>
  runInProcess(["partners", "export", "wcit-2012", "--out", out, ...extra], {
    workspace: ws,
    clock: clock(),
  });
const warningLines = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("warning: "));

async function editJson(file: string, edit: (value: Record<string, unknown>) => void): Promise<void> {
  const value = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  edit(value);
  await writeFile(file, JSON.stringify(value, null, 2));
}

beforeEach(async () => {
  ws = await copyExampleWorkspace();
  out = join(ws, "packs");
});

describe("partners export and unreviewed translations", () => {
  it("says it in the README, in the partner's language, and once per partner and language on stderr", async () => {
    const run = await exportPacks();
    expect(run.code).toBe(0);
    // The example's translations are all drafts: every one of the six partners gets one line.
    const warnings = warningLines(run.stderr);
    expect(warnings.map((l) => l.split(":")[1]?.trim()).sort()).toEqual(
      ["bnnrc", "bytes-for-all", "cele", "hric", "isoc-quebec", "thai-netizen"].sort(),
    );
    expect(warnings.find((l) => l.startsWith("warning: cele:"))).toContain("letters.es.reviewed");
    const cele = await readFile(join(out, "cele", "README.txt"), "utf8");
    expect(cele).toContain("español (es)");
    expect(cele).toContain("language\u00a0=\u00a0es");
    const quebec = await readFile(join(out, "isoc-quebec", "README.txt"), "utf8");
    expect(quebec).toContain("français (fr)");
    // The pack lines stay on stdout in text format.
    expect(run.stdout.split("\n").filter(Boolean)).toHaveLength(6);
  });

  it("a reviewed translation brings no notice; a partner with two draft languages gets a line for each", async () => {
    await editJson(join(ws, "campaigns", "wcit-2012", "campaign.json"), (c) => {
      const letters = c.letters as Record<string, { reviewed: boolean }>;
      for (const lang of ["zh", "th", "ur", "bn"]) if (letters[lang]) letters[lang].reviewed = true;
    });
    const partners = join(ws, "contacts", "partners.csv");
    const text = await readFile(partners, "utf8");
    // cele now also covers Canada, whose letters are in French (still a draft).
    await writeFile(partners, text.replace(/^cele,CELE,AR,/m, 'cele,CELE,"AR;CA",'));
    const run = await exportPacks("--format", "json");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as ExportJson;
    const unreviewed = Object.fromEntries(json.packs.map((p) => [p.partner, p.unreviewed]));
    expect(unreviewed).toMatchObject({ cele: ["es", "fr"], "isoc-quebec": ["fr"], hric: [], bnnrc: [] });
    expect(json.warnings.map((w) => [w.partner, w.language]).sort()).toEqual([
      ["cele", "es"],
      ["cele", "fr"],
      ["isoc-quebec", "fr"],
    ]);
    expect(warningLines(run.stderr)).toHaveLength(3);
    const cele = await readFile(join(out, "cele", "README.txt"), "utf8");
    expect(cele).toContain("español (es)");
    expect(cele).toContain("francés (fr)");
    expect(await readFile(join(out, "hric", "README.txt"), "utf8")).not.toContain("(zh)");
  });

  it("--format json lists every file written and the counts; the human lines go to stderr", async () => {
    const run = await exportPacks("--partner", "cele", "--format", "json");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as ExportJson;
    expect(json.command).toBe("partners export");
    expect(json.campaign).toBe("wcit-2012");
    expect(json.packs.map((p) => [p.partner, p.readmeLanguage, p.unreviewed])).toEqual([
      ["cele", "es", ["es"]],
    ]);
    const [pack] = json.packs;
    expect(pack?.dir).toBe(join(out, "cele"));
    const files = pack?.files ?? [];
    expect(files).toContain(join(out, "cele", "contacts.csv"));
    expect(files).toContain(join(out, "cele", "README.txt"));
    expect(files.filter((f) => f.endsWith(".html") && f.includes(`${sep}letters${sep}`))).toHaveLength(
      pack?.letters ?? -1,
    );
    // The partner's language's page and PDF, to post and circulate (src/publish/).
    expect(files).toContain(join(out, "cele", "site", "es.html"));
    expect(files).toContain(join(out, "cele", "site", "wcit-2012-es.pdf"));
    for (const file of files) await access(file);
    expect(json.counts).toEqual({
      packs: 1,
      contacts: pack?.contacts,
      letters: pack?.letters,
      files: files.length,
      warnings: 1,
      errors: 0,
    });
    expect(json.problems).toEqual([]);
    expect(run.stderr).toContain(`cele\t${pack?.contacts} contacts`);
  });
});
