import { describe, expect, it } from "vitest";
import {
  countryCodeFrom,
  isMinistry,
  ituProfile,
  splitNamePlace,
} from "../../src/directory/crawl/profiles/itu.js";
import type { PageTask } from "../../src/directory/crawl/site-profile.js";
import { renderSite } from "./fixture-site/render-site.js";
import { describeSite, SPECIAL } from "./fixture-site/site-description.js";

const site = describeSite({ seed: 7, countryCount: 24, ministriesPerCountry: 3 });
const pages = renderSite(site);
const base = "http://127.0.0.1:9/";
const urlOf = (path: string) => new URL(path, base).href;
const body = (path: string) => pages.get(path)!.body;

function parseCountry(index: number) {
  const c = site.countries[index]!;
  const task: PageTask = {
    url: urlOf(c.path),
    level: "country",
    group: c.code,
    groupLabel: c.ituName,
    data: {},
  };
  return { c, parsed: ituProfile.parsePage(task, { url: task.url, html: body(c.path) }) };
}

describe("ITU profile, level 1: member-state list", () => {
  const start = ituProfile.startTask(urlOf(site.listPath));
  const parsed = ituProfile.parsePage(start, { url: start.url, html: body(site.listPath) });

  it("finds every country by its domain, with a link to its page", () => {
    expect(parsed.layoutProblem).toBeUndefined();
    expect(parsed.groups?.map((g) => g.group)).toEqual(site.countries.map((c) => c.code));
    expect(parsed.links.map((l) => l.url)).toEqual(site.countries.map((c) => urlOf(c.path)));
    expect(parsed.links.every((l) => l.level === "country")).toBe(true);
  });

  it("maps .UK to GB and falls back to the name when the domain cell is missing", () => {
    expect(parsed.groups).toContainEqual({ group: "GB", label: "UNITED KINGDOM" });
    expect(site.countries[SPECIAL.missingDomain]!.domain).toBeUndefined();
    expect(parsed.groups).toContainEqual({ group: "FR", label: "FRANCE" });
    expect(countryCodeFrom(".AF", "AFGHANISTAN")).toBe("AF");
    expect(countryCodeFrom("", "NETHERLANDS")).toBe("NL");
    expect(countryCodeFrom(".ZZ", "NOWHERELAND")).toBeUndefined();
  });

  it("finds the member table after a layout table", () => {
    const html = body(site.listPath).replace(
      "<h2>Member States",
      "<table><tr><td>Home</td><td>Members</td></tr></table><h2>Member States",
    );
    const p = ituProfile.parsePage(start, { url: start.url, html });
    expect(p.groups).toHaveLength(site.countries.length);
  });

  it("reports a page that is not the expected layout", () => {
    const p = ituProfile.parsePage(start, {
      url: start.url,
      html: "<html><body><p>Service unavailable</p></body></html>",
    });
    expect(p.layoutProblem).toMatch(/^no table in /);
    expect(p.records).toEqual([]);
    expect(p.links).toEqual([]);
    const noHeader = ituProfile.parsePage(start, {
      url: start.url,
      html: `<div class="container"><div class="content"><table><tr><td>x</td></tr></table></div></div>`,
    });
    expect(noHeader.layoutProblem).toMatch(/header row naming a domain column/);
    expect(noHeader.records).toEqual([]);
    expect(noHeader.links).toEqual([]);
  });
});

