/**
 * The contract between the generic crawler and a site profile. A profile turns one fetched page into
 * records (organisations and people) and links to follow; it is pure and is the only place that knows
 * a site's selectors and labels, so a layout change is a one-file fix.
 */
import { DIRECTORY_COLUMNS, type DirectoryColumn } from "../../contacts/contact-schema.js";

/** Directory columns the crawl itself fills (identity, provenance and state), never a page. */
const CRAWL_OWNED_COLUMNS = [
  "id",
  "country",
  "language",
  "source",
  "source_url",
  "retrieved_at",
  "status",
] as const satisfies readonly DirectoryColumn[];
type CrawlOwnedColumn = (typeof CRAWL_OWNED_COLUMNS)[number];
const CRAWL_OWNED: ReadonlySet<string> = new Set(CRAWL_OWNED_COLUMNS);

/** Contact fields a profile may fill: the other directory columns, one to one. */
export type ContactField = Exclude<DirectoryColumn, CrawlOwnedColumn>;
export const CONTACT_FIELDS = DIRECTORY_COLUMNS.filter((c): c is ContactField => !CRAWL_OWNED.has(c)) as [
  ContactField,
  ...ContactField[],
];
export type ContactFields = Partial<Record<ContactField, string>>;

/** One page to visit. `group` is what the summary is broken down by (for the ITU: the ISO country code). */
export interface PageTask {
  url: string;
  level: string;
  group: string;
  /** Human name of the group, shown in the summary. */
  groupLabel: string;
  /** Whatever the profile needs to carry from a parent page to a child page. */
  data: Record<string, string>;
}

/**
 * An organisation (a ministry) or a person working there. Several organisation records with the same
 * `orgKey` are merged (e.g. the country page gives the name, the ministry page a general mailbox).
 */
export interface ProfileRecord {
  kind: "organisation" | "person";
  group: string;
  orgKey: string;
  fields: ContactFields;
}

export interface ParsedPage {
  records: ProfileRecord[];
  links: PageTask[];
  /** Groups this page declares (so a country with nothing to offer still shows in the summary). */
  groups?: { group: string; label: string }[];
  /** The page is not in the expected layout: it counts as a failed page. */
  layoutProblem?: string;
  /** The page asks for a login: skipped, not failed. */
  loginRequired?: boolean;
  /** Row-level oddities worth telling the user (a row without a country code...). */
  warnings?: string[];
}

export interface SiteProfile {
  name: string;
  /** Bump when parsing changes: pages parsed by an older version are parsed again, not reused. */
  version: string;
  /** Directory `source` value for rows from this profile. */
  source: string;
  defaultStartUrl: string;
  /** The first task, for a start URL. */
  startTask(url: string): PageTask;
  parsePage(task: PageTask, page: { url: string; html: string }): ParsedPage;
}
