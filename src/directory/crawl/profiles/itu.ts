/**
 * The ITU membership pages profile: the ONLY file that knows their selectors, column order and labels.
 *
 * Level 1 (`member-states`): one table in `div.container > div.content`, a header row, then per member
 *   state: country name linking to its page, region A–E, ITU symbol, domain (`.AF`: the ISO code, our
 *   key; `.UK` is GB), date of entry (`1993/1/1 *`, footnote marks ignored).
 * Level 2 (`country`): top-level tables in the same wrapper; all but the last list ITU members
 *   ("Name, Place" with quoted names when they contain commas, ITU-R/T/D marks, categories separated by
 *   `,` or `/`); the last lists permanent missions and is not used.
 *   Which members are ministries (our rule): an entry is kept when one of its categories names an
 *   administration, a ministry, a government body or a regulator (English, French or Spanish words);
 *   when its category cell is empty or missing, it is kept when its name starts like a ministry
 *   ("Ministry", "Ministère", "Ministerio", "Administration", "Department", "Secretaría"...).
 *   Operators, industry, academia and associates are left out.
 * Level 3 (`ministry`): the page the ministry's name links to, parsed generically
 *   (`extract-contact-details.ts`); a login form means "skipped, login required".
 */
import * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { resolveCountry } from "../../../contacts/countries.js";
import { extractContactDetails } from "../extract-contact-details.js";
import type { ContactFields, PageTask, ParsedPage, ProfileRecord, SiteProfile } from "../site-profile.js";

const CONTENT = "div.container > div.content";
const DOMAIN_HEADER = /domain|domaine|dominio/;
export const ITU_MEMBER_LIST_URL = "https://www.itu.int/online/mm/scripts/gensel8";

const MINISTRY_CATEGORY =
  /\b(administrations?|ministr(?:y|ies)|minist[eè]res?|ministerios?|government|gouvernement|gobierno|regulat(?:or|ory)|r[eé]gulateur|regulador|member states?|[eé]tat membre|estado miembro)\b/i;
const MINISTRY_NAME =
  /^\s*(ministry|ministries|minist[eè]re|ministerio|administration|administraci[oó]n|department|d[eé]partement|departamento|secretar[iíy]a?|secretariat|state secretariat|office of the (prime )?minister|government)\b/i;

export const ituProfile: SiteProfile = {
  name: "itu",
  version: "1",
  source: "itu-crawl",
  defaultStartUrl: ITU_MEMBER_LIST_URL,
  startTask: (url) => ({ url, level: "member-states", group: "", groupLabel: "", data: {} }),
  parsePage(task, page) {
    switch (task.level) {
      case "member-states":
        return parseMemberStateList(page.url, page.html);
      case "country":
        return parseCountryPage(task, page.url, page.html);
      default:
        return parseMinistryPage(task, page.html);
    }
  },
};

export function parseMemberStateList(url: string, html: string): ParsedPage {
  const $ = cheerio.load(html);
  const tables = topLevelTables($).toArray();
  if (tables.length === 0) return { records: [], links: [], layoutProblem: `no table in ${CONTENT}` };
  const headerOf = (rows: Element[]) =>
    rows[0] ? cellsOf($, rows[0]).map((c) => $(c).text().trim().toLowerCase()) : [];
  // The member table is the one whose header names a domain column (a layout table may come first).
  const rows = tables
    .map((t) => tableRows($, $(t)))
    .find((r) => headerOf(r).length >= 4 && headerOf(r).some((h) => DOMAIN_HEADER.test(h)));
  if (!rows) {
    return {
      records: [],
      links: [],
      layoutProblem: "no member-state table with a header row naming a domain column",
    };
  }
  const header = headerOf(rows);
  const col = {
    country: findColumn(header, /country|pays|pa[ií]s|member/, 0),
    domain: findColumn(header, DOMAIN_HEADER, 3),
  };
  const links: PageTask[] = [];
  const groups: { group: string; label: string }[] = [];
  const warnings: string[] = [];
  for (const row of rows.slice(1)) {
    const cells = cellsOf($, row);
    const countryCell = cells[col.country];
    if (!countryCell) continue;
    const name = squash($(countryCell).text());
    const href = $(countryCell).find("a[href]").first().attr("href");
    if (!name) continue;
    const domain = squash(cells[col.domain] ? $(cells[col.domain]).text() : "");
    const code = countryCodeFrom(domain, name);
    if (!code) {
      warnings.push(`${name}: no usable domain ("${domain}") and the name names no known country; skipped`);
      continue;
    }
    groups.push({ group: code, label: name });
    if (!href) {
      warnings.push(`${name}: no link to a country page`);
      continue;
    }
    links.push({ url: resolveHref(href, url), level: "country", group: code, groupLabel: name, data: {} });
  }
  if (groups.length === 0)
    return { records: [], links: [], warnings, layoutProblem: "member-state table has no member rows" };
  return { records: [], links, groups, warnings };
}