describe("ITU profile, level 2: country page", () => {
  it("keeps ministries, leaves out operators, academia and the permanent mission", () => {
    const { c, parsed } = parseCountry(15);
    const names = parsed.records.map((r) => r.fields.organisation);
    expect(names).toEqual(c.ministries.map((m) => m.name));
    expect(names.some((n) => /Telecom S\.A\.|University|Permanent Mission/.test(n ?? ""))).toBe(false);
    expect(parsed.links.map((l) => l.url)).toEqual(c.ministries.map((m) => urlOf(m.path!)));
    expect(parsed.links[0]!.data.organisation).toBe(c.ministries[0]!.name);
  });

  it("reads a quoted name containing commas and its place", () => {
    const { c, parsed } = parseCountry(SPECIAL.quotedComma);
    expect(parsed.records[0]!.fields.organisation).toBe(
      "Ministry of Posts, Telecommunications and Digital Economy",
    );
    expect(parsed.records[0]!.fields.address).toBe(c.ministries[0]!.place);
  });

  it("reads sector marks as tags and categories as a note", () => {
    const { c, parsed } = parseCountry(15);
    const m = c.ministries[0]!;
    expect(parsed.records[0]!.fields.tags).toBe(
      ["itu", "ministry", ...m.sectors.map((s) => `itu-${s.toLowerCase()}`)].join(";"),
    );
    expect(parsed.records[0]!.fields.notes).toContain(m.categories!.split(/[,/]/)[0]!.trim());
  });

  it("a missing category cell falls back to the name rule", () => {
    const { c, parsed } = parseCountry(SPECIAL.missingCategories);
    expect(c.ministries[0]!.categories).toBeUndefined();
    expect(parsed.records.map((r) => r.fields.organisation)).toContain(
      "Ministry of Information and Broadcasting",
    );
  });

  it("copes with nested tables and malformed markup", () => {
    for (const index of [SPECIAL.nestedTables, SPECIAL.malformed]) {
      const { c, parsed } = parseCountry(index);
      expect(parsed.layoutProblem).toBeUndefined();
      expect(parsed.records.map((r) => r.fields.organisation)).toEqual(c.ministries.map((m) => m.name));
    }
  });

  it("a country with no ministries yields nothing and no layout problem", () => {
    const { parsed } = parseCountry(SPECIAL.noMinistries);
    expect(parsed.records).toEqual([]);
    expect(parsed.links).toEqual([]);
    expect(parsed.layoutProblem).toBeUndefined();
  });

  it("ministries without a page still become records, with no link", () => {
    const { c, parsed } = parseCountry(SPECIAL.noPersonData);
    expect(parsed.records).toHaveLength(c.ministries.length);
    expect(parsed.links).toEqual([]);
  });
});

describe("ITU profile rules", () => {
  it("splits Name, Place", () => {
    expect(splitNamePlace(`"Ministry of Posts, Telecom", Kabul`)).toEqual({
      name: "Ministry of Posts, Telecom",
      place: "Kabul",
    });
    expect(splitNamePlace(`Ministry of Posts, Kabul, Afghanistan`)).toEqual({
      name: "Ministry of Posts",
      place: "Kabul, Afghanistan",
    });
    expect(splitNamePlace(`“Ministère des Postes, Télécoms”`)).toEqual({
      name: "Ministère des Postes, Télécoms",
      place: "",
    });
    expect(splitNamePlace(`Ministerio de Ciencia`)).toEqual({ name: "Ministerio de Ciencia", place: "" });
  });

  it("decides what a ministry is", () => {
    expect(isMinistry("Anything", ["Administration"])).toBe(true);
    expect(isMinistry("Anything", ["Operator", "Régulateur"])).toBe(true);
    expect(isMinistry("Ministry of X", ["Operator"])).toBe(false);
    expect(isMinistry("Ministère de Y", [])).toBe(true);
    expect(isMinistry("Acme Telecom", [])).toBe(false);
    expect(isMinistry("Universidad Z", ["Academia"])).toBe(false);
  });
});

describe("ITU profile, level 3: ministry page", () => {
  it("people carry the ministry's name; a login page is flagged", () => {
    const c = site.countries[15]!;
    const m = c.ministries[0]!;
    const task: PageTask = {
      url: urlOf(m.path!),
      level: "ministry",
      group: c.code,
      groupLabel: c.ituName,
      data: { orgKey: "k", organisation: m.name },
    };
    const parsed = ituProfile.parsePage(task, { url: task.url, html: body(m.path!) });
    const people = parsed.records.filter((r) => r.kind === "person");
    expect(people.length).toBe(m.page.kind === "contacts" ? m.page.people.length : -1);
    expect(people.every((p) => p.fields.organisation === m.name && p.orgKey === "k")).toBe(true);
    expect(parsed.records.find((r) => r.kind === "organisation")?.fields.email).toMatch(/^info@/);

    const login = site.countries[SPECIAL.login]!.ministries[0]!;
    const lp = ituProfile.parsePage(
      { ...task, url: urlOf(login.path!) },
      { url: urlOf(login.path!), html: body(login.path!) },
    );
    expect(lp.loginRequired).toBe(true);
    expect(lp.records).toEqual([]);
  });
});
