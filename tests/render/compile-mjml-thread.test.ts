/**
 * MJML runs in a worker thread that ends once the letters are compiled (src/render/compile-mjml.thread.ts):
 * what it returns is exactly what mjml makes in process, its errors come back with their lines, and a
 * send keeps mjml out of its own thread (checked on a real process whose loader records every module).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import mjml2html from "mjml";
import { describe, expect, it } from "vitest";
import { prepareMjml } from "../../src/render/compile-letter.js";
import { compileMjmlSources } from "../../src/render/compile-mjml.thread.js";
import { copyExampleWorkspace, REPO_ROOT } from "../helpers/cli.js";
import { modulesLoadedBy } from "../helpers/module-loads.js";

const OPTIONS = { validationLevel: "soft", fonts: {}, keepComments: false, ignoreIncludes: true } as const;

describe("MJML in a worker thread", () => {
  it("returns, source by source, the HTML mjml makes in process for every example letter", async () => {
    const languages = ["en", "es", "fr", "zh", "th", "ur", "bn"];
    const sources = await Promise.all(
      languages.map(async (lang) =>
        prepareMjml(await readFile(join(REPO_ROOT, "templates/itu-letter", `${lang}.mjml`), "utf8"), lang),
      ),
    );
    // The same source twice: both get their result, in order.
    const outcomes = await compileMjmlSources([...sources, sources[0] ?? ""]);
    expect(outcomes).toHaveLength(languages.length + 1);
    for (const [i, source] of sources.entries()) {
      const expected = await mjml2html(source, OPTIONS);
      expect(outcomes[i]).toEqual({ html: expected.html, errors: [] });
    }
    expect(outcomes[languages.length]).toEqual(outcomes[0]);
  });

  it("brings MJML's validation errors back with their line and tag", async () => {
    const source = [
      "<mjml>",
      "  <mj-body>",
      "    <mj-section>",
      '      <mj-column><mj-text padding="wide">Dear {{name}}</mj-text></mj-column>',
      "    </mj-section>",
      "  </mj-body>",
      "</mjml>",
    ].join("\n");
    const [outcome] = await compileMjmlSources([source]);
    const errors = outcome && "errors" in outcome ? outcome.errors : [];
    expect(errors.map((e) => [e.line, e.tagName])).toEqual([[4, "mj-text"]]);
    expect(errors[0]?.message).toContain("padding");
  });

  it("keeps a call's known letters while new ones push older ones out of the cache", async () => {
    const letter = (word: string) =>
      `<mjml><mj-body><mj-section><mj-column><mj-text>${word}</mj-text></mj-column></mj-section></mj-body></mjml>`;
    const older = Array.from({ length: 64 }, (_, i) => letter(`older-${i}`));
    const newer = Array.from({ length: 64 }, (_, i) => letter(`newer-${i}`));
    await compileMjmlSources(older);
    // One remembered letter among more new ones than the cache holds: every answer is still HTML.
    const outcomes = await compileMjmlSources([older[0] ?? "", ...newer]);
    expect(outcomes).toHaveLength(65);
    outcomes.forEach((o, i) => {
      expect(o && "html" in o ? o.html : "").toContain(i === 0 ? "older-0" : `newer-${i - 1}`);
    });
  });

  it("a rehearsal send never loads mjml into the sending process's own thread", async () => {
    const ws = await copyExampleWorkspace();
    const loads = await modulesLoadedBy(["-w", ws, "send", "wcit-2012", "--allow-unreviewed"], { cwd: ws });
    expect(loads.code).toBe(0);
    expect(loads.files).toContain("src/render/compile-mjml.thread.ts");
    expect([...loads.packages].filter((p) => /^(mjml|juice|undici)/.test(p))).toEqual([]);
  });
});
