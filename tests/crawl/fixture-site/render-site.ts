/** Renders a site description to HTML pages (path → body). The markup is written here, not copied from any real site. */
import type { CountryDesc, Lang, MinistryDesc, PersonDesc, SiteDescription } from "./site-description.js";

export interface RenderedPage {
  body: string;
  contentType: string;
}

export function renderSite(site: SiteDescription): Map<string, RenderedPage> {
  const pages = new Map<string, RenderedPage>();
  const html = (body: string) => ({ body, contentType: "text/html; charset=utf-8" });
  pages.set("/robots.txt", { body: site.robotsTxt, contentType: "text/plain" });
  pages.set(site.listPath, html(renderMemberList(site)));
  for (const country of site.countries) {
    pages.set(country.path, html(renderCountry(country)));
    for (const m of country.ministries) {
      if (m.path === undefined) continue;
      if (m.page.kind === "login") pages.set(m.path, html(renderLogin()));
      else if (m.page.kind === "contacts") pages.set(m.path, html(renderMinistry(m)));
    }
  }
  return pages;
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function frame(title: string, content: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>td { padding: 2px }</style><script>var tracking = "<table><tr><td>not content</td></tr></table>";</script></head>
<body><div class="banner"><a href="/">Fixture Union</a> | <a href="/members/login">Member login</a></div>
<div class="container"><div class="content">
${content}
</div></div>
<div class="footer">Invented fixture site for tests.</div></body></html>
`;
}

function renderMemberList(site: SiteDescription): string {
  const rows = site.countries.map((c) => {
    const domainCell = c.domain === undefined ? "" : `<td>${c.domain}</td>`;
    return `<tr><td><a href="${esc(c.path)}">${esc(c.ituName)}</a></td><td>${c.region}</td><td>${c.symbol}</td>${domainCell}<td>${c.entryDate}</td></tr>`;
  });
  return frame(
    "Member States",
    `<h2>Member States (${site.countries.length})</h2>
<table class="memberlist" border="1">
<tr><th>Country</th><th>Region</th><th>Symbol</th><th>Domain</th><th>Date of entry</th></tr>
${rows.join("\n")}
</table>
<p>* Date of re-admission.</p>`,
  );
}

function nameCell(m: MinistryDesc): string {
  const text = m.name.includes(",") ? `"${m.name}", ${m.place}` : `${m.name}, ${m.place}`;
  return m.path === undefined ? esc(text) : `<a href="${esc(m.path)}">${esc(text)}</a>`;
}

function renderCountry(c: CountryDesc): string {
  const mark = (on: boolean) => (on ? "X" : "");
  const memberRow = (m: MinistryDesc) => {
    const marks = c.nestedTables
      ? `<td colspan="3"><table class="marks"><tr><td>${mark(m.sectors.includes("R"))}</td><td>${mark(m.sectors.includes("T"))}</td><td>${mark(m.sectors.includes("D"))}</td></tr></table></td>`
      : `<td>${mark(m.sectors.includes("R"))}</td><td>${mark(m.sectors.includes("T"))}</td><td>${mark(m.sectors.includes("D"))}</td>`;
    const categories = m.categories === undefined ? "" : `<td>${esc(m.categories)}</td>`;
    if (c.malformed)
      return `<tr><td>${nameCell(m)}<td>${mark(m.sectors.includes("R"))}<td>${mark(m.sectors.includes("T"))}<td>${mark(m.sectors.includes("D"))}<td>${esc(m.categories ?? "")}`;
    return `<tr><td>${nameCell(m)}</td>${marks}${categories}</tr>`;
  };
  const otherRow = (o: { name: string; categories: string }) =>
    `<tr><td>${esc(o.name)}, Capital</td><td>X</td><td></td><td></td><td>${esc(o.categories)}</td></tr>`;
  const header = `<tr><th>Name, Place</th><th>ITU-R</th><th>ITU-T</th><th>ITU-D</th><th>Categories</th></tr>`;
  // Ministries split over two member tables, as a country page may list sector members separately.
  const half = Math.ceil(c.ministries.length / 2);
  const first = [
    header,
    ...c.ministries.slice(0, half).map(memberRow),
    otherRow(c.others[0] ?? { name: "Operator", categories: "Operator" }),
  ];
  const second = [header, ...c.ministries.slice(half).map(memberRow), ...c.others.slice(1).map(otherRow)];
  const mission = `<table class="missions"><tr><th>Permanent Mission</th></tr><tr><td>"Permanent Mission of ${esc(c.ituName)}, to the Fixture Union", Geneva<br>Rue des Exemples 1, Geneva</td></tr></table>`;
  const tables = c.malformed
    ? `<table class="members">${first.join("\n")}\n<table class="members">${second.join("\n")}</table>\n${mission}`
    : `<table class="members">${first.join("\n")}</table>\n<p>Sector members:</p>\n<table class="members">${second.join("\n")}</table>\n${mission}`;
  const body = `<h2>${esc(c.ituName)}</h2>\n${tables}`;
  // Malformed: the wrapper divs are never closed and a stray end tag sits in the middle.
  return c.malformed ? frame(c.ituName, body).replace("</div></div>", "</span>") : frame(c.ituName, body);
}

const LABELS: Record<
  Lang,
  { name: string; title: string; email: string; phone: string; address: string; heading: string }
> = {
  en: {
    name: "Name",
    title: "Position",
    email: "E-mail",
    phone: "Telephone",
    address: "Address",
    heading: "Contact persons",
  },
  fr: {
    name: "Nom",
    title: "Fonction",
    email: "Courriel",
    phone: "Téléphone",
    address: "Adresse",
    heading: "Personnes de contact",
  },
  es: {
    name: "Nombre",
    title: "Cargo",
    email: "Correo electrónico",
    phone: "Teléfono",
    address: "Dirección",
    heading: "Personas de contacto",
  },
};

/** The person's address as the page shows it (obfuscated in one of several ways). */
export function shownEmail(p: PersonDesc): string {
  const [local = "", domain = ""] = p.email.split("@");
  switch (p.obfuscation) {
    case "mailto":
      return `<a href="mailto:${esc(p.email)}?subject=Hello">Send a message</a>`;
    case "plain":
      return esc(p.email);
    case "entity":
      return `${esc(local)}&#64;${esc(domain).replace(/\./g, "&#46;")}`;
    case "brackets":
      return `${esc(local)} [at] ${esc(domain).replace(/\./g, "[dot]")}`;
    case "parens":
      return `${esc(local)}(at)${esc(domain).replace(/\./g, " (dot) ")}`;
    case "words":
      return `${esc(local)} at ${esc(domain)}`;
  }
}

