/**
 * The one accent and case fold for matching names people type (country names, CSV headings, crawled page
 * labels, field values): compatibility forms decomposed, combining marks dropped, lower case.
 * "Côte d’Ivoire" → "cote d’ivoire", "Ｅ-mail" → "e-mail". Each caller adds its own punctuation rules.
 */
export function foldAccentsAndCase(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}
