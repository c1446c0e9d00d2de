/** A partner pack's README.txt: unreviewed translations said plainly, outcome words in the partner's language and English. */
import { describe, expect, it } from "vitest";
import { OUTCOME_WORDS_BY_LANGUAGE, PARTNER_OUTCOMES, parseOutcome } from "../../src/inbox/mark-outcome.js";
import { languageName, partnerReadme, type PartnerReadmeInput } from "../../src/report/partner-readme.js";
import { PARTNER_README_INPUT } from "../helpers/partner-readme-input.js";

const base: PartnerReadmeInput = PARTNER_README_INPUT;

/** The outcome list: the lines `   - word / word = english`. */
function outcomeLines(text: string): string[] {
  return text.split("\n").filter((l) => l.startsWith("   - "));
}

describe("partnerReadme", () => {
  it.each([
    ["en", "Translation", "to post on your own website"],
    ["es", "Traducción", "para publicar en su propio sitio"],
    ["fr", "Traduction", "à publier sur votre propre site"],
  ] as const)(
    "in %s: the PO file to return and the site/ folder are said in the partner's language",
    (language, heading, site) => {
      const full = partnerReadme({
        ...base,
        language,
        translationFile: "itu-letter.xx.po",
        site: true,
      }).text;
      expect(full).toContain(`${heading}\nitu-letter.xx.po `);
      expect(full).toContain("   outreach translations import example itu-letter.xx.po");
      expect(full).toContain(site);
      const without = partnerReadme({ ...base, language }).text;
      expect(without).not.toContain("itu-letter.xx.po");
      expect(without).not.toContain("site/");
    },
  );

  it.each(["es", "fr"] as const)(
    "in %s: each outcome's words in the partner's language and in English, each read back by import",
    (language) => {
      const { text, language: written } = partnerReadme({ ...base, language });
      expect(written).toBe(language);
      const lines = outcomeLines(text);
      expect(lines).toHaveLength(PARTNER_OUTCOMES.length);
      PARTNER_OUTCOMES.forEach((outcome, n) => {
        const [own = "", english = ""] = (lines[n] ?? "").slice(5).split(" = ");
        expect(own.split(" / ")).toEqual(OUTCOME_WORDS_BY_LANGUAGE[language][outcome]);
        expect(english).toBe(OUTCOME_WORDS_BY_LANGUAGE.en[outcome][0]);
        for (const word of [...own.split(" / "), english]) expect(parseOutcome(word)).toBe(outcome);
      });
    },
  );

  it("a partner whose language has no pack words gets English, with the English words", () => {
    const { text, language } = partnerReadme({ ...base, language: "zh" });
    expect(language).toBe("en");
    expect(outcomeLines(text)).toEqual(
      PARTNER_OUTCOMES.map((o) => `   - ${OUTCOME_WORDS_BY_LANGUAGE.en[o][0]}`),
    );
  });

  it.each(["en", "es", "fr"])(
    "in %s: one notice per unreviewed letter language, naming it; none when all are reviewed",
    (language) => {
      const reviewed = partnerReadme({ ...base, language }).text;
      const draft = partnerReadme({ ...base, language, unreviewed: ["es", "zh"] }).text;
      for (const code of ["es", "zh"]) {
        const [name = ""] = languageName(code, language).split(" ");
        expect(draft).toContain(name);
        expect(draft).toContain(`(${code})`);
        expect(draft).toContain(`language\u00a0=\u00a0${code}`);
        expect(reviewed).not.toContain(`(${code})`);
      }
      // The notices come between the counts and the contents, as paragraphs cut at 100 characters.
      const added = draft.split("\n").filter((l) => !reviewed.split("\n").includes(l));
      expect(added.length).toBeGreaterThanOrEqual(2);
      for (const line of added) expect(line.length).toBeLessThanOrEqual(100);
      expect(draft.split("\n").slice(4, 4 + added.length)).toEqual(added);
    },
  );

  it("names a language in the README's language, and falls back to the code", () => {
    expect(languageName("es", "en")).toBe("Spanish (es)");
    expect(languageName("es", "es")).toBe("español (es)");
    expect(languageName("zh", "fr")).toBe("chinois (zh)");
    expect(languageName("qq", "en")).toBe("qq");
  });
});
