/**
 * The short instruction file in each partner pack, in the partner's language where we have one (en, es,
 * fr), else English: what is in the pack, which letters are an unchecked draft translation, and the
 * outcome words to write back (in the partner's language and in English). Pure.
 */
import {
  OUTCOME_WORDS_BY_LANGUAGE,
  outcomeWordsIn,
  PARTNER_OUTCOMES,
  type OutcomeWordLanguage,
} from "../inbox/mark-outcome.js";

export interface PartnerReadmeInput {
  partnerName: string;
  campaignName: string;
  campaignId: string;
  partnerId: string;
  countries: readonly string[];
  contacts: number;
  byHand: number;
  letters: number;
  /** The partner's language (`contacts/partners.csv`). */
  language: string;
  /** Languages of letters in the pack whose translation is not reviewed (`letters.<lang>.reviewed: false`). */
  unreviewed: readonly string[];
  /** Where organisations write to sign (campaign.json `signOnAddress`, else `replyTo`), when there is one. */
  signOnAddress?: string;
  /** The letter's text as a PO file in the partner's language, to correct and send back (src/translations/). */
  translationFile?: string;
  /** Whether the pack has `site/`: the letter's page and PDF to post (src/publish/). */
  site?: boolean;
}

/** "Spanish (es)", "español (es)", "espagnol (es)": a letter language named in the README's language. */
export function languageName(language: string, inLanguage: string): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([inLanguage], { type: "language", fallback: "none" }).of(language);
  } catch {
    name = undefined;
  }
  return name && name !== language ? `${name} (${language})` : language;
}

/** The warning for one unreviewed language, in English: the line `partners export` prints. */
export function unreviewedNotice(language: string): string {
  return UNREVIEWED.en(languageName(language, "en"));
}

const UNREVIEWED: Record<OutcomeWordLanguage, (name: string) => string> = {
  en: (name) =>
    `the letters in ${name} are a draft translation not yet checked by a native speaker; check them before delivering`,
  es: (name) =>
    `las cartas en ${name} son un borrador de traducción que todavía no ha revisado un hablante nativo; revíselas antes de entregarlas`,
  fr: (name) =>
    `les lettres en ${name} sont une traduction provisoire, pas encore relue par une personne de langue maternelle\u00a0; vérifiez-les avant de les remettre`,
};

/** Where the README points at those letters: their rows in contacts.csv. */
const UNREVIEWED_ROWS: Record<OutcomeWordLanguage, (code: string) => string> = {
  en: (code) => `(in contacts.csv: language\u00a0=\u00a0${code})`,
  es: (code) => `(en contacts.csv: language\u00a0=\u00a0${code})`,
  fr: (code) => `(dans contacts.csv\u00a0: language\u00a0=\u00a0${code})`,
};

/** The words of each part of the README, per language. */
interface ReadmeWords {
  title: string;
  counts: string;
  notice: string;
  contents: string;
  what: string;
  outcomeIntro: string;
  outcomeEnd: string;
  returnIt: string;
}

function readmeWords(i: PartnerReadmeInput, lang: OutcomeWordLanguage): ReadmeWords {
  const countries = i.countries.join(", ");
  if (lang === "es") {
    return {
      title: `${i.partnerName}: paquete de la campaña «${i.campaignName}»`,
      counts: `Países: ${countries}. Contactos: ${i.contacts} (de ellos ${i.byHand} para entregar en mano). Cartas: ${i.letters}.`,
      notice: "Atención:",
      contents: `Contenido
- contacts.csv: los contactos de sus países y el estado de cada envío (columna status).
- letters/: la carta de cada contacto, en HTML (para imprimir) y .eml (para reenviar tal cual).`,
      what: `Qué hacer
1. Entregue o envíe las cartas de los contactos con delivery = partner (y las que quiera reforzar).
2. Complete en contacts.csv, por cada contacto, las columnas outcome, date (AAAA-MM-DD) y notes.`,
      outcomeIntro:
        "   En outcome escriba una de estas palabras, en español o en inglés (con o sin tildes ni mayúsculas):",
      outcomeEnd: "   Deje outcome vacío si no hay novedades.",
      returnIt: "3. Devuelva el archivo a los organizadores; lo importarán con:",
    };
  }
  if (lang === "fr") {
    return {
      title: `${i.partnerName} : dossier de la campagne « ${i.campaignName} »`,
      counts: `Pays : ${countries}. Contacts : ${i.contacts} (dont ${i.byHand} à remettre en main propre). Lettres : ${i.letters}.`,
      notice: "Attention :",
      contents: `Contenu
- contacts.csv : les contacts de vos pays et l'état de chaque envoi (colonne status).
- letters/ : la lettre de chaque contact, en HTML (à imprimer) et en .eml (à renvoyer telle quelle).`,
      what: `Que faire
1. Remettez ou envoyez les lettres des contacts où delivery = partner (et celles que vous voulez appuyer).
2. Remplissez dans contacts.csv, pour chaque contact, les colonnes outcome, date (AAAA-MM-JJ) et notes.`,
      outcomeIntro:
        "   Dans outcome, écrivez un de ces mots, en français ou en anglais (accents et majuscules au choix) :",
      outcomeEnd: "   Laissez outcome vide s'il n'y a rien de nouveau.",
      returnIt: "3. Renvoyez le fichier aux organisateurs, qui l'importeront avec :",
    };
  }
  return {
    title: `${i.partnerName}: pack for the campaign "${i.campaignName}"`,
    counts: `Countries: ${countries}. Contacts: ${i.contacts} (${i.byHand} of them to deliver by hand). Letters: ${i.letters}.`,
    notice: "Please note:",
    contents: `What is here
- contacts.csv: your countries' contacts and where each one stands (column status).
- letters/: each contact's letter, as HTML (to print) and .eml (to forward as it is).`,
    what: `What to do
1. Deliver or send the letters of the contacts with delivery = partner (and any you want to follow up).
2. In contacts.csv fill in, for each contact, the columns outcome, date (YYYY-MM-DD) and notes.`,
    outcomeIntro: "   In outcome write one of these words:",
    outcomeEnd: "   Leave outcome empty when there is no news.",
    returnIt: "3. Send the file back to the organisers, who import it with:",
  };
}

