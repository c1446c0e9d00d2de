/** Rebuilding a translated letter: its own skeleton when the structure matches, the source's when it changed. */
import { describe, expect, it } from "vitest";
import { segmentLetter } from "../../src/translations/letter-segments.js";
import { rebuildLetter } from "../../src/translations/rebuild-letter.js";

const letter = (font: string, paragraphs: string[]) =>
  `<mjml>\n  <mj-head><mj-attributes><mj-all font-family="${font}" /></mj-attributes></mj-head>\n  <mj-body><mj-section><mj-column><mj-text>\n${paragraphs
    .map((p) => `    <p>${p}</p>`)
    .join("\n")}\n  </mj-text></mj-column></mj-section></mj-body>\n</mjml>\n`;

const EN = segmentLetter({
  mjml: letter("Georgia", ["One.", "Two {{name}}.", "Three."]),
  subject: "Subject\n",
  salutations: ["Dear {{name}},", "Dear Sir or Madam,"],
});

describe("rebuildLetter", () => {
  it("keeps the translation's own file when its structure matches, changing only the imported segments", () => {
    const es = segmentLetter(
      {
        mjml: letter("Noto Sans", ["Uno.", "Dos {{name}}.", "Tres."]),
        subject: "Asunto\n",
        salutations: ["Señora, señor:"],
      },
      EN,
    );
    const r = rebuildLetter("es", EN, es, new Map([["text1.3", "Tres, corregido."]]));
    expect(r.restructured).toBe(false);
    expect(r.texts.mjml).toBe(letter("Noto Sans", ["Uno.", "Dos {{name}}.", "Tres, corregido."]));
    expect(r.texts.subject).toBe("Asunto\n");
    expect(r.texts.salutations).toEqual(["Señora, señor:"]);
  });

  it("rebuilds on the source's structure when a paragraph was added, keeping the translation's head", () => {
    const es = segmentLetter(
      { mjml: letter("Noto Sans", ["Uno.", "Dos {{name}}."]), subject: "Asunto\n", salutations: [] },
      EN,
    );
    const r = rebuildLetter("es", EN, es, new Map([["text1.3", "Tres."]]));
    expect(r.restructured).toBe(true);
    expect(r.texts.mjml).toBe(letter("Noto Sans", ["Uno.", "Dos {{name}}.", "Tres."]));
  });

  it("a new right-to-left letter gets lang and dir; untranslated segments hold the source text, said so", () => {
    const r = rebuildLetter(
      "ur",
      EN,
      undefined,
      new Map([
        ["text1.1", "ایک۔"],
        ["salutation.generic", "محترم جناب،"],
      ]),
    );
    expect(r.texts.mjml.startsWith('<mjml lang="ur" dir="rtl">')).toBe(true);
    expect(r.texts.mjml).toContain("<p>ایک۔</p>");
    expect(r.sourceText).toEqual(["subject", "text1.2", "text1.3"]);
    expect(r.texts.salutations).toEqual(["محترم جناب،"]);
    expect(rebuildLetter("th", EN, undefined, new Map()).texts.mjml.startsWith('<mjml lang="th">')).toBe(
      true,
    );
  });
});
