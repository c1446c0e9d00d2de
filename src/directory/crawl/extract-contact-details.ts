/**
 * Generic contact extraction for a page whose layout is not known in advance. The page is flattened to
 * `label: value` lines (two-cell table rows, definition lists, labelled lines of text), labels are
 * recognised in English, French and Spanish, and lines are grouped into people: a block with a name is
 * a person, labelled details outside any person are the organisation's own. Pure.
 */
import * as cheerio from "cheerio";
import type { AnyNode, Element, Text } from "domhandler";
import { emailFromMailto, extractEmails } from "./extract-emails.js";
import type { ContactFields } from "./site-profile.js";
import { foldAccentsAndCase } from "../../core/fold-text.js";

export interface ContactDetails {
  people: ContactFields[];
  /** Details that belong to no person: the organisation's general mailbox, phone, address. */
  general: ContactFields;
  loginRequired: boolean;
}

type LabelledField =
  "name" | "honorific" | "title" | "department" | "organisation" | "email" | "phone" | "fax" | "address";

/** Label words, compared after lower-casing and removing accents and trailing punctuation. */
const LABELS: Record<LabelledField, readonly string[]> = {
  name: [
    "name",
    "full name",
    "contact",
    "contact person",
    "person",
    "nom",
    "nom complet",
    "nom et prenom",
    "personne de contact",
    "nombre",
    "nombre completo",
    "persona de contacto",
    "contacto",
  ],
  honorific: ["honorific", "salutation", "civilite", "tratamiento"],
  title: [
    "title",
    "position",
    "function",
    "job title",
    "designation",
    "role",
    "titre",
    "fonction",
    "poste",
    "qualite",
    "cargo",
    "puesto",
    "funcion",
    "titulo",
  ],
  department: [
    "department",
    "unit",
    "division",
    "service",
    "office",
    "departement",
    "unite",
    "bureau",
    "departamento",
    "unidad",
    "oficina",
    "division",
  ],
  organisation: [
    "organization",
    "organisation",
    "ministry",
    "entity",
    "institution",
    "ministere",
    "organisme",
    "ministerio",
    "entidad",
    "institucion",
    "organismo",
  ],
  email: [
    "email",
    "e-mail",
    "e mail",
    "mail",
    "email address",
    "e-mail address",
    "courriel",
    "adresse electronique",
    "adresse e-mail",
    "mel",
    "correo",
    "correo electronico",
    "correo-e",
  ],
  phone: [
    "phone",
    "telephone",
    "tel",
    "phone number",
    "telephone number",
    "mobile",
    "telefono",
    "portable",
    "movil",
    "celular",
    "tel/phone",
  ],
  fax: ["fax", "telefax", "telecopie", "telecopieur", "facsimile", "fax number"],
  address: [
    "address",
    "postal address",
    "street address",
    "adresse",
    "adresse postale",
    "direccion",
    "direccion postal",
    "domicilio",
  ],
};

const LABEL_INDEX = new Map<string, LabelledField>(
  Object.entries(LABELS).flatMap(([field, words]) => words.map((w) => [w, field as LabelledField] as const)),
);

const HONORIFIC =
  /^(?:(mr|mrs|ms|miss|dr|prof|h\.\s?e|s\.\s?e|mme|mlle|me|sr|sra|srta|dra|ing|lic|excmo|excma)\.?|m\.|don|do[ñn]a)\s+/i;

const BLOCK = new Set([
  "p",
  "div",
  "li",
  "ul",
  "ol",
  "section",
  "article",
  "header",
  "footer",
  "main",
  "aside",
  "address",
  "blockquote",
  "pre",
  "form",
  "fieldset",
  "center",
  "tbody",
  "thead",
  "tfoot",
  "caption",
  "nav",
]);
/** Elements that start a new group of details: a person never spans two of these. */
const BOUNDARY = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "dl", "section", "article"]);
const SKIP = new Set([
  "script",
  "style",
  "noscript",
  "head",
  "template",
  "iframe",
  "select",
  "option",
  "button",
]);

const SEPARATOR = "\u0000";

/** Parse a page (or the part under `rootSelector`) for contact details. */
export function extractContactDetails(html: string, rootSelector?: string): ContactDetails {
  const $ = cheerio.load(html);
  const loginRequired = detectLoginForm($);
  let root = rootSelector ? $(rootSelector).first() : $("body");
  if (root.length === 0) root = $("body").length ? $("body") : $.root();
  // A mailto link's address is the most reliable email on the page, whatever its text says.
  root.find('a[href^="mailto:" i]').each((_, a) => {
    const email = emailFromMailto($(a).attr("href") ?? "");
    if (email) $(a).text(` ${email} `);
  });
  const lines: string[] = [];
  const buffer: string[] = [];
  const flush = () => {
    const line = buffer.join("").replace(/\s+/g, " ").trim();
    buffer.length = 0;
    if (line) lines.push(line);
  };
  flattenNode(root.get(0), lines, buffer, flush);
  flush();
  return { ...groupLines(lines), loginRequired };
}

export function detectLoginForm($: cheerio.CheerioAPI): boolean {
  return $('input[type="password" i]').length > 0;
}

// domhandler's node types are an enum; compare as strings to stay independent of its exports.
const isText = (n: AnyNode): n is Text => (n.type as string) === "text";
const isElement = (n: AnyNode): n is Element => (n.type as string) === "tag";

