/** A returned partner CSV, row by row: a rejected row is one row with all of its problems, each with its code. */
import { describe, expect, it } from "vitest";
import { parseReturnedCsv } from "../../src/inbox/partner-csv.js";

const FILE = "returned.csv";
const known = new Set(["ar-1", "ar-2", "th-1"]);

describe("parseReturnedCsv", () => {
  it("counts a row with several problems once, with every problem's code and field", () => {
    const text = [
      "contact_id,outcome,date,notes",
      "ar-1,entregado,2012-11-12,en mano",
      "zz-9,waved,2012-13-45,",
      "ar-2,a répondu,2012-11-13,",
      ",replied,,",
      "ar-2,,,no news",
    ].join("\n");
    const r = parseReturnedCsv(text, FILE, { knownContacts: known });
    expect(r.rows).toBe(5);
    expect(r.blank).toBe(1);
    expect(r.problems).toEqual([]);
    expect(r.outcomes.map((o) => [o.line, o.contact, o.outcome])).toEqual([
      [2, "ar-1", "delivered-by-partner"],
      [4, "ar-2", "replied"],
    ]);
    expect(r.rejected.map((row) => [row.line, row.contact])).toEqual([
      [3, "zz-9"],
      [5, ""],
    ]);
    expect(r.rejected[0]?.problems.map((p) => [p.file, p.line, p.field, p.code])).toEqual([
      [FILE, 3, "contact_id", "E_CONTACT_UNKNOWN"],
      [FILE, 3, "outcome", "E_MARK_OUTCOME"],
      [FILE, 3, "date", "E_MARK_DATE"],
    ]);
    expect(r.rejected[1]?.problems.map((p) => [p.field, p.code])).toEqual([
      ["contact_id", "E_CONTACT_UNKNOWN"],
    ]);
  });

  it("a contact outside the partner's countries is one more problem of its row (E_PARTNER_SCOPE)", () => {
    const text = ["contact_id,outcome,date", "th-1,livrée,12/11/2012", "ar-1,reunión,2012-11-15"].join("\n");
    const r = parseReturnedCsv(text, FILE, {
      knownContacts: known,
      outOfScope: (contact) => (contact.startsWith("th-") ? `${contact} is in TH` : undefined),
    });
    expect(r.outcomes.map((o) => [o.contact, o.outcome])).toEqual([["ar-1", "meeting-held"]]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]?.problems.map((p) => [p.field, p.code])).toEqual([
      ["contact_id", "E_PARTNER_SCOPE"],
      ["date", "E_MARK_DATE"],
    ]);
  });

  it("sent / not-sent in a partner's row is rejected with E_MARK_OUTCOME", () => {
    const r = parseReturnedCsv("contact_id,outcome\nar-1,sent\n", FILE, { knownContacts: known });
    expect(r.outcomes).toEqual([]);
    expect(r.rejected[0]?.problems.map((p) => p.code)).toEqual(["E_MARK_OUTCOME"]);
  });

  it("a header without contact_id or outcome is a problem of the whole file (E_PARTNER_CSV_COLUMNS), no row", () => {
    const r = parseReturnedCsv("name,result\nx,y\n", FILE, { knownContacts: known });
    expect(r.rejected).toEqual([]);
    expect(r.outcomes).toEqual([]);
    expect(r.problems.map((p) => [p.file, p.line, p.code])).toEqual([[FILE, 1, "E_PARTNER_CSV_COLUMNS"]]);
  });
});
