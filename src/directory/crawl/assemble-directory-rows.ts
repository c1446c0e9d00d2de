/**
 * Crawl records → directory rows, and the per-group summary. Pure.
 * A ministry with people found on its page gives one row per person (organisation filled in), plus
 * one for its general mailbox if it has one; a ministry without people gives one row for itself, with
 * whatever general mailbox, phone and address it has.
 */
import { contactIdFor, normaliseKeyText } from "../../contacts/contact-id.js";
import type { DirectoryColumn } from "../../contacts/contact-schema.js";
import { checkEmail } from "../../contacts/email-address.js";
import type { CrawlResult, CrawledRecord } from "./crawl-result.js";
import type { ContactFields } from "./site-profile.js";

export type DirectoryRow = Record<DirectoryColumn, string>;

export interface GroupSummary {
  group: string;
  label: string;
  ministries: number;
  people: number;
  emails: number;
  pagesFailed: number;
}

export interface AssembledCrawl {
  rows: DirectoryRow[];
  summary: GroupSummary[];
  /** Groups with organisations but no person-level data. */
  withoutPeople: string[];
  /** Values that were not kept, e.g. an email that is not a valid address. */
  warnings: { url: string; message: string }[];
}

export function assembleDirectoryRows(result: CrawlResult, source: string): AssembledCrawl {
  const warnings: { url: string; message: string }[] = [];
  const orgs = collectOrganisations(result.records);
  const rows = new Map<string, DirectoryRow>();
  for (const org of orgs) {
    for (const entry of organisationEntries(org)) {
      addRow(rows, directoryRow(org.group, entry, source, warnings));
    }
  }
  const summary = summariseGroups(result, orgs, [...rows.values()]);
  return {
    rows: [...rows.values()].sort(
      (a, b) =>
        a.country.localeCompare(b.country) ||
        a.organisation.localeCompare(b.organisation) ||
        a.name.localeCompare(b.name) ||
        a.id.localeCompare(b.id),
    ),
    summary,
    withoutPeople: summary.filter((s) => s.ministries > 0 && s.people === 0).map((s) => s.group),
    warnings,
  };
}

/** An organisation's merged details and the people found for it. */
interface CrawledOrganisation {
  group: string;
  fields: ContactFields;
  sourceUrl: string;
  confirmedAt: number;
  people: CrawledRecord[];
}

/** What one row is made of: the details and the page they were confirmed on. */
interface RowEntry {
  fields: ContactFields;
  sourceUrl: string;
  confirmedAt: number;
}

/** Records grouped by organisation, in order of first appearance. */
function collectOrganisations(records: readonly CrawledRecord[]): CrawledOrganisation[] {
  const orgs = new Map<string, CrawledOrganisation>();
  for (const r of records) {
    let org = orgs.get(r.orgKey);
    if (!org) {
      org = { group: r.group, fields: {}, sourceUrl: r.sourceUrl, confirmedAt: r.confirmedAt, people: [] };
      orgs.set(r.orgKey, org);
    }
    if (r.kind === "person") org.people.push(r);
    else {
      // The ministry page's own details are more specific than the country page's line.
      if (r.fields.email && !org.fields.email) org.sourceUrl = r.sourceUrl;
      mergeOrganisationFields(org.fields, r.fields);
      org.confirmedAt = Math.max(org.confirmedAt, r.confirmedAt);
    }
  }
  return [...orgs.values()];
}

/**
 * The rows of one organisation: one per person (organisation and address filled in from the
 * ministry), plus the ministry's own mailbox unless it is one of the people's addresses; a ministry
 * without people is one row for itself.
 */
