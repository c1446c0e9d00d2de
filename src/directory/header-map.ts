/**
 * Header mapping: which column of an imported spreadsheet holds which directory field. Recognises the
 * headings of the label vocabulary (`src/contacts/field-labels.ts`, shared with the crawler: "E-mail",
 * "Correo electrónico", "Courriel", "País", "Ministère", "Cargo", "Téléphone"...) whatever their accents,
 * case and punctuation; `--map header=field` overrides or adds a mapping, and `--map header=ignore` drops
 * a column.
 */
import type { Problem } from "../core/errors.js";
import {
  FIELD_BY_LABEL,
  IMPORT_FIELDS,
  labelKey as headingKey,
  type ImportField,
} from "../contacts/field-labels.js";

// The import's names for the vocabulary's field list and key, as the rest of the import knows them.
export { headingKey, IMPORT_FIELDS, type ImportField };

/** Columns our own rejects file adds; ignored silently when a fixed rejects file is imported again. */
const REJECTS_COLUMNS = new Set(["error", "line"]);

export interface HeaderMapping {
  /** Field for each column position; undefined = ignored. */
  fields: (ImportField | undefined)[];
  problems: Problem[];
}

/** Parse `--map` values (`Header=field`, `Header=ignore`) into a heading-key → field table. */
export function parseMapOptions(map: Record<string, string>): {
  overrides: Map<string, ImportField | "ignore">;
  problems: Problem[];
} {
  const overrides = new Map<string, ImportField | "ignore">();
  const problems: Problem[] = [];
  for (const [heading, target] of Object.entries(map)) {
    const field = target.trim().toLowerCase().replace(/-/g, "_");
    if (field === "ignore" || (IMPORT_FIELDS as readonly string[]).includes(field)) {
      overrides.set(headingKey(heading), field as ImportField | "ignore");
    } else {
      problems.push({
        field: "--map",
        message: `"${heading}=${target}": unknown field; use one of ${IMPORT_FIELDS.join(", ")} or ignore`,
      });
    }
  }
  return { overrides, problems };
}

/**
 * Map a header row to fields. Errors: a field claimed by two columns, no country column, or nothing to
 * identify a contact (email, name or organisation). Warnings: columns ignored.
 */
export function mapHeader(
  header: readonly string[],
  map: Record<string, string>,
  file: string,
): HeaderMapping {
  const { overrides, problems } = parseMapOptions(map);
  for (const p of problems) p.file = file;
  const fields: (ImportField | undefined)[] = [];
  const claimed = new Map<ImportField, string>();
  header.forEach((raw, i) => {
    const key = headingKey(raw);
    const override = overrides.get(key);
    const field = override === "ignore" ? undefined : (override ?? FIELD_BY_LABEL.get(key));
    if (field === undefined) {
      fields[i] = undefined;
      if (override !== "ignore" && !REJECTS_COLUMNS.has(key) && raw.trim() !== "") {
        problems.push({
          file,
          line: 1,
          field: raw,
          message: "column not recognised and ignored (use --map to assign it)",
          severity: "warning",
        });
      }
      return;
    }
    const first = claimed.get(field);
    if (first !== undefined) {
      problems.push({
        file,
        line: 1,
        field: raw,
        message: `column maps to ${field}, which column "${first}" already provides (use --map "${raw}=ignore" or another field)`,
      });
      fields[i] = undefined;
      return;
    }
    claimed.set(field, raw);
    fields[i] = field;
  });
  for (const key of overrides.keys()) {
    if (!header.some((h) => headingKey(h) === key)) {
      problems.push({
        file,
        line: 1,
        field: "--map",
        message: `no column named "${key}" in the header`,
        severity: "warning",
      });
    }
  }
  if (!claimed.has("country")) {
    problems.push({
      file,
      line: 1,
      field: "country",
      message: 'no country column (Country, País, Pays...); use --map "Your heading=country"',
    });
  }
  if (
    !["email", "name", "first_name", "last_name", "organisation", "id"].some((f) =>
      claimed.has(f as ImportField),
    )
  ) {
    problems.push({
      file,
      line: 1,
      message: "no email, name or organisation column; nothing identifies a contact",
    });
  }
  return { fields, problems };
}
