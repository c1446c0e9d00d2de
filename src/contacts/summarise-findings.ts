/**
 * What `outreach directory check` shows of its findings (pure): `selectFindings` keeps those of a
 * severity and up, or of some countries; `summariseFindings` folds a kind of warning or note that
 * comes many times (167 member states without a contact) into one line for a person to read. Scripts
 * get every finding (`--format json`), never a summary.
 */
import { SEVERITY_ORDER, type Finding, type FindingKind, type Severity } from "./check-directory.js";

/** Which findings to show: `severity` and more severe ones; only those about `countries` (ISO codes). */
export interface FindingSelection {
  severity?: Severity;
  countries?: readonly string[];
}

/**
 * The findings of the selection, in their order. A finding about no country (a row that could not be
 * read) is left out when countries are named: it is about none of them.
 */
export function selectFindings(findings: readonly Finding[], selection: FindingSelection): Finding[] {
  const most = SEVERITY_ORDER[selection.severity ?? "note"];
  const countries = selection.countries ? new Set(selection.countries) : undefined;
  return findings.filter(
    (f) => SEVERITY_ORDER[f.severity] <= most && (!countries || countries.has(f.country)),
  );
}

/** A kind of finding that came more than the limit allows, as one line. */
export interface FindingGroup {
  severity: Severity;
  kind: FindingKind;
  count: number;
  /** The countries it is about, each once, in the findings' order. */
  countries: string[];
  /** E.g. "167 member states have no contact: AD, AE, AF, …". */
  message: string;
}

export type SummaryLine = { finding: Finding } | { group: FindingGroup };

const GROUP_WORDING: Record<FindingKind, (n: number) => string> = {
  "invalid-row": (n) => `${n} rows cannot be read`,
  "invalid-email": (n) => `${n} contacts have an invalid email`,
  "duplicate-email": (n) => `${n} contacts share an email with an earlier contact`,
  "unknown-country": (n) => `${n} contacts have a country that is not an ITU member state`,
  "no-contact": (n) => `${n} member states have no contact`,
  "no-reachable-contact": (n) => `${n} member states have contacts but none active with an email`,
  bounced: (n) => `${n} contacts are marked bounced`,
  "do-not-contact": (n) => `${n} contacts are marked do-not-contact`,
  "shared-mailbox": (n) => `${n} contacts are shared mailboxes (several people, one message)`,
  "people-mismatch": (n) => `${n} shared mailboxes list more honorifics or titles than people`,
};

/**
 * The findings for a person to read: a kind of warning or note found more than `limit` times becomes
 * one line where its first finding was, naming its first `codes` countries. Errors are never folded:
 * each one is a line of the file to fix.
 */
export function summariseFindings(findings: readonly Finding[], limit = 5, codes = 8): SummaryLine[] {
  const byKind = new Map<FindingKind, Finding[]>();
  for (const f of findings) {
    if (f.severity === "error") continue;
    const same = byKind.get(f.kind);
    if (same) same.push(f);
    else byKind.set(f.kind, [f]);
  }
  const lines: SummaryLine[] = [];
  const folded = new Set<FindingKind>();
  for (const f of findings) {
    const same = byKind.get(f.kind);
    if (!same || same.length <= limit) lines.push({ finding: f });
    else if (!folded.has(f.kind)) {
      folded.add(f.kind);
      lines.push({ group: groupOf(same, codes) });
    }
  }
  return lines;
}

function groupOf(same: readonly Finding[], shown: number): FindingGroup {
  const first = same[0] as Finding;
  const countries = [...new Set(same.map((f) => f.country).filter(Boolean))];
  const named = countries.slice(0, shown).join(", ") + (countries.length > shown ? ", …" : "");
  const wording = GROUP_WORDING[first.kind](same.length);
  return {
    severity: first.severity,
    kind: first.kind,
    count: same.length,
    countries,
    message: named ? `${wording}: ${named}` : wording,
  };
}
