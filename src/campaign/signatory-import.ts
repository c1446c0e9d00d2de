/**
 * A sign-on form's export (Google Forms, a spreadsheet, any CSV) read as sign-on requests: headings in
 * English, Spanish or French matched the way the directory import matches them (`labelKey`: accents,
 * case and punctuation ignored), `--map Heading=field` for the rest. Every bad row is reported as
 * `file:line field: message` and left out; the others become proposals for `takeInSignatories`. Pure.
 */
import { FIELD_LABELS, labelKey } from "../contacts/field-labels.js";
import { resolveCountry } from "../contacts/countries.js";
import { calendarDatePrefix } from "../core/calendar-date.js";
import { forEachCsvRecord, CsvSyntaxError } from "../core/csv-read.js";
import type { Problem } from "../core/errors.js";
import type { SignOnProposal } from "./signatory-intake.js";
import { SIGNATORY_TYPES, type SignatoryType } from "./signatory-schema.js";

export const SIGN_ON_FIELDS = ["organisation", "name", "country", "type", "contact", "signed"] as const;
export type SignOnField = (typeof SIGN_ON_FIELDS)[number];

/** Headings per field, as `labelKey` writes them. `name` is a person's: the signatory of an individual. */
const SIGN_ON_LABELS: Record<SignOnField, readonly string[]> = {
  organisation: [
    ...FIELD_LABELS.organisation.filter((l) => l !== "ministry" && l !== "ministry name"),
    "organisation name",
    "organization name",
    "name of organisation",
    "name of organization",
    "name as you would like it to appear",
    "organisation name as you would like it to appear",
    "organization name as you would like it to appear",
    "signatory",
    "signatory name",
    "group",
    "nombre de la organizacion",
    "nombre tal como desea que aparezca",
    "nom de l organisation",
    "nom de l organisme",
    "nom tel qu il doit apparaitre",
  ],
  name: FIELD_LABELS.name.filter((l) => !l.startsWith("contact")),
  country: FIELD_LABELS.country,
  type: ["type", "signatory type", "signing as", "tipo", "tipo de firmante", "type de signataire"],
  contact: [...FIELD_LABELS.email, "contact", "contact email", "contacto", "correo de contacto"],
  signed: [
    "signed",
    "date",
    "date signed",
    "timestamp",
    "submitted",
    "submitted at",
    "fecha",
    "marca temporal",
    "horodateur",
    "date de signature",
  ],
};

const LABEL_FIELD: ReadonlyMap<string, SignOnField> = new Map(
  SIGN_ON_FIELDS.flatMap((f) => [f, ...SIGN_ON_LABELS[f]].map((l) => [labelKey(l), f] as const)).reverse(),
);

/** `individual` in the letter languages people answer a form in; anything else named is an organisation. */
const INDIVIDUAL_WORDS = new Set([
  "individual",
  "individuo",
  "persona",
  "personal",
  "individuel",
  "personne",
  "person",
  "as an individual",
  "in a personal capacity",
  "a titulo personal",
  "a titulo individual",
  "a titre individuel",
  "a titre personnel",
]);
const ORGANISATION_WORDS = new Set([
  "organisation",
  "organization",
  "organizacion",
  "organisme",
  "group",
  "grupo",
  "groupe",
]);

/** The field a heading or a message's line label names ("Nom de l'organisation" → organisation). */
export function signOnFieldOf(label: string): SignOnField | undefined {
  return LABEL_FIELD.get(labelKey(label));
}

/** A type word ("Individual", "Organización", "à titre individuel") read as a type; "" when it is none. */
export function signatoryTypeOf(text: string): SignatoryType | "" {
  return readType(text, false) ?? "";
}

export interface SignOnImport {
  proposals: SignOnProposal[];
  problems: Problem[];
  /** Heading → field (or "ignored"), for the report. */
  columns: { heading: string; field: SignOnField | "ignored" }[];
}

/**
 * `text` is the decoded file, `file` how to name it in problems and sources, `today` the date for rows
 * without one, `map` heading → field overrides (`ignore` drops a column).
 */
