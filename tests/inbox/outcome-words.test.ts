/** Outcome words: a partner writes them in English, Spanish or French, with or without accents and capitals. */
import { describe, expect, it } from "vitest";
import {
  OUTCOME_WORDS_BY_LANGUAGE,
  PARTNER_OUTCOMES,
  PARTNER_OUTCOME_WORDS,
  parseOutcome,
} from "../../src/inbox/mark-outcome.js";

describe("parseOutcome", () => {
  it.each([
    ["delivered", "delivered-by-partner"],
    ["Delivered by hand", "delivered-by-partner"],
    ["entregado", "delivered-by-partner"],
    ["Entregada", "delivered-by-partner"],
    ["livré", "delivered-by-partner"],
    ["LIVREE", "delivered-by-partner"],
    ["respondió", "replied"],
    ["Respondio", "replied"],
    ["a répondu", "replied"],
    ["A_REPONDU", "replied"],
    ["réunion", "meeting-held"],
    ["reunión", "meeting-held"],
    ["  Reunion ", "meeting-held"],
    ["no contactar", "do-not-contact"],
    ["No_Contactar", "do-not-contact"],
    ["ne pas contacter", "do-not-contact"],
    ["Ne-pas-contacter", "do-not-contact"],
    ["contacto equivocado", "wrong-contact"],
    ["mauvais contact", "wrong-contact"],
    ["meeting_held", "meeting-held"],
    ["not sent", "not-sent"],
  ])("%j is %s", (word, outcome) => {
    expect(parseOutcome(word)).toBe(outcome);
  });

  it.each(["waved at us", "entregar", "", "respond", "contacter"])("%j is no outcome", (word) => {
    expect(parseOutcome(word)).toBeUndefined();
  });

  it("every word of every language reads as the outcome it is listed for, and names only that one", () => {
    for (const [language, words] of Object.entries(OUTCOME_WORDS_BY_LANGUAGE)) {
      for (const outcome of PARTNER_OUTCOMES) {
        expect(words[outcome].length, `${language} ${outcome}`).toBeGreaterThan(0);
        for (const word of words[outcome]) expect(parseOutcome(word), `${language} "${word}"`).toBe(outcome);
      }
    }
  });

  it("the partner words never include sent / not-sent, which only the organiser records", () => {
    expect(PARTNER_OUTCOME_WORDS).toContain("delivered");
    expect(PARTNER_OUTCOME_WORDS.map((w) => parseOutcome(w))).not.toContain("sent");
    expect(PARTNER_OUTCOME_WORDS.map((w) => parseOutcome(w))).not.toContain("not-sent");
  });
});
