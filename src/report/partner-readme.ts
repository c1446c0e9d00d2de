/** The short instruction file in each partner pack, in the partner's language where we have one (en, es, fr), else English. Pure. */

export interface PartnerReadmeInput {
  partnerName: string;
  campaignName: string;
  campaignId: string;
  partnerId: string;
  countries: readonly string[];
  contacts: number;
  byHand: number;
  letters: number;
  language: string;
}

export function partnerReadme(i: PartnerReadmeInput): { text: string; language: string } {
  const countries = i.countries.join(", ");
  if (i.language === "es") {
    return {
      language: "es",
      text: `${i.partnerName}: paquete de la campaña «${i.campaignName}»

Países: ${countries}. Contactos: ${i.contacts} (de ellos ${i.byHand} para entregar en mano). Cartas: ${i.letters}.

Contenido
- contacts.csv: los contactos de sus países y el estado de cada envío (columna status).
- letters/: la carta de cada contacto, en HTML (para imprimir) y .eml (para reenviar tal cual).

Qué hacer
1. Entregue o envíe las cartas de los contactos con delivery = partner (y las que quiera reforzar).
2. Complete en contacts.csv, por cada contacto, las columnas outcome (delivered, replied, meeting-held,
   wrong-contact, do-not-contact), date (AAAA-MM-DD) y notes. Deje outcome vacío si no hay novedades.
3. Devuelva el archivo a los organizadores; lo importarán con:
   outreach partners import ${i.campaignId} contacts.csv --partner ${i.partnerId}
`,
    };
  }
  if (i.language === "fr") {
    return {
      language: "fr",
      text: `${i.partnerName} : dossier de la campagne « ${i.campaignName} »

Pays : ${countries}. Contacts : ${i.contacts} (dont ${i.byHand} à remettre en main propre). Lettres : ${i.letters}.

Contenu
- contacts.csv : les contacts de vos pays et l'état de chaque envoi (colonne status).
- letters/ : la lettre de chaque contact, en HTML (à imprimer) et en .eml (à renvoyer telle quelle).

Que faire
1. Remettez ou envoyez les lettres des contacts où delivery = partner (et celles que vous voulez appuyer).
2. Remplissez dans contacts.csv, pour chaque contact, les colonnes outcome (delivered, replied, meeting-held,
   wrong-contact, do-not-contact), date (AAAA-MM-JJ) et notes. Laissez outcome vide s'il n'y a rien de nouveau.
3. Renvoyez le fichier aux organisateurs, qui l'importeront avec :
   outreach partners import ${i.campaignId} contacts.csv --partner ${i.partnerId}
`,
    };
  }
  return {
    language: "en",
    text: `${i.partnerName}: pack for the campaign "${i.campaignName}"

Countries: ${countries}. Contacts: ${i.contacts} (${i.byHand} of them to deliver by hand). Letters: ${i.letters}.

What is here
- contacts.csv: your countries' contacts and where each one stands (column status).
- letters/: each contact's letter, as HTML (to print) and .eml (to forward as it is).

What to do
1. Deliver or send the letters of the contacts with delivery = partner (and any you want to follow up).
2. In contacts.csv fill in, for each contact, the columns outcome (delivered, replied, meeting-held,
   wrong-contact, do-not-contact), date (YYYY-MM-DD) and notes. Leave outcome empty when there is no news.
3. Send the file back to the organisers, who import it with:
   outreach partners import ${i.campaignId} contacts.csv --partner ${i.partnerId}
`,
  };
}
