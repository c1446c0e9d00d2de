/**
 * Rolling sign-on, the decisions: requests (from `add`, a form export or the sign-on mailbox) join the
 * list as pending unless the organisation is already on it (any status: a rejected one stays rejected)
 * or, for a person to decide, a name close to one already there; approvals and rejections by id, each
 * approval with its date. The revision names the approved list a letter carries. Pure: entries in,
 * entries out; reading and writing the file is `signatories-file.fs.ts`.
 */
import { createHash } from "node:crypto";
import { problemsFromZod } from "../core/zod-problems.js";
import type { Problem } from "../core/errors.js";
import {
  areSimilarNames,
  signatoryId,
  signatoryIdentity,
  SignatoryIndex,
  splitCountrySuffix,
} from "./signatory-name.js";
import {
  signatorySchema,
  statusOf,
  type Signatory,
  type SignatoryEntry,
  type SignatoryStatus,
  type SignatoryType,
} from "./signatory-schema.js";

/** A request to sign, before it is on the list. */
export interface SignOnProposal {
  organisation: string;
  /** ISO code, or "" for an international organisation. */
  country: string;
  type?: SignatoryType;
  contact?: string;
  /** YYYY-MM-DD: when the request was made. */
  signed: string;
  /** Stored in the `source` column: `add`, `import:form.csv:12`, `mail:<id@host>`. */
  source: string;
  /** Where to point a person in reports: `form.csv:12`, `inbox.mbox#3`. */
  origin?: string;
}

export type IntakeResult =
  | { outcome: "added"; proposal: SignOnProposal; entry: SignatoryEntry; similarTo: SignatoryEntry[] }
  | { outcome: "duplicate"; proposal: SignOnProposal; of: SignatoryEntry }
  | { outcome: "similar"; proposal: SignOnProposal; similarTo: SignatoryEntry[] }
  /** The row it would make breaks the file's schema (an empty name, a date that is none): not added. */
  | { outcome: "invalid"; proposal: SignOnProposal; problems: Problem[] };

export interface IntakeOptions {
  /** Add a near-duplicate anyway (a person looked and decided it is another organisation). */
  allowSimilar?: boolean;
}

/**
 * Adds each proposal as a pending row, in order (so the second of two equal requests in one import is a
 * duplicate of the first). Returns the new list and what happened to each proposal.
 */
export function takeInSignatories(
  entries: readonly SignatoryEntry[],
  proposals: readonly SignOnProposal[],
  options: IntakeOptions = {},
): { entries: SignatoryEntry[]; results: IntakeResult[] } {
  const out = [...entries];
  const ids = new Set(out.map((e) => e.id));
  const byKey = new SignatoryIndex<SignatoryEntry>();
  for (const e of out) byKey.add(signatoryIdentity(e.organisation, e.country), e);
  // A message read again (the same mailbox imported twice) is the row it made, whatever that row's
  // name became after a person edited it.
  const bySource = new Map(out.filter((e) => e.source?.startsWith("mail:")).map((e) => [e.source, e]));
  const results: IntakeResult[] = [];
  for (const raw of proposals) {
    const split = splitCountrySuffix(raw.organisation, raw.country);
    const proposal = { ...raw, ...split };
    const identity = signatoryIdentity(proposal.organisation, proposal.country);
    const same =
      byKey.find(identity) ??
      (proposal.source.startsWith("mail:") ? bySource.get(proposal.source) : undefined);
    if (same) {
      results.push({ outcome: "duplicate", proposal, of: same });
      continue;
    }
    const similarTo = out.filter((e) => areSimilarNames(e.organisation, proposal.organisation));
    if (similarTo.length > 0 && !options.allowSimilar) {
      results.push({ outcome: "similar", proposal, similarTo });
      continue;
    }
    const entry = pendingEntry(proposal, signatoryId(proposal.organisation, ids));
    const problems = entryProblems(entry, proposal.origin ?? proposal.source);
    if (problems.length > 0) {
      results.push({ outcome: "invalid", proposal, problems });
      continue;
    }
    ids.add(entry.id);
    byKey.add(identity, entry);
    bySource.set(entry.source, entry);
    out.push(entry);
    results.push({ outcome: "added", proposal, entry, similarTo });
  }
  return { entries: out, results };
}

/**
 * What the file's schema finds wrong with a new row, named by where the request came from: a row the next
 * read would refuse is never written (it would stop every command until someone edits the file).
 */
function entryProblems(entry: SignatoryEntry, origin: string): Problem[] {
  const { id, line: _line, extra: _extra, ...row } = entry;
  const result = signatorySchema.safeParse({ ...row, id });
  return result.success ? [] : problemsFromZod(result.error.issues, origin);
}

function pendingEntry(p: SignOnProposal, id: string): SignatoryEntry {
  return {
    id,
    organisation: p.organisation,
    country: p.country,
    signed: p.signed,
    status: "pending",
    ...(p.type ? { type: p.type } : {}),
    ...(p.contact ? { contact: p.contact } : {}),
    source: p.source,
  };
}

export interface Decision {
  entries: SignatoryEntry[];
  /** Rows whose status changed, as they are now. */
  changed: SignatoryEntry[];
  /** Rows that already had that status. */
  unchanged: SignatoryEntry[];
  /** Ids that name no row. */
  unknown: string[];
}

/**
 * Approves (on `date`, YYYY-MM-DD) or rejects the rows `ids` names. Approving a rejected row or
 * rejecting an approved one (a withdrawal) is allowed: a person decided.
 */
export function decideSignatories(
  entries: readonly SignatoryEntry[],
  ids: readonly string[],
  status: Exclude<SignatoryStatus, "pending">,
  date: string,
): Decision {
  const wanted = new Set(ids);
  const found = new Set<string>();
  const changed: SignatoryEntry[] = [];
  const unchanged: SignatoryEntry[] = [];
  const out = entries.map((e) => {
    if (!wanted.has(e.id)) return e;
    found.add(e.id);
    if (statusOf(e) === status) {
      unchanged.push(e);
      return e;
    }
    const { approvedOn: _old, ...rest } = e;
    const next: SignatoryEntry =
      status === "approved" ? { ...rest, status, approvedOn: date } : { ...rest, status };
    changed.push(next);
    return next;
  });
  return { entries: out, changed, unchanged, unknown: ids.filter((id) => !found.has(id)) };
}

/**
 * The revision of the approved list a letter carries: a short hash of who is on it, in order, and when
 * each was approved. Two messages with the same revision printed the same list.
 */
export function signatoryRevision(signatories: readonly Signatory[]): string {
  const list = signatories.map((s) => [s.organisation, s.country, s.approvedOn ?? ""]);
  return createHash("sha256").update(JSON.stringify(list)).digest("hex").slice(0, 12);
}
