/** Segments and skeletons: what a translator sees, and what stays byte for byte around it. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  fillSkeleton,
  segmentMjml,
  segmentSalutations,
  segmentSubject,
  slotIds,
} from "../../src/translations/segment-letter.js";
import { segmentLetter } from "../../src/translations/letter-segments.js";
import { REPO_ROOT } from "../helpers/cli.js";

const MJML = `<mjml>
  <mj-head>
    <mj-preview>Read this first</mj-preview>
    <mj-attributes><mj-text padding="0" /></mj-attributes>
  </mj-head>
  <mj-body>
    <mj-section><mj-column>
      <mj-text>
        <p>{{#if name}}{{name}}<br />{{/if}}{{organisation}}</p>
        <h1>A heading</h1>
        <p>{{salutation}}</p>
        <p>First <strong>paragraph</strong>.</p>
        <ul>
          <li>One item</li>
          <li>Two items</li>
        </ul>
        <p><em>Updated {{updated}}</em></p>
      </mj-text>
      <mj-button href="https://coalition.example/">Sign the letter</mj-button>
    </mj-column></mj-section>
  </mj-body>
</mjml>
`;

describe("segmentMjml", () => {
  const { segments, skeleton } = segmentMjml(MJML);

  it("finds the preview, headings, paragraphs, list items, the Updated line and a button; not the address or {{salutation}}", () => {
    expect(segments.map((s) => [s.id, s.kind, s.text])).toEqual([
      ["preview", "preview", "Read this first"],
      ["text1.2", "heading", "A heading"],
      ["text1.4", "paragraph", "First <strong>paragraph</strong>."],
      ["text1.5", "list-item", "One item"],
      ["text1.6", "list-item", "Two items"],
      ["text1.7", "updated", "<em>Updated {{updated}}</em>"],
      ["text2.1", "text", "Sign the letter"],
    ]);
    // The self-closing mj-text of mj-attributes is no container.
    expect(segments.find((s) => s.id === "text1.2")?.line).toBe(10);
  });

  it("puts the letter back byte for byte, and puts translations in their places", () => {
    const texts = new Map(segments.map((s) => [s.id, s.text]));
    expect(fillSkeleton(skeleton, texts)).toBe(MJML);
    texts.set("text1.2", "Un titre");
    expect(fillSkeleton(skeleton, texts)).toBe(MJML.replace("A heading", "Un titre"));
  });

  it("aligns a translation to its source: a block of placeholders and punctuation at a segment's place counts", () => {
    const translated = MJML.replace("One item", "{{organisation}} ・");
    expect(slotIds(segmentMjml(translated).skeleton)).not.toEqual(slotIds(skeleton));
    expect(slotIds(segmentMjml(translated, new Set(slotIds(skeleton))).skeleton)).toEqual(slotIds(skeleton));
  });

  it("every example translation has the English letter's structure", async () => {
    const dir = join(REPO_ROOT, "templates", "itu-letter");
    const en = segmentMjml(await readFile(join(dir, "en.mjml"), "utf8"));
    const ids = new Set(slotIds(en.skeleton));
    for (const lang of ["es", "fr", "zh", "th", "ur", "bn"]) {
      const t = segmentMjml(await readFile(join(dir, `${lang}.mjml`), "utf8"), ids);
      expect({ lang, ids: slotIds(t.skeleton) }).toEqual({ lang, ids: slotIds(en.skeleton) });
    }
  });
});

describe("subjects and salutations", () => {
  it("keeps the subject file's newline out of the segment", () => {
    const s = segmentSubject("Civil society letter\n");
    expect(s.segments.map((x) => x.text)).toEqual(["Civil society letter"]);
    expect(fillSkeleton(s.skeleton, new Map([["subject", "Carta"]]))).toBe("Carta\n");
  });

  it("keys salutations by the fields they use, so languages with fewer patterns still line up", () => {
    expect(
      segmentSalutations(["Dear {{honorific}} {{name}},", "Dear {{name}},", "Dear Sir or Madam,"]).map(
        (s) => s.id,
      ),
    ).toEqual(["salutation.honorific+name", "salutation.name", "salutation.generic"]);
    expect(segmentSalutations(["{{name}}{{honorific}}：", "Madame, Monsieur,"]).map((s) => s.id)).toEqual([
      "salutation.honorific+name",
      "salutation.generic",
    ]);
  });

  it("a letter lists its subject first, then the MJML's segments, then the salutations", () => {
    const letter = segmentLetter({ mjml: MJML, subject: "S\n", salutations: ["Dear {{name}},"] });
    expect(letter.segments.map((s) => s.id)).toEqual([
      "subject",
      ...segmentMjml(MJML).segments.map((s) => s.id),
      "salutation.name",
    ]);
  });
});