export function readSignOnExport(
  text: string,
  file: string,
  delimiter: string,
  today: string,
  map: Readonly<Record<string, string>> = {},
): SignOnImport {
  const records: { fields: string[]; line: number }[] = [];
  try {
    forEachCsvRecord(text.replace(/^\ufeff/, ""), delimiter, (r) => records.push(r), { trim: true });
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    return {
      proposals: [],
      problems: [{ file, line: e.line, message: `not valid CSV: ${e.message}` }],
      columns: [],
    };
  }
  const header = records[0]?.fields ?? [];
  const { fields, problems } = mapHeadings(header, file, map);
  const columns = header.map((heading, i) => ({ heading, field: fields[i] ?? ("ignored" as const) }));
  if (!fields.includes("organisation") && !fields.includes("name")) {
    problems.push({
      code: "E_CSV_HEADER",
      file,
      line: 1,
      message: `no column names the signatory (e.g. "Organisation", "Organización", "Nom de l'organisation"); use --map "<heading>=organisation"`,
    });
    return { proposals: [], problems, columns };
  }
  const proposals: SignOnProposal[] = [];
  for (const { fields: values, line } of records.slice(1)) {
    if (values.every((v) => v === "")) continue;
    const cell = (f: SignOnField) => values[fields.indexOf(f)] ?? "";
    const proposal = readRow(cell, { file, line, today }, problems);
    if (proposal) proposals.push(proposal);
  }
  return { proposals, problems, columns };
}

function mapHeadings(
  header: readonly string[],
  file: string,
  map: Readonly<Record<string, string>>,
): { fields: (SignOnField | undefined)[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const overrides = new Map<string, SignOnField | "ignore">();
  for (const [heading, target] of Object.entries(map)) {
    const t = target.trim().toLowerCase();
    if (t === "ignore" || (SIGN_ON_FIELDS as readonly string[]).includes(t)) {
      overrides.set(labelKey(heading), t as SignOnField | "ignore");
    } else {
      problems.push({
        code: "E_USAGE",
        field: "--map",
        message: `"${target}" is not one of ${SIGN_ON_FIELDS.join(", ")} or ignore`,
      });
    }
  }
  const taken = new Set<SignOnField>();
  const fields = header.map((h) => {
    const key = labelKey(h);
    const field = overrides.get(key) ?? LABEL_FIELD.get(key);
    if (field === undefined || field === "ignore") return undefined;
    if (taken.has(field)) {
      problems.push({
        file,
        line: 1,
        field: h,
        message: `a second column for ${field}; ignored (use --map to choose)`,
        severity: "warning",
      });
      return undefined;
    }
    taken.add(field);
    return field;
  });
  return { fields, problems };
}

function readRow(
  cell: (f: SignOnField) => string,
  where: { file: string; line: number; today: string },
  problems: Problem[],
): SignOnProposal | undefined {
  const { file, line } = where;
  const before = problems.length;
  const name = cell("name");
  const type = readType(cell("type"), cell("organisation") === "" && name !== "");
  if (type === undefined)
    problems.push({
      file,
      line,
      field: "type",
      message: `"${cell("type")}" is neither ${SIGNATORY_TYPES.join(" nor ")}`,
    });
  const organisation = cell("organisation") || name;
  if (!organisation) problems.push({ file, line, field: "organisation", message: "is empty" });
  const countryText = cell("country");
  const country = countryText ? resolveCountry(countryText) : "";
  if (country === undefined) {
    problems.push({
      code: "E_SIGNATORY_COUNTRY",
      file,
      line,
      field: "country",
      message: `unknown country "${countryText}": give its ISO code (AR) or its name (Argentina)`,
    });
  }
  let signed = calendarDatePrefix(cell("signed"));
  if (!signed) {
    if (cell("signed"))
      problems.push({
        file,
        line,
        field: "signed",
        message: `"${cell("signed")}" is not a date as YYYY-MM-DD; ${where.today} used`,
        severity: "warning",
      });
    signed = where.today;
  }
  if (problems.slice(before).some((p) => (p.severity ?? "error") === "error")) return undefined;
  const email = cell("contact");
  const contact = email && name && cell("organisation") ? `${name} <${email}>` : email;
  return {
    organisation,
    country: country ?? "",
    ...(type ? { type } : {}),
    ...(contact ? { contact } : {}),
    signed,
    source: `import:${file}:${line}`,
    origin: `${file}:${line}`,
  };
}

/** undefined for a word that is not a type; "" (unknown, stored empty) for an empty cell. */
function readType(text: string, personOnly: boolean): SignatoryType | "" | undefined {
  const key = labelKey(text);
  if (key === "") return personOnly ? "individual" : "";
  if (INDIVIDUAL_WORDS.has(key)) return "individual";
  if (ORGANISATION_WORDS.has(key)) return "organisation";
  return undefined;
}