function organisationEntries(org: CrawledOrganisation): RowEntry[] {
  const own: RowEntry = { fields: org.fields, sourceUrl: org.sourceUrl, confirmedAt: org.confirmedAt };
  if (org.people.length === 0) return [own];
  const entries: RowEntry[] = org.people.map((p) => ({
    fields: {
      ...p.fields,
      organisation: p.fields.organisation || org.fields.organisation || "",
      address: p.fields.address || org.fields.address || "",
    },
    sourceUrl: p.sourceUrl,
    confirmedAt: p.confirmedAt,
  }));
  const mailbox = org.fields.email?.toLowerCase();
  if (mailbox && !org.people.some((p) => p.fields.email?.toLowerCase() === mailbox)) entries.push(own);
  return entries;
}

function directoryRow(
  group: string,
  { fields, sourceUrl, confirmedAt }: RowEntry,
  source: string,
  warnings: { url: string; message: string }[],
): DirectoryRow {
  const email = validEmail(fields.email, sourceUrl, warnings);
  const row: DirectoryRow = {
    id: "",
    country: group,
    organisation: fields.organisation ?? "",
    department: fields.department ?? "",
    honorific: fields.honorific ?? "",
    name: fields.name ?? "",
    title: fields.title ?? "",
    email,
    phone: fields.phone ?? "",
    fax: fields.fax ?? "",
    address: fields.address ?? "",
    language: "",
    tags: fields.tags ?? "",
    source,
    source_url: sourceUrl,
    retrieved_at: new Date(confirmedAt).toISOString(),
    status: "active",
    notes: fields.notes ?? "",
  };
  row.id = contactIdFor({ email, country: group, organisation: row.organisation, name: row.name });
  return row;
}

/**
 * The same person found twice is one row; two people at one address stay two rows (same id), which
 * the import combines into one shared-mailbox contact listing both, instead of one losing the other.
 */
function addRow(rows: Map<string, DirectoryRow>, row: DirectoryRow): void {
  const key = `${row.id}\u0000${normaliseKeyText(row.name)}`;
  const existing = rows.get(key);
  if (existing) {
    for (const k of Object.keys(row) as DirectoryColumn[]) if (!existing[k]) existing[k] = row[k];
  } else rows.set(key, row);
}

/** Per group: ministries, people, distinct mailboxes and failed pages, sorted by group. */
function summariseGroups(
  result: CrawlResult,
  orgs: readonly CrawledOrganisation[],
  rows: readonly DirectoryRow[],
): GroupSummary[] {
  const stats = new Map<string, GroupSummary>();
  const statsFor = (group: string): GroupSummary => {
    let s = stats.get(group);
    if (!s) {
      const label = result.groups.get(group) ?? group;
      s = { group, label, ministries: 0, people: 0, emails: 0, pagesFailed: 0 };
      stats.set(group, s);
    }
    return s;
  };
  for (const group of result.groups.keys()) statsFor(group);
  for (const org of orgs) {
    const s = statsFor(org.group);
    s.ministries += 1;
    s.people += org.people.length;
  }
  // A shared mailbox (several people's rows) is one address.
  for (const row of new Map(rows.map((r) => [r.id, r])).values())
    if (row.email) statsFor(row.country).emails += 1;
  for (const f of result.failures) if (f.group) statsFor(f.group).pagesFailed += 1;
  return [...stats.values()].sort((a, b) => a.group.localeCompare(b.group));
}

function mergeOrganisationFields(target: ContactFields, source: ContactFields): void {
  for (const [k, v] of Object.entries(source) as [keyof ContactFields, string | undefined][]) {
    if (!v) continue;
    const current = target[k];
    if (!current) target[k] = v;
    else if (k === "tags") target[k] = [...new Set([...current.split(";"), ...v.split(";")])].join(";");
    // A full postal address beats the town from the members table.
    else if (k === "address" && v.length > current.length) target[k] = v;
  }
}

function validEmail(
  raw: string | undefined,
  url: string,
  warnings: { url: string; message: string }[],
): string {
  if (!raw) return "";
  const check = checkEmail(raw);
  if (check.ok) return check.email;
  warnings.push({ url, message: `email "${raw}" dropped: ${check.reason}` });
  return "";
}