function flattenNode(node: AnyNode | undefined, lines: string[], buffer: string[], flush: () => void): void {
  if (!node) return;
  if (isText(node)) {
    buffer.push(node.data);
    return;
  }
  if (!isElement(node) && (node.type as string) !== "root") return;
  const el = node as Element;
  const name = isElement(node) ? el.name.toLowerCase() : "";
  if (SKIP.has(name)) return;
  if (name === "br") return flush();
  if (name === "tr" && !hasNestedTable(el)) {
    flush();
    const cells = el.children.filter(
      (c): c is Element => isElement(c) && (c.name === "td" || c.name === "th"),
    );
    const texts = cells.map((c) => cellText(c));
    if (texts.length === 2 && texts[0] && recogniseLabel(texts[0]) !== undefined)
      lines.push(`${texts[0].replace(/[:：]\s*$/, "")}: ${texts[1]}`);
    else for (const t of texts) if (t) lines.push(t);
    return;
  }
  if (name === "dl") {
    flush();
    lines.push(SEPARATOR);
    flattenDefinitions(el, lines);
    lines.push(SEPARATOR);
    return;
  }
  const isBlock = BLOCK.has(name) || BOUNDARY.has(name) || name === "td" || name === "th" || name === "tr";
  if (isBlock) flush();
  if (BOUNDARY.has(name)) lines.push(SEPARATOR);
  for (const child of el.children) flattenNode(child, lines, buffer, flush);
  if (isBlock) flush();
  if (BOUNDARY.has(name)) lines.push(SEPARATOR);
}

/** dt/dd pairs as `label: value` lines; `<dl><div><dt/><dd/></div></dl>` is valid HTML too. */
function flattenDefinitions(dl: Element, lines: string[]): void {
  let label = "";
  const visit = (parent: Element) => {
    for (const child of parent.children) {
      if (!isElement(child)) continue;
      const tag = child.name.toLowerCase();
      if (tag === "dt") label = cellText(child).replace(/[:：]\s*$/, "");
      else if (tag === "dd") lines.push(label ? `${label}: ${cellText(child)}` : cellText(child));
      else if (tag === "div") visit(child);
    }
  };
  visit(dl);
}

function hasNestedTable(el: Element): boolean {
  return el.children.some((c) => isElement(c) && (c.name === "table" || hasNestedTable(c)));
}

function cellText(el: Element): string {
  const parts: string[] = [];
  const walk = (n: AnyNode) => {
    if (isText(n)) parts.push(n.data);
    else if (isElement(n)) {
      if (SKIP.has(n.name)) return;
      if (n.name === "br" || BLOCK.has(n.name)) parts.push(", ");
      for (const c of n.children) walk(c);
    }
  };
  for (const c of el.children) walk(c);
  return parts
    .join("")
    .replace(/\s+/g, " ")
    .replace(/(?:\s*,\s*)+/g, ", ")
    .replace(/^[\s,]+|[\s,]+$/g, "");
}

/** Normalise a label: lower case, no accents, no trailing colon or dots, single spaces. */
export function recogniseLabel(label: string): LabelledField | undefined {
  const key = foldAccentsAndCase(label)
    .replace(/[:：.\s]+$/g, "")
    .replace(/\s*\/\s*/g, "/")
    .replace(/\s+/g, " ")
    .trim();
  if (key.length > 40) return undefined;
  return LABEL_INDEX.get(key) ?? LABEL_INDEX.get(key.split("/")[0] ?? "");
}

/** A line `Label: value` (`Label - value` is too ambiguous to accept). */
function splitLabelled(line: string): { field: LabelledField; value: string } | undefined {
  const m = /^([^:：]{1,40})[:：]\s*(.*)$/.exec(line);
  if (!m) return undefined;
  const field = recogniseLabel(m[1] ?? "");
  return field ? { field, value: (m[2] ?? "").trim() } : undefined;
}

function groupLines(lines: string[]): { people: ContactFields[]; general: ContactFields } {
  const people: ContactFields[] = [];
  const general: ContactFields = {};
  let current: ContactFields = {};
  const close = () => {
    if (current.name) people.push(finishPerson(current));
    else mergeInto(general, current);
    current = {};
  };
  for (const line of lines) {
    if (line === SEPARATOR) {
      close();
      continue;
    }
    const labelled = splitLabelled(line);
    if (!labelled) {
      // An address in running text still counts, for the open person or the organisation.
      const email = extractEmails(line)[0];
      if (email && !current.email) current.email = email;
      else if (email && !general.email) general.email = email;
      continue;
    }
    const { field } = labelled;
    let value = labelled.value;
    if (field === "email") {
      const email = extractEmails(value)[0];
      if (!email) continue;
      value = email;
    }
    if (!value) continue;
    // A second name starts the next person; other repeated fields add to the current one.
    if (field === "name" && current.name !== undefined) close();
    if (field === "email" && current.email !== undefined) continue;
    current[field] = current[field] ? `${current[field]}, ${value}` : value;
  }
  close();
  return { people, general };
}

function finishPerson(fields: ContactFields): ContactFields {
  const out = { ...fields };
  const name = out.name ?? "";
  const m = HONORIFIC.exec(name);
  if (m) {
    out.honorific ??= m[0].trim();
    out.name = name.slice(m[0].length).trim();
  }
  // "Title: Mr." is an honorific, not a job title.
  if (out.title && HONORIFIC.test(`${out.title} `) && out.title.length <= 6) {
    out.honorific ??= out.title;
    delete out.title;
  }
  return out;
}

function mergeInto(target: ContactFields, source: ContactFields): void {
  for (const [k, v] of Object.entries(source) as [keyof ContactFields, string][]) {
    if (v && !target[k]) target[k] = v;
  }
}
