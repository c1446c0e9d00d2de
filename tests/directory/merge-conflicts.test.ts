/**
 * The merge's identity rules (pure): one address never stands for two countries (such a row is not
 * merged at all), a shared mailbox keeps every person, and every combined row says what was kept and
 * what was dropped.
 */
import { describe, expect, it } from "vitest";
import type { Contact } from "../../src/contacts/contact-schema.js";
import { DirectoryMerger, mergeContacts } from "../../src/contacts/merge-contacts.js";
import type { ContactPatch } from "../../src/contacts/contact-patch.js";

function contact(fields: Partial<Contact> & Pick<Contact, "id" | "country">): Contact {
  return {
    organisation: "",
    department: "",
    honorific: "",
    name: "",
    title: "",
    email: "",
    phone: "",
    fax: "",
    address: "",
    language: "",
    tags: "",
    source: "old.csv",
    source_url: "",
    retrieved_at: "2026-01-01T00:00:00.000Z",
    status: "active",
    notes: "",
    ...fields,
  };
}

const MAILBOX = "cooperation@numerique.sn.example";
const senegal = contact({
  id: "sn-1",
  country: "SN",
  organisation: "Ministère (exemple)",
  honorific: "M.",
  name: "Mamadou Exemple",
  title: "Directeur",
  email: MAILBOX,
});
const pierre: ContactPatch = { country: "FR", honorific: "M.", name: "Pierre Martin", email: MAILBOX };

describe("the same address in another country", () => {
  it("against the directory: the row is rejected naming the contact and its country, nothing merged", () => {
    const merger = new DirectoryMerger([senegal], { file: "in.csv" });
    const notes = merger.add(pierre, 7);
    expect(notes?.rejected).toEqual([
      expect.objectContaining({ file: "in.csv", line: 7, field: "email", severity: "error" }),
    ]);
    expect(notes?.rejected?.[0]?.message).toContain("contact sn-1 (SN)");
    expect(notes?.rejected?.[0]?.message).toContain("FR");
    const result = merger.finish();
    expect(result.contacts).toEqual([senegal]);
    expect([result.added, result.updated, result.unchanged]).toEqual([0, 0, 0]);
  });

  it("within one file: the later row is rejected naming the earlier line, which gets a warning", () => {
    const r = mergeContacts([], [{ country: "SN", name: "Mamadou Exemple", email: MAILBOX }, pierre], {
      file: "in.csv",
    });
    expect(r.contacts.map((c) => [c.country, c.name])).toEqual([["SN", "Mamadou Exemple"]]);
    const rejected = r.problems.find((p) => p.severity === "error");
    expect(rejected).toMatchObject({ line: 2, field: "email" });
    expect(rejected?.message).toContain("line 1 (SN)");
    const warning = r.problems.find((p) => p.severity === "warning");
    expect(warning).toMatchObject({ line: 1, field: "email" });
    expect(warning?.message).toContain("FR on line 2");
  });

  it("a row with a contact's id never moves it to another country", () => {
    const merger = new DirectoryMerger([senegal]);
    const notes = merger.add({ id: "sn-1", country: "FR", name: "Pierre Martin" }, 3);
    expect(notes?.rejected?.[0]).toMatchObject({ line: 3, field: "id" });
    expect(merger.finish().contacts).toEqual([senegal]);
  });
});

