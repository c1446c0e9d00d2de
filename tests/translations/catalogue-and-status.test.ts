/**
 * The PO file's reading (line numbers gettext-parser does not give, repeated segments) and a translation's
 * status against its source (changed, new, gone, untracked) with the approval rule the send gate uses.
 */
import { describe, expect, it } from "vitest";
import { segmentLetter } from "../../src/translations/letter-segments.js";
import { buildCatalogue } from "../../src/translations/po-catalogue.js";
import { readCatalogue } from "../../src/translations/read-catalogue.js";
import { translationStatus } from "../../src/translations/translation-status.js";
import { sourceHash } from "../../src/translations/source-hash.js";
import { isOutreachError } from "../../src/core/errors.js";

const mjml = (paragraphs: string[]) =>
  `<mjml><mj-body><mj-section><mj-column><mj-text>\n${paragraphs.map((p) => `<p>${p}</p>`).join("\n")}\n</mj-text></mj-column></mj-section></mj-body></mjml>\n`;

const EN = segmentLetter({
  mjml: mjml(["First paragraph.", "Second {{name}}."]),
  subject: "A letter\n",
  salutations: ["Dear {{name}},", "Dear Sir or Madam,"],
});
const FR_TEXTS = {
  mjml: mjml(["Premier paragraphe.", "Deuxième {{name}}."]),
  subject: "Une lettre\n",
  salutations: ["Madame, Monsieur,"],
};
const FR = segmentLetter(FR_TEXTS, EN);
const FILES = {
  mjml: "templates/l/en.mjml",
  subject: "templates/l/en.subject.hbs",
  campaign: "campaigns/c/campaign.json",
};
const recordOf = (letter: typeof EN) => ({
  segments: Object.fromEntries(letter.segments.map((s) => [s.id, sourceHash(s.text)])),
});

describe("readCatalogue", () => {
  const text = buildCatalogue({
    campaignId: "c",
    letter: "l",
    sourceLanguage: "en",
    language: "fr",
    source: EN,
    target: FR,
    files: FILES,
    date: new Date(Date.UTC(2012, 10, 20)),
  });

  it("reads back every segment with the line of its msgstr", () => {
    const read = readCatalogue(text, "fr.po");
    const lines = text.split("\n");
    expect(read.language).toBe("fr");
    expect(read.campaign).toBe("c");
    expect(read.entries.map((e) => [e.id, e.msgstr])).toEqual([
      ["subject", "Une lettre"],
      ["text1.1", "Premier paragraphe."],
      ["text1.2", "Deuxième {{name}}."],
      ["salutation.name", ""],
      ["salutation.generic", "Madame, Monsieur,"],
    ]);
    for (const e of read.entries) expect(lines[e.line - 1]).toMatch(/^msgstr /);
  });

  it("reports a segment given twice, at the second one's line", () => {
    const entry = text.slice(
      text.indexOf('msgctxt "text1.1"'),
      text.indexOf("\n\n", text.indexOf('msgctxt "text1.1"')),
    );
    const doubled = `${text}\n${entry}\n`;
    const read = readCatalogue(doubled, "fr.po");
    const second = doubled.split("\n").lastIndexOf('msgctxt "text1.1"') + 1;
    expect(read.problems).toEqual([
      expect.objectContaining({ code: "E_PO_PARSE", line: second, field: "text1.1" }),
    ]);
  });

  it("a file that is no PO file is E_PO_PARSE with the parser's line", () => {
    let error: unknown;
    try {
      readCatalogue('msgid ""\nmsgstr ""\n\nnonsense here\n', "x.po");
    } catch (e) {
      error = e;
    }
    expect(isOutreachError(error) && error.code).toBe("E_PO_PARSE");
    expect(isOutreachError(error) && error.problems[0]?.line).toBe(4);
  });
});

describe("translationStatus", () => {
  it("current when made from the source as it is; untracked with no record", () => {
    expect(translationStatus("fr", EN, FR, recordOf(EN)).counts).toMatchObject({
      current: 5,
      changed: 0,
      new: 0,
    });
    expect(translationStatus("fr", EN, FR, undefined).counts).toMatchObject({ untracked: 4, new: 1 });
  });

  it("changed, new and gone after the source changes; a salutation left out on purpose stays current", () => {
    const changed = segmentLetter({
      mjml: mjml(["First paragraph, revised.", "Second {{name}}.", "A third one."]),
      subject: "A letter\n",
      salutations: ["Dear {{name}},", "Dear Sir or Madam,"],
    });
    const fr = segmentLetter(FR_TEXTS, changed);
    const s = translationStatus("fr", changed, fr, recordOf(EN));
    expect(s.stale.map((x) => [x.id, x.state])).toEqual([
      ["text1.1", "changed"],
      ["text1.3", "new"],
    ]);
    const gone = translationStatus(
      "fr",
      segmentLetter({ ...EN.texts, mjml: mjml(["First paragraph."]) }),
      FR,
      recordOf(EN),
    );
    expect(gone.stale.map((x) => [x.id, x.state])).toEqual([["text1.2", "gone"]]);
  });

  it("an approval holds while the source and the translation are as approved", () => {
    const base = translationStatus("fr", EN, FR, recordOf(EN));
    const approved = {
      ...recordOf(EN),
      approved: {
        by: "A",
        at: "2012-11-20T00:00:00Z",
        source: base.sourceRevision,
        translation: base.translationRevision ?? "",
      },
    };
    expect(translationStatus("fr", EN, FR, approved).approvalCurrent).toBe(true);
    const edited = segmentLetter({ ...FR_TEXTS, subject: "Une lettre !\n" }, EN);
    expect(translationStatus("fr", EN, edited, approved).approvalCurrent).toBe(false);
  });
});