/** `.AF` → AF; the UK's ccTLD is not its ISO code. Falls back to the name when the cell is missing. */
export function countryCodeFrom(domain: string, name: string): string | undefined {
  const fromDomain = /^\.?([A-Za-z]{2})\b/.exec(domain.trim())?.[1];
  return (
    (fromDomain ? resolveCountry(fromDomain) : undefined) ??
    resolveCountry(name) ??
    resolveCountry(titleCase(name))
  );
}

export function parseCountryPage(task: PageTask, url: string, html: string): ParsedPage {
  const $ = cheerio.load(html);
  const tables = topLevelTables($).toArray();
  if (tables.length === 0) return { records: [], links: [], layoutProblem: `no table in ${CONTENT}` };
  const records: ProfileRecord[] = [];
  const links: PageTask[] = [];
  // The last table is the permanent mission(s); every table before it lists members.
  for (const table of tables.slice(0, -1)) {
    for (const row of tableRows($, $(table))) {
      const member = parseMemberRow($, row, url);
      if (!member || !isMinistry(member.name, member.categories)) continue;
      const orgKey = `${task.group}|${member.name.toLowerCase()}`;
      const tags = ["itu", "ministry", ...member.sectors.map((s) => `itu-${s.toLowerCase()}`)];
      const notes = member.categories.length ? `ITU categories: ${member.categories.join(", ")}` : "";
      records.push({
        kind: "organisation",
        group: task.group,
        orgKey,
        fields: {
          organisation: member.name,
          address: member.place,
          tags: tags.join(";"),
          ...(notes ? { notes } : {}),
        },
      });
      if (member.link) {
        links.push({
          url: member.link,
          level: "ministry",
          group: task.group,
          groupLabel: task.groupLabel,
          data: { orgKey, organisation: member.name },
        });
      }
    }
  }
  return { records, links };
}

interface MemberRow {
  name: string;
  place: string;
  link: string | undefined;
  sectors: string[];
  categories: string[];
}

function parseMemberRow($: cheerio.CheerioAPI, row: Element, pageUrl: string): MemberRow | undefined {
  // Logical columns: a cell spanning three columns (marks in a nested table) still leaves categories fifth.
  const cells = cellsOf($, row).flatMap((c) =>
    Array<Element>(Math.max(1, Math.min(10, Number($(c).attr("colspan") ?? 1) || 1))).fill(c),
  );
  const first = cells[0];
  if (!first || first.name === "th") return undefined;
  const text = squash($(first).text());
  if (!text || /^(name|nom|nombre)\b/i.test(text)) return undefined;
  const { name, place } = splitNamePlace(text);
  if (!name) return undefined;
  const href = $(first).find("a[href]").first().attr("href");
  const sectors = ["R", "T", "D"].filter((_, i) => {
    const cell = cells[i + 1];
    return (
      cell !== undefined && squash($(cell).text()) !== "" && !/^(-|no|non)$/i.test(squash($(cell).text()))
    );
  });
  const categoryCell = cells[4];
  const categories = categoryCell
    ? squash($(categoryCell).text())
        .split(/[,/]/)
        .map((c) => c.trim())
        .filter(Boolean)
    : [];
  return {
    name,
    place,
    link: href && !/^(mailto|javascript):/i.test(href) ? resolveHref(href, pageUrl) : undefined,
    sectors,
    categories,
  };
}

