/**
 * Which contact field a label on a crawled page names ("Tél. :", "Correo electrónico", "E-mail"). The
 * words come from the one label vocabulary (`src/contacts/field-labels.ts`) that CSV headings are matched
 * by too; this file only decides which of its fields a page may fill and how a page writes a label.
 * Input: a label, or a `Label: value` line. Output: the field and value, or nothing. Pure.
 */
import { FIELD_BY_LABEL, labelKey } from "../../contacts/field-labels.js";
import { foldAccentsAndCase } from "../../core/fold-text.js";
import type { ContactField } from "./site-profile.js";

/** The fields a label on a contact page may fill; tags, notes and the rest come from the profile. */
export const LABELLED_FIELDS = [
  "organisation",
  "department",
  "honorific",
  "name",
  "title",
  "email",
  "phone",
  "fax",
  "address",
] as const satisfies readonly ContactField[];
export type LabelledField = (typeof LABELLED_FIELDS)[number];
const LABELLED: ReadonlySet<string> = new Set(LABELLED_FIELDS);

/** The field a label names, whatever its case, accents and trailing colon or dots. */
export function recogniseLabel(label: string): LabelledField | undefined {
  const key = foldAccentsAndCase(label)
    .replace(/[:：.\s]+$/g, "")
    .replace(/\s*\/\s*/g, "/")
    .replace(/\s+/g, " ")
    .trim();
  if (key.length > 40) return undefined;
  // "Tel./Fax": a pair of labels is read as its first one.
  return labelledField(key) ?? labelledField(key.split("/")[0] ?? "");
}

function labelledField(label: string): LabelledField | undefined {
  const field = FIELD_BY_LABEL.get(labelKey(label));
  return field !== undefined && LABELLED.has(field) ? (field as LabelledField) : undefined;
}

/** A line `Label: value` (`Label - value` is too ambiguous to accept). */
export function splitLabelled(line: string): { field: LabelledField; value: string } | undefined {
  const m = /^([^:：]{1,40})[:：]\s*(.*)$/.exec(line);
  if (!m) return undefined;
  const field = recogniseLabel(m[1] ?? "");
  return field ? { field, value: (m[2] ?? "").trim() } : undefined;
}