/** One line per outcome: the partner's words and the English one (`entregado / entregada = delivered`). */
function outcomeLines(lang: OutcomeWordLanguage): string[] {
  const english = OUTCOME_WORDS_BY_LANGUAGE.en;
  const own = outcomeWordsIn(lang) ?? english;
  return PARTNER_OUTCOMES.map((o) =>
    lang === "en" ? `   - ${english[o][0]}` : `   - ${own[o].join(" / ")} = ${english[o][0]}`,
  );
}

/** The pack's `site/` folder: the page and PDF to post on the partner's own website. */
const SITE: Record<OutcomeWordLanguage, string> = {
  en: "- site/: the letter as a web page with its signatories, and as PDF, to post on your own website.",
  es: "- site/: la carta como página web con sus firmantes, y en PDF, para publicar en su propio sitio.",
  fr: "- site/ : la lettre en page web avec ses signataires, et en PDF, à publier sur votre propre site.",
};

/** How to correct the translation: the PO file, the tools that open it, and how it comes back. */
const TRANSLATION: Record<OutcomeWordLanguage, (file: string, command: string) => string> = {
  en: (f, c) => `Translation
${f} holds the letter's text in your language beside the original, one entry per paragraph. Open it in
Poedit, Weblate, OmegaT or any PO editor, correct or complete the translation (keep every {{...}} and every
tag such as <strong>), save it and send it back by email; the organisers import it with:
   ${c}`,
  es: (f, c) => `Traducción
${f} contiene el texto de la carta en su idioma junto al original, un párrafo por entrada. Ábralo con
Poedit, Weblate, OmegaT o cualquier editor de PO, corrija o complete la traducción (conserve cada {{...}} y
cada etiqueta como <strong>), guárdelo y devuélvalo por correo; los organizadores lo importarán con:
   ${c}`,
  fr: (f, c) => `Traduction
${f} contient le texte de la lettre dans votre langue à côté de l'original, un paragraphe par entrée.
Ouvrez-le avec Poedit, Weblate, OmegaT ou tout éditeur de PO, corrigez ou complétez la traduction (gardez
chaque {{...}} et chaque balise comme <strong>), enregistrez-le et renvoyez-le par courriel ; les
organisateurs l'importeront avec :
   ${c}`,
};

/** How to sign: the letter is open for rolling sign-on, and the partner can pass that on. */
const SIGN_ON: Record<OutcomeWordLanguage, (address: string) => string> = {
  en: (a) => `How to sign
The letter is open for rolling sign-on: circulate it among your networks. Groups (or individuals) that want
to sign write to ${a} with their name as they would like it to appear, their country, and whether
they sign as an organisation or an individual. New signatories are added once the organisers approve them,
under an "Updated <date>" heading.`,
  es: (a) => `Cómo firmar
La carta sigue abierta a nuevas firmas: hágala circular en sus redes. Las organizaciones (o personas) que
quieran firmar escriben a ${a} indicando su nombre tal como desean que aparezca, su país y si firman
como organización o a título personal. Las nuevas firmas se añaden cuando los organizadores las aprueban,
bajo el encabezado «Actualizado el <fecha>».`,
  fr: (a) => `Comment signer
La lettre reste ouverte à de nouvelles signatures : faites-la circuler dans vos réseaux. Les organisations
(ou personnes) qui souhaitent signer écrivent à ${a} en indiquant leur nom tel qu'il doit apparaître,
leur pays, et si elles signent en tant qu'organisation ou à titre individuel. Les nouvelles signatures sont
ajoutées après validation par les organisateurs, sous l'intitulé « Mis à jour le <date> ».`,
};

export function partnerReadme(i: PartnerReadmeInput): { text: string; language: OutcomeWordLanguage } {
  const lang: OutcomeWordLanguage = i.language === "es" || i.language === "fr" ? i.language : "en";
  const w = readmeWords(i, lang);
  const notices = i.unreviewed.flatMap((code) =>
    wrapLines(`${w.notice} ${UNREVIEWED[lang](languageName(code, lang))} ${UNREVIEWED_ROWS[lang](code)}.`),
  );
  const text = [
    w.title,
    "",
    w.counts,
    ...(notices.length > 0 ? ["", ...notices] : []),
    "",
    w.contents,
    ...(i.site ? [SITE[lang]] : []),
    "",
    w.what,
    w.outcomeIntro,
    ...outcomeLines(lang),
    w.outcomeEnd,
    w.returnIt,
    `   outreach partners import ${i.campaignId} contacts.csv --partner ${i.partnerId}`,
    "",
    ...(i.signOnAddress ? [SIGN_ON[lang](i.signOnAddress), ""] : []),
    ...(i.translationFile
      ? [
          TRANSLATION[lang](
            i.translationFile,
            `outreach translations import ${i.campaignId} ${i.translationFile}`,
          ),
          "",
        ]
      : []),
  ].join("\n");
  return { language: lang, text };
}

/** Plain text cut into lines of at most `width` characters, at spaces (never at a no-break space; a longer word stays whole). */
function wrapLines(text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, line];
}
