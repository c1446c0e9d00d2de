import { describe, expect, it } from "vitest";
import { extractContactDetails, recogniseLabel } from "../../src/directory/crawl/extract-contact-details.js";
import { renderSite } from "./fixture-site/render-site.js";
import { describeSite, type Layout, type Lang, type MinistryDesc } from "./fixture-site/site-description.js";

const site = describeSite({ seed: 7, countryCount: 24, ministriesPerCountry: 3 });
const pages = renderSite(site);
const ministries = site.countries
  .flatMap((c) => c.ministries)
  .filter((m) => m.page.kind === "contacts" && m.path !== undefined && !m.fault);

function find(layout: Layout, lang: Lang): MinistryDesc {
  const m = ministries.find(
    (x) => x.page.kind === "contacts" && x.page.layout === layout && x.page.lang === lang,
  );
  if (!m) throw new Error(`fixture has no ${layout}/${lang} page`);
  return m;
}

describe("extractContactDetails on the fixture's three layouts in three languages", () => {
  const combos: [Layout, Lang][] = (["table", "dl", "lines"] as const).flatMap((l) =>
    (["en", "fr", "es"] as const).map((g): [Layout, Lang] => [l, g]),
  );
  it.each(combos)("%s layout in %s", (layout, lang) => {
    const m = find(layout, lang);
    if (m.page.kind !== "contacts") throw new Error("unreachable");
    const details = extractContactDetails(pages.get(m.path!)!.body, "div.container > div.content");
    expect(details.loginRequired).toBe(false);
    expect(
      details.people.map((p) => ({
        honorific: p.honorific,
        name: p.name,
        title: p.title,
        email: p.email,
        phone: p.phone,
      })),
    ).toEqual(
      m.page.people.map((p) => ({
        honorific: p.honorific,
        name: p.name,
        title: p.title,
        email: p.email,
        phone: p.phone,
      })),
    );
    expect(details.general.email).toBe(m.page.generalEmail);
    expect(details.general.address).toBe(m.page.address);
  });

  it("covers every obfuscation the fixture uses", () => {
    const seen = new Set<string>();
    for (const m of ministries) {
      if (m.page.kind !== "contacts") continue;
      const found = extractContactDetails(pages.get(m.path!)!.body).people.map((p) => p.email);
      expect(found).toEqual(m.page.people.map((p) => p.email));
      for (const p of m.page.people) seen.add(p.obfuscation);
    }
    expect([...seen].sort()).toEqual(["brackets", "entity", "mailto", "parens", "plain", "words"]);
  });
});

describe("extractContactDetails on hand-written pages", () => {
  it("detects a login form", () => {
    const html = `<form action="/login"><input name="u"><input type="PASSWORD" name="p"></form>`;
    expect(extractContactDetails(html).loginRequired).toBe(true);
  });

  it("reads a page without people as the organisation's own details", () => {
    const html = `<div><h2>Ministère</h2><p>Adresse : 1 rue de l'Exemple, Ville<br>Télécopie : +000 1<br>Courriel : contact (at) min (dot) test</p></div>`;
    const d = extractContactDetails(html);
    expect(d.people).toEqual([]);
    expect(d.general).toEqual({
      address: "1 rue de l'Exemple, Ville",
      fax: "+000 1",
      email: "contact@min.test",
    });
  });

  it("splits people on a repeated name label and reads the honorific", () => {
    const html = `<p>Nombre: Dra. Ana Ruiz<br>Cargo: Directora<br>Nombre: Sr. Luis Paz<br>Correo: luis.paz@min.example</p>`;
    const d = extractContactDetails(html);
    expect(d.people).toEqual([
      { honorific: "Dra.", name: "Ana Ruiz", title: "Directora" },
      { honorific: "Sr.", name: "Luis Paz", email: "luis.paz@min.example" },
    ]);
  });

  it("survives malformed markup", () => {
    const html = `<table><tr><th>Name<td>Ms. Eva Lind<tr><th>E-mail<td>eva.lind@min.invalid</table></div></span><p>stray`;
    expect(extractContactDetails(html).people).toEqual([
      { honorific: "Ms.", name: "Eva Lind", email: "eva.lind@min.invalid" },
    ]);
  });

  it("recognises labels regardless of case, accents and colons", () => {
    expect(recogniseLabel("Téléphone :")).toBe("phone");
    expect(recogniseLabel("CORREO ELECTRÓNICO")).toBe("email");
    expect(recogniseLabel("Adresse postale")).toBe("address");
    expect(recogniseLabel("Favourite colour")).toBeUndefined();
  });
});
