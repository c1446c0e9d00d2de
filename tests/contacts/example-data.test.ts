/** The bundled example workspace data: plausible, obviously fictional, and valid. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDirectory } from "../../src/contacts/directory-store.fs.js";
import { readMemberStates } from "../../src/contacts/member-states.fs.js";
import { readPartners } from "../../src/contacts/partners.fs.js";
import { checkEmail } from "../../src/contacts/email-address.js";
import { REPO_ROOT } from "../helpers/cli.js";

const contacts = join(REPO_ROOT, "contacts");
const RESERVED = /\.(example|test|invalid)$/;

describe("contacts/partners.csv", () => {
  it("has the six national partner groups of the letter, at reserved domains", async () => {
    const partners = await readPartners(join(contacts, "partners.csv"));
    expect(partners.map((p) => [p.id, p.countries.join(";"), p.language]).sort()).toEqual([
      ["bnnrc", "BD", "bn"],
      ["bytes-for-all", "PK", "ur"],
      ["cele", "AR", "es"],
      ["hric", "CN", "zh"],
      ["isoc-quebec", "CA", "fr"],
      ["thai-netizen", "TH", "th"],
    ]);
    for (const p of partners) expect(p.email).toMatch(RESERVED);
  });
});

describe("contacts/directory.csv", () => {
  it("is valid, covers about 30 member states including the six translation countries and France", async () => {
    const { contacts: list, problems } = await readDirectory(join(contacts, "directory.csv"));
    expect(problems).toEqual([]);
    const states = new Set(
      (await readMemberStates(join(contacts, "itu-member-states.csv"))).map((s) => s.code),
    );
    const countries = new Set(list.map((c) => c.country));
    expect(countries.size).toBeGreaterThanOrEqual(28);
    for (const c of ["AR", "TH", "PK", "BD", "CN", "CA", "FR"]) expect(countries.has(c), c).toBe(true);
    for (const c of countries) expect(states.has(c), c).toBe(true);
  });

  it("uses only reserved domains and valid emails; has phone/fax-only contacts, two-ministry states, bounced and do-not-contact", async () => {
    const { contacts: list } = await readDirectory(join(contacts, "directory.csv"));
    for (const c of list) {
      if (c.email) {
        expect(c.email).toMatch(RESERVED);
        expect(checkEmail(c.email).ok).toBe(true);
      }
    }
    expect(list.filter((c) => !c.email && (c.phone || c.fax)).length).toBeGreaterThanOrEqual(2);
    const orgsPerCountry = new Map<string, Set<string>>();
    for (const c of list)
      orgsPerCountry.set(c.country, (orgsPerCountry.get(c.country) ?? new Set()).add(c.organisation));
    expect([...orgsPerCountry.values()].filter((s) => s.size >= 2).length).toBeGreaterThanOrEqual(3);
    expect(list.some((c) => c.status === "bounced")).toBe(true);
    expect(list.some((c) => c.status === "do-not-contact")).toBe(true);
    expect(list.some((c) => /[\u0e00-\u0e7f]/.test(c.name))).toBe(true); // Thai
    expect(list.some((c) => /[\u4e00-\u9fff]/.test(c.name))).toBe(true); // Chinese
    expect(list.some((c) => /[\u0600-\u06ff]/.test(c.name))).toBe(true); // Urdu
    expect(list.some((c) => /[\u0980-\u09ff]/.test(c.name))).toBe(true); // Bangla
  });
});
