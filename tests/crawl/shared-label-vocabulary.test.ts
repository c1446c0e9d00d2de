/**
 * One label vocabulary (src/contacts/field-labels.ts): a word that names a field on a crawled page names
 * the same field as a spreadsheet heading, and the other way round.
 */
import { describe, expect, it } from "vitest";
import { FIELD_LABELS } from "../../src/contacts/field-labels.js";
import { LABELLED_FIELDS, recogniseLabel } from "../../src/directory/crawl/recognise-label.js";
import { mapHeader } from "../../src/directory/header-map.js";

/** The fields a label on a contact page may fill (the crawler's own list). */
const PAGE_FIELDS = LABELLED_FIELDS;

describe("the crawler and the CSV import read one vocabulary", () => {
  it.each(PAGE_FIELDS)("every %s label is recognised on a page and as a heading", (field) => {
    for (const label of FIELD_LABELS[field]) {
      expect(recogniseLabel(`${label}:`), label).toBe(field);
      expect(mapHeader([label], {}, "t.csv").fields[0], label).toBe(field);
    }
  });

  it("leaves the fields a page never labels to the profile and the crawl", () => {
    expect(mapHeader(["Notes"], {}, "t.csv").fields[0]).toBe("notes");
    expect(recogniseLabel("Notes:")).toBeUndefined();
    expect(recogniseLabel("Website:")).toBeUndefined();
  });

  it("reads a label written with other punctuation, and a pair of labels as its first", () => {
    expect(recogniseLabel("E.mail")).toBe("email");
    expect(recogniseLabel("Tel./Fax :")).toBe("phone");
    expect(recogniseLabel("Correo-e")).toBe("email");
  });
});
