/**
 * The matching form of a country name, shared by the name index and its lookups (pure). Accents, case,
 * punctuation, articles and the contractions of "of" are folded away, so the forms ministries write meet
 * the forms the data package lists: "Côte d’Ivoire" = "COTE D'IVOIRE", "Irán (República Islámica del)" =
 * "República Islámica de Irán" inverted, "Korea (Rep. of)" = "Korea, Republic of".
 */
import { foldAccentsAndCase } from "../core/fold-text.js";

/** Articles, dropped wherever they stand: "the Gambia", "(Republic of the)", "Países Bajos (Reino de los)". */
const ARTICLES: ReadonlySet<string> = new Set(["the", "la", "las", "los", "le", "les", "el", "l"]);

/** Word spellings that mean the same: "of" contracted with an article, "and", the abbreviations lists use. */
const SAME_WORD: ReadonlyMap<string, string> = new Map([
  ["del", "de"],
  ["du", "de"],
  ["des", "de"],
  ["d", "de"],
  ["y", "and"],
  ["et", "and"],
  ["rep", "republic"],
  ["dem", "democratic"],
  ["fed", "federal"],
  ["st", "saint"],
  ["ste", "sainte"],
]);

/** Accent-, case-, punctuation- and article-insensitive form of a name: "Côte d’Ivoire" → "cote de ivoire". */
export function countryNameKey(text: string): string {
  const words = foldAccentsAndCase(text)
    .replace(/&/g, " and ")
    // French elision: "d’Irlande", "l’Inde" are "de Irlande", "le Inde".
    .replace(/(^|[^\p{L}])([dl])['’`´](?=\p{L})/gu, "$1$2 ")
    .replace(/['’`´.]/g, "")
    .split(/[^\p{L}\p{M}\p{N}]+/u);
  const kept: string[] = [];
  for (const word of words) {
    if (word === "" || ARTICLES.has(word)) continue;
    kept.push(SAME_WORD.get(word) ?? word);
  }
  return kept.join(" ");
}

/**
 * Words of the state-form descriptors that official names add to a country's name, in English, French
 * and Spanish: "Republic of", "Plurinational State of", "Royaume des", "República Bolivariana de",
 * "(Federated States of)". A name is the same country with or without them; the lookup strips them only
 * when the full name is unknown, and then lets their other words pick between "Korea" names.
 */
export const STATE_FORM_WORDS: ReadonlySet<string> = new Set(
  (
    "of de republic kingdom state states federal federative federated federation democratic peoples " +
    "people socialist islamic arab united plurinational bolivarian principality sultanate commonwealth " +
    "union confederation independent eastern oriental hashemite grand duchy cooperative co operative " +
    "republique royaume etat etats federale federes democratique populaire socialiste islamique arabe " +
    "unie bolivarienne principaute sultanat confederation independant orientale hachemite duche " +
    "republica reino estado estados federativa federados federacion democratica popular socialista " +
    "islamica unida plurinacional bolivariana principado sultanato mancomunidad confederacion " +
    "independiente hachemita gran ducado cooperativa"
  ).split(" "),
);

/** State-form words that tell two countries of one name apart: "(Democratic People's) Republic of Korea". */
export const DISTINGUISHING_FORM_WORDS: ReadonlySet<string> = new Set(
  "democratic peoples people democratique populaire democratica popular".split(" "),
);

/** "of" in the languages of the state forms (contractions already folded to "de" by the key). */
export const CONNECTOR_WORDS: ReadonlySet<string> = new Set(["of", "de"]);
