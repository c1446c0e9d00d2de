/**
 * Country names the i18n-iso-countries tables lack, each entry with why it stays (pure data). Only what
 * the package cannot give: the UN's own spellings and long forms where the package has other ones, the
 * ITU's adjectival forms, former names and abbreviations. The inverted and bare forms ("Korea
 * (Democratic People's Republic of)", "Moldova") are derived from these and the package's names
 * (`country-name-index.ts`), never listed. Aliases come first: an alias decides a name the package gives
 * to two countries.
 */

export interface CountryAlias {
  code: string;
  names: readonly string[];
  /** Why the package's names are not enough. */
  why: string;
}

export const COUNTRY_ALIASES: readonly CountryAlias[] = [
  {
    code: "CG",
    names: ["Congo", "Congo-Brazzaville"],
    why: 'UN/ITU short name of the Republic of the Congo; the package gives "Congo" to CD as well',
  },
  {
    code: "CD",
    names: ["DR Congo", "DRC", "RDC", "Congo-Kinshasa", "Zaire"],
    why: "everyday abbreviations and the former name; the package has only the long forms",
  },
  {
    code: "KP",
    names: [
      "Democratic People's Republic of Korea",
      "République populaire démocratique de Corée",
      "DPRK",
      "Korea (D.P.R. of)",
      "Corea del Norte",
    ],
    why: "UN names in English and French and everyday forms; the package has only North Korea / Corée du Nord in those",
  },
  {
    code: "KR",
    names: ["Korea", "République de Corée", "Corea del Sur"],
    why: '"Korea" as the ITU short-lists it, the UN French name, and the everyday Spanish form',
  },
  {
    code: "GB",
    names: [
      "United Kingdom of Great Britain and Northern Ireland",
      "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
      "Reino Unido de Gran Bretaña e Irlanda del Norte",
    ],
    why: "UN official names in English, French and Spanish; the package has only United Kingdom / Royaume-Uni / Reino Unido",
  },
  {
    code: "GB",
    names: ["Britain", "England", "Gran Bretaña", "Grande-Bretagne"],
    why: "everyday names spreadsheets use for the UK",
  },
  {
    code: "US",
    names: ["États-Unis", "Estados Unidos de América", "America", "EE.UU.", "EEUU", "EE. UU."],
    why: "the package has only the French long form and the Spanish short form; everyday abbreviations",
  },
  { code: "VN", names: ["Viet Nam"], why: "UN spelling in all three languages; the package spells Vietnam" },
  { code: "CZ", names: ["Tchéquie"], why: "UN French short name; the package has only République tchèque" },
  { code: "SY", names: ["République arabe syrienne"], why: "UN French name; the package has only Syrie" },
  { code: "KZ", names: ["Kazajstán"], why: "UN Spanish spelling; the package spells Kazajistán" },
  { code: "NZ", names: ["Nueva Zelandia"], why: "UN Spanish name; the package has Nueva Zelanda" },
  { code: "TT", names: ["Trinidad y Tabago"], why: "UN Spanish spelling; the package spells Tobago" },
  {
    code: "LA",
    names: ["Lao", "Lao PDR", "Lao P.D.R."],
    why: "the UN/ITU short forms (Lao P.D.R. on the ITU pages); also makes République démocratique populaire lao resolve",
  },
  {
    code: "SK",
    names: ["Slovak Republic"],
    why: "the ITU's adjectival form (like Argentine Republic, which resolves through French Argentine)",
  },
  { code: "KG", names: ["Kyrgyz Republic"], why: "the ITU's adjectival form" },
  { code: "GA", names: ["Gabonese Republic"], why: "the ITU's adjectival form" },
  { code: "TG", names: ["Togolese Republic"], why: "the ITU's adjectival form" },
  {
    code: "VA",
    names: ["Vatican", "Vatican City State", "Vaticano"],
    why: "the package has them only inside Holy See (Vatican City State)",
  },
  {
    code: "MK",
    names: ["Macedonia", "The former Yugoslav Republic of Macedonia", "FYROM"],
    why: "former names, still in older lists",
  },
  { code: "SZ", names: ["Swaziland"], why: "former name, still in older lists" },
  { code: "MM", names: ["Burma"], why: "former name, still in older lists" },
  { code: "TL", names: ["East Timor"], why: "former English name, still in older lists" },
  { code: "PS", names: ["Palestinian Authority"], why: "how some lists name the observer's administration" },
  { code: "AE", names: ["EAU", "Emiratos Árabes"], why: "French/Spanish abbreviation and short form" },
  { code: "AG", names: ["Antigua"], why: "everyday short form" },
  { code: "BA", names: ["Bosnia"], why: "everyday short form" },
  {
    code: "CN",
    names: ["PRC", "República Popular China"],
    why: 'everyday abbreviation; the Spanish long form, whose "Popular" alone cannot tell China from "Taiwan, Province of China"',
  },
  { code: "NL", names: ["Holland", "Holanda"], why: "everyday names for the Netherlands" },
];
