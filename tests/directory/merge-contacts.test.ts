import { describe, expect, it } from "vitest";
import type { Contact } from "../../src/contacts/contact-schema.js";
import { applyPatch, CONTENT_COLUMNS } from "../../src/contacts/apply-patch.js";
import { mergeContacts } from "../../src/contacts/merge-contacts.js";
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

const ana = contact({
  id: "ar-1",
  country: "AR",
  organisation: "Ministerio",
  name: "Ana Ejemplo",
  email: "ana@mincom.ar.example",
  phone: "111",
});

describe("applyPatch", () => {
  it("sees a change in every content column (the no-change shortcut covers them all)", () => {
    for (const column of CONTENT_COLUMNS) {
      const value =
        column === "status"
          ? "do-not-contact"
          : column === "language"
            ? "fr"
            : column === "country"
              ? "UY"
              : "new";
      const patch = { country: ana.country, [column]: value } as ContactPatch;
      const next = applyPatch(ana, patch);
      // Another name at the same address is another person of the mailbox: added, never swapped in.
      const expected = column === "name" ? "Ana Ejemplo; new" : value;
      expect(next?.[column], column).toBe(expected);
    }
  });

  it("changes nothing when a patch repeats the contact, and normalises stored tags that are not a clean list", () => {
    const tagged = contact({ id: "ar-3", country: "AR", email: "a@b.ar.example", tags: "x;y" });
    expect(applyPatch(tagged, { country: "AR", email: "a@b.ar.example", tags: "x;y" })).toBeUndefined();
    const messy = contact({ id: "ar-4", country: "AR", tags: "x; y;x" });
    expect(applyPatch(messy, { country: "AR", tags: "x; y;x" })?.tags).toBe("x;y");
  });
});