/** `"Ministry of Posts, Telecommunications", Kabul` → name and place; an unquoted name ends at the first comma. */
export function splitNamePlace(text: string): { name: string; place: string } {
  const t = text.trim();
  const quoted = /^["“”]((?:[^"“”]|"")*)["“”]\s*(?:,\s*(.*))?$/.exec(t);
  if (quoted) return { name: squash((quoted[1] ?? "").replace(/""/g, '"')), place: squash(quoted[2] ?? "") };
  const comma = t.indexOf(",");
  if (comma < 0) return { name: t, place: "" };
  return { name: squash(t.slice(0, comma)), place: squash(t.slice(comma + 1)) };
}

export function isMinistry(name: string, categories: readonly string[]): boolean {
  if (categories.length > 0) return categories.some((c) => MINISTRY_CATEGORY.test(c));
  return MINISTRY_NAME.test(name);
}

export function parseMinistryPage(task: PageTask, html: string): ParsedPage {
  const details = extractContactDetails(html, CONTENT);
  const orgKey = task.data.orgKey ?? task.url;
  const organisation = task.data.organisation ?? "";
  if (details.loginRequired) return { records: [], links: [], loginRequired: true };
  const records: ProfileRecord[] = [];
  const general: ContactFields = { ...details.general };
  delete general.name;
  if (Object.keys(general).length > 0) {
    records.push({ kind: "organisation", group: task.group, orgKey, fields: { ...general, organisation } });
  }
  for (const person of details.people) {
    records.push({
      kind: "person",
      group: task.group,
      orgKey,
      fields: { ...person, organisation: person.organisation ?? organisation, tags: "itu;ministry;person" },
    });
  }
  const warnings =
    records.length === 0 ? [`${organisation}: no contact details found on the ministry page`] : [];
  return { records, links: [], warnings };
}

function topLevelTables($: cheerio.CheerioAPI) {
  let content = $(CONTENT).first();
  // Broken markup can lose the wrapper's nesting; the tables are still the page's tables.
  if (content.length === 0) content = $("body");
  return content.find("table").filter((_, t) => $(t).parentsUntil(content, "table").length === 0);
}

function tableRows(_$: cheerio.CheerioAPI, table: cheerio.Cheerio<Element>): Element[] {
  // Rows of this table only (directly or in its row groups), not of tables nested inside its cells.
  const rows: Element[] = [];
  for (const child of table.get(0)?.children ?? []) {
    if (!isElement(child)) continue;
    if (child.name === "tr") rows.push(child);
    else if (["thead", "tbody", "tfoot"].includes(child.name)) {
      for (const row of child.children) if (isElement(row) && row.name === "tr") rows.push(row);
    }
  }
  return rows;
}

function cellsOf(_$: cheerio.CheerioAPI, row: Element): Element[] {
  return row.children.filter((c): c is Element => isElement(c) && (c.name === "td" || c.name === "th"));
}

// domhandler's node types are an enum; compare as strings to stay independent of its exports.
function isElement(node: AnyNode): node is Element {
  return (node.type as string) === "tag";
}

function findColumn(header: readonly string[], pattern: RegExp, fallback: number): number {
  const i = header.findIndex((h) => pattern.test(h));
  return i >= 0 ? i : fallback;
}

/** An href that is not a URL is kept as written: the crawler reports it (E_CRAWL_BAD_URL) and reads on. */
function resolveHref(href: string, base: string): string {
  const url = URL.parse(href.trim(), base);
  return url ? url.href : href.trim();
}

function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}