describe("a shared mailbox", () => {
  it("another person at the same address joins the contact: one contact listing both, with a warning", () => {
    const r = mergeContacts(
      [senegal],
      [{ country: "SN", honorific: "Mme", name: "Awa Exemple", title: "Conseillère", email: MAILBOX }],
      { file: "in.csv" },
    );
    expect([r.added, r.updated]).toEqual([0, 1]);
    expect(r.contacts).toHaveLength(1);
    expect(r.contacts[0]).toMatchObject({
      id: "sn-1",
      honorific: "M.; Mme",
      name: "Mamadou Exemple; Awa Exemple",
      title: "Directeur; Conseillère",
    });
    expect(r.sharedMailboxes).toEqual([
      { line: 1, email: MAILBOX, contact: "sn-1", people: ["Mamadou Exemple", "Awa Exemple"] },
    ]);
    expect(r.problems).toEqual([expect.objectContaining({ line: 1, field: "email", severity: "warning" })]);
    expect(r.problems[0]?.message).toContain("Mamadou Exemple; Awa Exemple");
  });

  it("a person already in the directory is never dropped, not even by a manual row or against a manual contact", () => {
    const manual = contact({ ...senegal, source: "manual" });
    const byImport = mergeContacts([manual], [{ country: "SN", name: "Awa Exemple", email: MAILBOX }]);
    expect(byImport.contacts[0]?.name).toBe("Mamadou Exemple; Awa Exemple");
    const byManualRow = mergeContacts(byImport.contacts, [
      { country: "SN", name: "Awa Exemple", title: "Conseillère", email: MAILBOX, source: "manual" },
    ]);
    expect(byManualRow.contacts[0]).toMatchObject({
      name: "Mamadou Exemple; Awa Exemple",
      title: "Directeur; Conseillère",
    });
  });

  it("importing the same rows again changes nothing", () => {
    const rows: ContactPatch[] = [
      { country: "SN", honorific: "M.", name: "Mamadou Exemple", title: "Directeur", email: MAILBOX },
      { country: "SN", honorific: "Mme", name: "Awa Exemple", email: MAILBOX },
    ];
    const first = mergeContacts([], rows);
    expect(first.contacts).toHaveLength(1);
    expect(first.contacts[0]).toMatchObject({ honorific: "M.; Mme", title: "Directeur;" });
    const second = mergeContacts(first.contacts, rows);
    expect([second.added, second.updated, second.unchanged]).toEqual([0, 0, 1]);
    expect(second.contacts).toEqual(first.contacts);
  });
});

describe("combined rows report what was kept and what was dropped", () => {
  it("later non-empty values win, and each replaced value is named with its line", () => {
    const r = mergeContacts(
      [],
      [
        { country: "SN", name: "Mamadou Exemple", title: "Directeur adjoint", phone: "1", email: MAILBOX },
        { country: "SN", name: "Mamadou Exemple", title: "Directeur", email: MAILBOX },
      ],
      { file: "in.csv" },
    );
    expect(r.contacts[0]).toMatchObject({ title: "Directeur", phone: "1" });
    expect(r.combined).toEqual([
      {
        line: 2,
        field: "title",
        kept: { value: "Directeur", line: 2 },
        dropped: [{ value: "Directeur adjoint", line: 1 }],
      },
    ]);
    expect(r.problems.map((p) => `${p.line} ${p.field ?? ""}: ${p.message}`)).toEqual([
      "2 : same contact as line 1; the rows were combined",
      '2 title: kept "Directeur" (line 2), dropped "Directeur adjoint" (line 1)',
    ]);
  });

  it("the stricter status wins within a file, and a nameless title on a shared mailbox is reported dropped", () => {
    const r = mergeContacts(
      [],
      [
        { country: "SN", name: "Mamadou Exemple", status: "do-not-contact", email: MAILBOX },
        { country: "SN", name: "Awa Exemple", status: "active", email: MAILBOX },
        { country: "SN", title: "Secrétariat", email: MAILBOX },
      ],
      { file: "in.csv" },
    );
    expect(r.contacts[0]).toMatchObject({
      status: "do-not-contact",
      name: "Mamadou Exemple; Awa Exemple",
      title: "",
    });
    expect(r.combined).toContainEqual({
      line: 3,
      field: "title",
      kept: null,
      dropped: [{ value: "Secrétariat", line: 3 }],
    });
  });

  it("a row repeating the directory's value reports the directory as the source of what was kept", () => {
    const r = mergeContacts(
      [senegal],
      [
        { country: "SN", email: MAILBOX },
        { country: "SN", email: MAILBOX, title: "Directeur général" },
      ],
    );
    expect(r.combined).toEqual([
      {
        line: 2,
        field: "title",
        kept: { value: "Directeur général", line: 2 },
        dropped: [{ value: "Directeur", contact: "sn-1" }],
      },
    ]);
  });

  it("a plain merge reports nothing and allocates no notes", () => {
    const merger = new DirectoryMerger([senegal]);
    expect(merger.add({ country: "SN", email: MAILBOX, name: "Mamadou Exemple" }, 1)).toBeUndefined();
    expect(merger.add({ country: "SN", email: "other@numerique.sn.example" }, 2)).toBeUndefined();
  });
});