function renderMinistry(m: MinistryDesc): string {
  if (m.page.kind !== "contacts") return "";
  const { layout, lang, people, address, generalEmail } = m.page;
  const L = LABELS[lang];
  const general = `<p>${L.address}: ${esc(address)}<br>${L.phone}: +000 555 ${m.id}${generalEmail ? `<br>${L.email}: ${esc(generalEmail)}` : ""}</p>`;
  let persons: string;
  if (layout === "table") {
    // Person tables inside a layout table: nested tables.
    persons = `<table class="layout"><tr><td>${people
      .map(
        (p) => `<table class="person">
<tr><th>${L.name}:</th><td>${esc(`${p.honorific} ${p.name}`)}</td></tr>
<tr><th>${L.title}:</th><td>${esc(p.title)}</td></tr>
<tr><th>${L.phone}:</th><td>${esc(p.phone)}</td></tr>
<tr><th>${L.email}:</th><td>${shownEmail(p)}</td></tr>
</table>`,
      )
      .join("\n<hr>\n")}</td></tr></table>`;
  } else if (layout === "dl") {
    persons = people
      .map(
        (p) =>
          `<dl><dt>${L.name}</dt><dd>${esc(`${p.honorific} ${p.name}`)}</dd><dt>${L.title}</dt><dd>${esc(p.title)}</dd><dt>${L.phone}</dt><dd>${esc(p.phone)}</dd><dt>${L.email}</dt><dd>${shownEmail(p)}</dd></dl>`,
      )
      .join("\n");
  } else {
    persons = people
      .map(
        (p) =>
          `<p>${L.name}: ${esc(`${p.honorific} ${p.name}`)}<br>\n${L.title}: ${esc(p.title)}<br>\n${L.phone}: ${esc(p.phone)}<br>\n${L.email}: ${shownEmail(p)}</p>`,
      )
      .join("\n");
  }
  return frame(m.name, `<h2>${esc(m.name)}</h2>\n${general}\n<h3>${L.heading}</h3>\n${persons}`);
}

function renderLogin(): string {
  return frame(
    "Member login",
    `<h2>Restricted area</h2><p>This page is reserved to members.</p>
<form method="post" action="/members/login"><label>User <input name="user"></label><label>Password <input type="password" name="pw"></label><button>Log in</button></form>`,
  );
}

/** A page far larger than any real ministry page. */
export function renderOversized(bytes: number): string {
  const filler = "<p>" + "padding ".repeat(64) + "</p>\n";
  return frame("Oversized", filler.repeat(Math.ceil(bytes / filler.length)));
}
