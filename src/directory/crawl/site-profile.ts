/**
 * The contract between the generic crawler and a site profile. A profile turns one fetched page into
 * records (organisations and people) and links to follow; it is pure and is the only place that knows
 * a site's selectors and labels, so a layout change is a one-file fix.
 */

/** Contact fields a profile may fill; they map one to one onto directory columns. */
export const CONTACT_FIELDS = [
  "organisation",
  "department",
  "honorific",
  "name",
  "title",
  "email",
  "phone",
  "fax",
  "address",
  "tags",
  "notes",
] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
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
