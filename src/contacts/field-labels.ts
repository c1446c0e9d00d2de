/**
 * The one label vocabulary: the words that name each directory field, in English, Spanish and French,
 * whether they head a column of an imported spreadsheet ("Correo electrónico", "Pays", "Cargo") or label
 * a line on a crawled page ("Tél. :", "E-mail", "Adresse postale"). Input: a heading or label. Output:
 * its key (`labelKey`) and the field that key names (`FIELD_BY_LABEL`). Pure.
 */
import { foldAccentsAndCase } from "../core/fold-text.js";
import { DIRECTORY_COLUMNS, type DirectoryColumn } from "./contact-schema.js";

/** Directory columns plus the two halves of a name that some spreadsheets keep apart. */
export type ImportField = DirectoryColumn | "first_name" | "last_name";
export const IMPORT_FIELDS: readonly ImportField[] = [...DIRECTORY_COLUMNS, "first_name", "last_name"];

/** Accent-, case- and punctuation-insensitive form of a label: "Correo electrónico" → "correo electronico". */
export function labelKey(label: string): string {
  return foldAccentsAndCase(label)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Known labels per field, written as labelKey produces them (lower case, no accents, punctuation as
 * spaces). The field's own name always matches too; a label two fields list goes to the field first in
 * IMPORT_FIELDS. Every label here is one a spreadsheet column or a contact page may use: a word that
 * is only safe in one of them does not belong in this table.
 */
export const FIELD_LABELS: Record<ImportField, readonly string[]> = {
  id: ["id", "contact id"],
  country: [
    "country",
    "country code",
    "country name",
    "iso",
    "iso code",
    "nation",
    "member state",
    "pais",
    "codigo de pais",
    "estado miembro",
    "pays",
    "code pays",
    "etat membre",
  ],
  organisation: [
    "organisation",
    "organization",
    "org",
    "ministry",
    "ministry name",
    "agency",
    "institution",
    "administration",
    "authority",
    "government body",
    "entity",
    "ministerio",
    "organismo",
    "organizacion",
    "entidad",
    "institucion",
    "administracion",
    "dependencia",
    "ministere",
    "organisme",
    "autorite",
  ],
  department: [
    "department",
    "division",
    "unit",
    "office",
    "section",
    "directorate",
    "departamento",
    "unidad",
    "oficina",
    "area",
    "departement",
    "direction",
    "service",
    "bureau",
    "unite",
  ],
  honorific: [
    "honorific",
    "salutation",
    "courtesy title",
    "prefix",
    "form of address",
    "tratamiento",
    "titulo de cortesia",
    "civilite",
    "appellation",
  ],
  name: [
    "name",
    "full name",
    "contact",
    "contact name",
    "contact person",
    "person",
    "nombre",
    "nombre completo",
    "contacto",
    "persona de contacto",
    "nom",
    "nom complet",
    "nom et prenom",
    "personne de contact",
  ],
  first_name: ["first name", "given name", "forename", "nombre de pila", "prenom"],
  last_name: ["last name", "surname", "family name", "apellido", "apellidos", "nom de famille"],
  title: [
    "title",
    "job title",
    "position",
    "role",
    "function",
    "designation",
    "cargo",
    "puesto",
    "funcion",
    "titulo",
    "titre",
    "fonction",
    "poste",
    "qualite",
  ],
  email: [
    "email",
    "e mail",
    "email address",
    "e mail address",
    "mail",
    "electronic mail",
    "correo",
    "correo electronico",
    "correo e",
    "email correo",
    "direccion de correo",
    "direccion de correo electronico",
    "courriel",
    "adresse courriel",
    "adresse electronique",
    "adresse e mail",
    "mel",
  ],
  phone: [
    "phone",
    "telephone",
    "tel",
    "tel phone",
    "phone number",
    "telephone number",
    "mobile",
    "telefono",
    "numero de telefono",
    "movil",
    "celular",
    "numero de telephone",
    "portable",
  ],
  fax: ["fax", "fax number", "facsimile", "telefax", "numero de fax", "telecopie", "telecopieur"],
  address: [
    "address",
    "postal address",
    "mailing address",
    "street address",
    "direccion",
    "direccion postal",
    "domicilio",
    "adresse",
    "adresse postale",
  ],
  language: ["language", "letter language", "lang", "idioma", "lengua", "langue"],
  tags: ["tags", "tag", "labels", "categories", "etiquetas", "etiquettes"],
  source: ["source", "fuente", "origen", "provenance"],
  source_url: [
    "source url",
    "url",
    "link",
    "web page",
    "webpage",
    "website",
    "enlace",
    "pagina",
    "sitio web",
    "lien",
    "page",
    "site web",
  ],
  retrieved_at: ["retrieved at", "retrieved", "date retrieved", "fecha de obtencion", "date de collecte"],
  status: ["status", "estado", "situacion", "statut", "etat"],
  notes: [
    "notes",
    "note",
    "comments",
    "comment",
    "remarks",
    "notas",
    "comentarios",
    "observaciones",
    "remarques",
    "commentaires",
    "observations",
  ],
};

/** Label key → the field it names, for headings and page labels alike. */
export const FIELD_BY_LABEL: ReadonlyMap<string, ImportField> = (() => {
  const index = new Map<string, ImportField>();
  for (const field of IMPORT_FIELDS) {
    index.set(labelKey(field), field);
    for (const label of FIELD_LABELS[field]) {
      if (!index.has(labelKey(label))) index.set(labelKey(label), field);
    }
  }
  return index;
})();