describe("mergeContacts", () => {
  it("adds new contacts with a derived id and defaults", () => {
    const r = mergeContacts([], [{ country: "TH", email: "intl@mdes.th.example", source: "x.csv" }]);
    expect([r.added, r.updated, r.unchanged]).toEqual([1, 0, 0]);
    expect(r.contacts[0]).toMatchObject({ country: "TH", status: "active", source: "x.csv" });
    expect(r.contacts[0]?.id).toMatch(/^th-[0-9a-f]{10}$/);
  });

  it("matches by email case-insensitively and updates fields, never blanking one", () => {
    const r = mergeContacts(
      [ana],
      [
        {
          country: "AR",
          email: "ANA@MINCOM.AR.EXAMPLE",
          title: "Directora",
          phone: undefined,
          source: "new.csv",
          retrieved_at: "2026-11-29T00:00:00.000Z",
        },
      ],
    );
    expect([r.added, r.updated]).toEqual([0, 1]);
    expect(r.contacts[0]).toMatchObject({
      id: "ar-1",
      title: "Directora",
      phone: "111",
      source: "new.csv",
      retrieved_at: "2026-11-29T00:00:00.000Z",
    });
  });

  it("reports unchanged (and keeps provenance) when a patch says nothing new", () => {
    const r = mergeContacts(
      [ana],
      [
        {
          country: "AR",
          email: "ana@mincom.ar.example",
          name: "Ana Ejemplo",
          source: "again.csv",
          retrieved_at: "2027-01-01T00:00:00.000Z",
        },
      ],
    );
    expect([r.added, r.updated, r.unchanged]).toEqual([0, 0, 1]);
    expect(r.contacts[0]?.source).toBe("old.csv");
  });

  it("matches by country + organisation + name when there is no email, and fills the email in", () => {
    const fax = contact({
      id: "uy-1",
      country: "UY",
      organisation: "Ministerio de Industria",
      name: "Martín Ejemplo",
      fax: "+598",
    });
    const r = mergeContacts(
      [fax],
      [
        {
          country: "UY",
          organisation: "ministerio de industria",
          name: "MARTÍN EJEMPLO",
          email: "dnt@miem.uy.example",
        },
      ],
    );
    expect([r.added, r.updated]).toEqual([0, 1]);
    expect(r.contacts[0]).toMatchObject({ id: "uy-1", email: "dnt@miem.uy.example", fax: "+598" });
  });

  it("keeps two mailboxes of one unnamed ministry apart", () => {
    const a = contact({ id: "fr-1", country: "FR", organisation: "Ministère", email: "a@min.fr.example" });
    const r = mergeContacts([a], [{ country: "FR", organisation: "Ministère", email: "b@min.fr.example" }]);
    expect([r.added, r.updated]).toEqual([1, 0]);
  });

  it("manual rows win: an import only fills their empty fields", () => {
    const manual = contact({ ...ana, source: "manual", title: "Directora" });
    const r = mergeContacts(
      [manual],
      [
        {
          country: "AR",
          email: "ana@mincom.ar.example",
          title: "Asesora",
          department: "DAI",
          source: "crawl",
        },
      ],
    );
    expect(r.contacts[0]).toMatchObject({ title: "Directora", department: "DAI", source: "manual" });
  });

  it("a manual row overrides imported values", () => {
    const r = mergeContacts(
      [contact({ ...ana, title: "Asesora" })],
      [{ country: "AR", email: "ana@mincom.ar.example", title: "Directora", source: "manual" }],
    );
    expect(r.contacts[0]).toMatchObject({ title: "Directora", source: "manual" });
  });

  it("imports never revive a bounced or do-not-contact address; a manual row may", () => {
    const bounced = contact({ ...ana, status: "do-not-contact" });
    const imported = mergeContacts(
      [bounced],
      [{ country: "AR", email: "ana@mincom.ar.example", status: "active", source: "crawl" }],
    );
    expect([imported.updated, imported.contacts[0]?.status]).toEqual([0, "do-not-contact"]);
    const manual = mergeContacts(
      [bounced],
      [{ country: "AR", email: "ana@mincom.ar.example", status: "active", source: "manual" }],
    );
    expect(manual.contacts[0]?.status).toBe("active");
    const escalate = mergeContacts(
      [ana],
      [{ country: "AR", email: "ana@mincom.ar.example", status: "bounced", source: "crawl" }],
    );
    expect(escalate.contacts[0]?.status).toBe("bounced");
  });

  it("unites tags instead of replacing them", () => {
    const r = mergeContacts(
      [contact({ ...ana, tags: "ministry" })],
      [{ country: "AR", email: "ana@mincom.ar.example", tags: "itu-focal-point;ministry" }],
    );
    expect(r.contacts[0]?.tags).toBe("ministry;itu-focal-point");
  });

  it("matches by id when the file carries the directory's ids (export, edit, re-import)", () => {
    const r = mergeContacts([ana], [{ id: "ar-1", country: "AR", email: "ana.nueva@mincom.ar.example" }]);
    expect([r.added, r.updated]).toEqual([0, 1]);
    expect(r.contacts[0]?.email).toBe("ana.nueva@mincom.ar.example");
  });

  it("patches landing on one stored contact are combined, so a re-run is unchanged", () => {
    const patches: ContactPatch[] = [
      { country: "AR", email: "ana@mincom.ar.example", title: "A" },
      { country: "AR", organisation: "Ministerio", name: "Ana Ejemplo", title: "B" },
    ];
    const first = mergeContacts([ana], patches);
    expect(first.updated).toBe(1);
    const second = mergeContacts(first.contacts, patches);
    expect([second.updated, second.unchanged]).toEqual([0, 1]);
  });

  it("does not modify its inputs and gives every contact a unique id", () => {
    const existing = [ana];
    const r = mergeContacts(existing, [
      { country: "AR", email: "ana@mincom.ar.example", title: "X" },
      { country: "AR", organisation: "Otro", name: "Ana Ejemplo" },
      { id: "ar-1", country: "AR", email: "other@mincom.ar.example" },
    ]);
    expect(existing[0]?.title).toBe("");
    expect(new Set(r.contacts.map((c) => c.id)).size).toBe(r.contacts.length);
  });
});
