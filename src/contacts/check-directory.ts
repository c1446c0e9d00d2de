/**
 * `outreach directory check` (pure): what in the directory needs a human before a campaign. Errors:
 * rows that do not validate, invalid or duplicate emails, countries that are not ITU member states.
 * Warnings: member states without any contact, or without an active contact with an email.
 * Notes: contacts marked bounced or do-not-contact (they are never sent to), shared mailboxes (one
 * contact, several people, one message). A shared mailbox whose honorific or title lists more entries
 * than it has people (a hand edit) is a warning: the extra entries belong to nobody.
 * What to show of the findings, and how briefly, is `summarise-findings.ts`.
 */
import type { Problem } from "../core/errors.js";
import type { Contact } from "./contact-schema.js";
import { emailKey } from "./contact-id.js";
import { peopleNames } from "./contact-people.js";
import { checkEmail } from "./email-address.js";
import type { MemberState } from "./member-state-schema.js";

export type FindingKind =
  | "invalid-row"
  | "invalid-email"
  | "duplicate-email"
  | "unknown-country"
  | "no-contact"
  | "no-reachable-contact"
  | "bounced"
  | "do-not-contact"
  | "shared-mailbox"
  | "people-mismatch";

export interface Finding {
  severity: "error" | "warning" | "note";
  kind: FindingKind;
  country: string;
  id: string;
  line: number | null;
  message: string;
}

export interface CheckSummary {
  contacts: number;
  memberStates: number;
  memberStatesWithContact: number;
  errors: number;
  warnings: number;
  notes: number;
}

export interface CheckResult {
  findings: Finding[];
  summary: CheckSummary;
}

export const SEVERITIES = ["error", "warning", "note"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_ORDER = { error: 0, warning: 1, note: 2 } as const;

/** Where a finding about one contact points: its country, id and line in the file. */
type FindingAt = Pick<Finding, "country" | "id" | "line">;

/** Contacts and reachable contacts (active, with a valid email) per country code. */
type CountryCounts = Map<string, { any: number; reachable: number }>;

/**
 * `lines[i]` is the line of `contacts[i]` in the file (for messages); `rowProblems` are the problems
 * found while reading the file (rows that could not be read at all).
 */
export function checkDirectory(
  contacts: readonly Contact[],
  memberStates: readonly MemberState[],
  rowProblems: readonly Problem[] = [],
  lines: readonly number[] = [],
): CheckResult {
  const findings: Finding[] = rowProblems.map(invalidRowFinding);
  const known = new Map(memberStates.map((m) => [m.code, m]));
  const firstByEmail = new Map<string, Contact>();
  const perCountry: CountryCounts = new Map();
  contacts.forEach((c, i) => {
    const at: FindingAt = { country: c.country, id: c.id, line: lines[i] ?? null };
    if (c.email) checkContactEmail(c, at, firstByEmail, findings);
    if (c.name.includes(";")) checkPeople(c, at, findings);
    if (!known.has(c.country)) {
      findings.push({
        severity: "error",
        kind: "unknown-country",
        ...at,
        message: `${c.country} is not in the ITU member-state list`,
      });
    }
    if (c.status === "bounced" || c.status === "do-not-contact") {
      findings.push({
        severity: "note",
        kind: c.status,
        ...at,
        message: `${c.email || c.name || c.organisation} is marked ${c.status}`,
      });
    }
    const counts = perCountry.get(c.country) ?? { any: 0, reachable: 0 };
    counts.any += 1;
    if (c.status === "active" && c.email && checkEmail(c.email).ok) counts.reachable += 1;
    perCountry.set(c.country, counts);
  });
  const withContact = checkMemberStates(memberStates, perCountry, findings);
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.country.localeCompare(b.country) ||
      (a.line ?? 0) - (b.line ?? 0),
  );
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  return {
    findings,
    summary: {
      contacts: contacts.length,
      memberStates: memberStates.filter((m) => m.status === "member").length,
      memberStatesWithContact: withContact,
      errors: count("error"),
      warnings: count("warning"),
      notes: count("note"),
    },
  };
}

/** A row that could not be read at all, as an error finding. */
function invalidRowFinding(p: Problem): Finding {
  return {
    severity: "error",
    kind: "invalid-row",
    country: "",
    id: "",
    line: p.line ?? null,
    message: p.field ? `${p.field}: ${p.message}` : p.message,
  };
}

/** An invalid email, or one already on an earlier contact (`firstByEmail`, filled here), is an error. */
function checkContactEmail(
  c: Contact,
  at: FindingAt,
  firstByEmail: Map<string, Contact>,
  findings: Finding[],
): void {
  const checked = checkEmail(c.email);
  if (!checked.ok)
    findings.push({
      severity: "error",
      kind: "invalid-email",
      ...at,
      message: `email "${c.email}" ${checked.reason}`,
    });
  const key = emailKey(c.email);
  const first = firstByEmail.get(key);
  if (!first) {
    firstByEmail.set(key, c);
    return;
  }
  findings.push({
    severity: "error",
    kind: "duplicate-email",
    ...at,
    message:
      first.country === c.country
        ? `email ${c.email} is also on contact ${first.id}`
        : `email ${c.email} is also on contact ${first.id} of another country (${first.country}); one address never stands for two countries`,
  });
}

/** Warn about member states without a contact or without a reachable one; returns how many have one. */
function checkMemberStates(
  memberStates: readonly MemberState[],
  perCountry: CountryCounts,
  findings: Finding[],
): number {
  let withContact = 0;
  for (const m of memberStates) {
    if (m.status !== "member") continue;
    const counts = perCountry.get(m.code);
    if (counts) withContact += 1;
    if (counts && counts.reachable > 0) continue;
    findings.push({
      severity: "warning",
      kind: counts ? "no-reachable-contact" : "no-contact",
      country: m.code,
      id: "",
      line: null,
      message: counts
        ? `${m.name} has ${counts.any} contact(s) but none active with an email (fax, phone or a partner may reach them)`
        : `${m.name} has no contact`,
    });
  }
  return withContact;
}

/** A shared mailbox is a note; honorific or title lists longer than its list of people are a warning. */
function checkPeople(c: Contact, at: FindingAt, findings: Finding[]): void {
  const names = peopleNames(c);
  if (names.length > 1) {
    findings.push({
      severity: "note",
      kind: "shared-mailbox",
      ...at,
      message: `${c.email || c.organisation} is a shared mailbox of ${names.length} people (${names.join("; ")}): one message`,
    });
  }
  for (const column of ["honorific", "title"] as const) {
    const entries = c[column] === "" ? 0 : c[column].split(";").length;
    if (entries > c.name.split(";").length) {
      findings.push({
        severity: "warning",
        kind: "people-mismatch",
        ...at,
        message: `${column} lists ${entries} entries for ${names.length} people ("${c[column]}"); entries are matched to names in order ("; " between people)`,
      });
    }
  }
}
