/**
 * Signatories: the one schema for `campaigns/<id>/signatories.csv`, and pure parsers that report every
 * bad row as `file:line column: message`. The file is the sign-on list and its moderation queue at once,
 * so a person can still read and edit it in a spreadsheet:
 *
 *   id,organisation,country,signed,status,approvedOn,type,contact,source
 *
 * Only `organisation,country,signed` are required: a file without the other columns is the original list,
 * every row approved (how campaigns were written before rolling sign-on). `status` is pending, approved
 * or rejected; `approvedOn` is the date an approval took effect (empty: the original list); `type` is
 * organisation or individual; `contact` is who asked (never printed under the letter); `source` says
 * where the request came from (`add`, `import:form.csv:12`, `mail:<Message-ID>`). A country may be
 * written as a name; it is kept as its ISO code. Other columns are the user's own: read as each row's
 * `extra` cells and written back after these.
 */
import { z } from "zod";
import { resolveCountry } from "../contacts/countries.js";
import { parseCsvTable } from "../core/csv-table.js";
import { restoreCsvCells } from "../core/csv-write.js";
import type { Problem } from "../core/errors.js";
import { problemsFromZod } from "../core/zod-problems.js";
import { possibleSignatoryKeys, signatoryId, signatoryIdentity, SignatoryIndex } from "./signatory-name.js";

export const SIGNATORY_COLUMNS = ["organisation", "country", "signed"] as const;
/** Every column, in the order the tool writes them. */
export const SIGNATORY_FILE_COLUMNS = [
  "id",
  "organisation",
  "country",
  "signed",
  "status",
  "approvedOn",
  "type",
  "contact",
  "source",
] as const;
export const SIGNATORY_STATUSES = ["pending", "approved", "rejected"] as const;
export type SignatoryStatus = (typeof SIGNATORY_STATUSES)[number];
export const SIGNATORY_TYPES = ["organisation", "individual"] as const;
export type SignatoryType = (typeof SIGNATORY_TYPES)[number];

const emptyAsMissing = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const signatorySchema = z.strictObject({
  /** Stable id for `approve`/`reject`; derived from the name when the column is absent or empty. */
  id: z.preprocess(
    emptyAsMissing,
    z
      .string()
      .regex(/^[^\s,]+$/, "must have no spaces or commas")
      .optional(),
  ),
  /** As it should be printed under the letter. */
  organisation: z.string().trim().min(1, "is empty"),
  /**
   * The organisation's country: an ISO 3166-1 alpha-2 code or a name ("Argentina", "Royaume-Uni",
   * "Bolivia (Plurinational State of)"), read as the code; empty for international organisations. A
   * country nobody can resolve would print as "Unknown Region" under the letter, so it is an error.
   */
  country: z.string().transform((text, ctx) => {
    if (text.trim() === "") return "";
    const code = resolveCountry(text);
    if (code) return code;
    ctx.addIssue({
      code: "custom",
      message: `unknown country "${text.trim()}": give its ISO code (AR) or its name (Argentina), or leave it empty for an international organisation`,
    });
    return z.NEVER;
  }),
  /** Date the organisation signed (asked to sign), YYYY-MM-DD. */
  signed: z.iso.date("must be a date as YYYY-MM-DD"),
  /** Absent: approved (a file without the column is the original list). */
  status: z.preprocess(emptyAsMissing, z.enum(SIGNATORY_STATUSES).optional()),
  /** The date the approval took effect; absent for the original list. */
  approvedOn: z.preprocess(emptyAsMissing, z.iso.date("must be a date as YYYY-MM-DD").optional()),
  type: z.preprocess(emptyAsMissing, z.enum(SIGNATORY_TYPES).optional()),
  contact: z.preprocess(emptyAsMissing, z.string().optional()),
  source: z.preprocess(emptyAsMissing, z.string().optional()),
});

export type Signatory = z.infer<typeof signatorySchema>;

/**
 * A row of the file: a signatory with its id filled in, the line it is on, and its cells in the columns
 * outreach does not know (the user's own: `website`, `notes`), in the file's `extraColumns` order.
 */
export type SignatoryEntry = Signatory & { id: string; line?: number; extra?: string[] };

/** The status of a row: a row without one is approved (the original list). */
export function statusOf(s: Pick<Signatory, "status">): SignatoryStatus {
  return s.status ?? "approved";
}

export interface SignatoryRows {
  entries: SignatoryEntry[];
  /** The bad rows of any status but pending. */
  problems: Problem[];
  /** The bad rows whose status is pending: they block a rewrite of the file, not the approved list. */
  pendingProblems: Problem[];
  /** The header as read (so a writer can tell a legacy file). */
  columns: string[];
  /** The columns outreach does not know, in the file's order: kept when the file is written back. */
  extraColumns: string[];
}

/** Pure: every valid row of the file (any status), with ids; rows with problems are reported and left out. */
export function parseSignatoryEntries(text: string, file: string): SignatoryRows {
  const problems: Problem[] = [];
  const pendingProblems: Problem[] = [];
  const table = parseCsvTable(text, file, { trim: true });
  const none = { entries: [], pendingProblems, extraColumns: [] };
  if (!table.ok) return { ...none, problems: [table.problem], columns: [] };
  const columns = table.header;
  const missing = SIGNATORY_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) {
    const message = `missing column(s) ${missing.join(", ")}; expected ${SIGNATORY_COLUMNS.join(",")}`;
    return { ...none, problems: [{ file, line: 1, message }], columns };
  }
  const known = SIGNATORY_FILE_COLUMNS.filter((c) => columns.includes(c));
  const extraAt = columns.flatMap((c, i) =>
    (SIGNATORY_FILE_COLUMNS as readonly string[]).includes(c) ? [] : [i],
  );
  const entries: SignatoryEntry[] = [];
  const ids = new Set<string>();
  for (const { values, line } of table.records) {
    const record = restoreCsvCells([...values]);
    const raw = Object.fromEntries(known.map((c) => [c, record[columns.indexOf(c)] ?? ""]));
    const result = signatorySchema.safeParse(raw);
    if (!result.success) {
      const into = raw.status?.toLowerCase() === "pending" ? pendingProblems : problems;
      for (const problem of problemsFromZod(result.error.issues, file, { line })) {
        into.push(problem.field === "country" ? { ...problem, code: "E_SIGNATORY_COUNTRY" } : problem);
      }
      continue;
    }
    const id = result.data.id ?? signatoryId(result.data.organisation, ids);
    if (ids.has(id)) {
      problems.push({ file, line, field: "id", message: `"${id}" is already the id of another row` });
      continue;
    }
    ids.add(id);
    // Absent columns and empty cells leave no `undefined` keys behind (the rows are printed as JSON).
    const present = Object.entries(result.data).filter(([, v]) => v !== undefined);
    const extra = extraAt.length ? { extra: extraAt.map((i) => record[i] ?? "") } : {};
    entries.push({ ...(Object.fromEntries(present) as Signatory), id, line, ...extra });
  }
  const extraColumns = extraAt.map((i) => columns[i] ?? "");
  return { entries, problems, pendingProblems, columns, extraColumns };
}

/**
 * Pure: the list printed under the letter: the approved rows, each organisation once (the same name
 * however it is written, in the same country, `sameSignatory`); a repeated one is a warning. A bad
 * pending row is only a warning here (a stranger's request must not stop the approved letter); the
 * `signatories` commands that rewrite the file still refuse it. An empty list is an error.
 */
export function parseSignatoriesCsv(
  text: string,
  file: string,
): { signatories: Signatory[]; problems: Problem[] } {
  const { entries, problems, pendingProblems } = parseSignatoryEntries(text, file);
  const signatories = approvedList(entries, file, problems);
  for (const p of pendingProblems) {
    const note =
      "a pending row that cannot be read: not printed; fix it before the next `outreach signatories` change";
    problems.push({ ...p, message: `${p.message} (${note})`, severity: "warning" });
  }
  const pending = entries.filter((e) => statusOf(e) === "pending").length + pendingRows(pendingProblems);
  if (pending > 0) {
    problems.push({
      file,
      field: "status",
      message: `${pending} pending sign-on request(s) not printed until approved (outreach signatories list <campaign> --status pending)`,
      severity: "warning",
    });
  }
  if (signatories.length === 0 && !problems.some((p) => (p.severity ?? "error") === "error")) {
    problems.push({ file, message: "no approved signatories: the letter would be signed by nobody" });
  }
  return { signatories, problems };
}

function pendingRows(problems: readonly Problem[]): number {
  return new Set(problems.map((p) => p.line)).size;
}

/**
 * The approved rows, each signatory once (`sameSignatory`): a repeated one is a warning in `problems`.
 * Public so a caller holding entries gets the printed list without a CSV round trip.
 */
export function approvedList(
  entries: readonly SignatoryEntry[],
  file: string,
  problems: Problem[] = [],
): Signatory[] {
  const signatories: Signatory[] = [];
  const seen = new SignatoryIndex<number>();
  const approved = entries.filter((e) => statusOf(e) === "approved");
  // Only a name that shares a possible key with another needs its real key (a country lookup that
  // builds the whole name index, a fifth of `status`'s start-up); any other is unique either way.
  const sharing = new Map<string, number>();
  for (const entry of approved) {
    for (const k of new Set(possibleSignatoryKeys(entry.organisation)))
      sharing.set(k, (sharing.get(k) ?? 0) + 1);
  }
  for (const entry of approved) {
    const possible = possibleSignatoryKeys(entry.organisation);
    const identity = possible.some((k) => (sharing.get(k) ?? 0) > 1)
      ? signatoryIdentity(entry.organisation, entry.country)
      : { key: possible[0] ?? "", country: entry.country };
    const first = seen.find(identity);
    if (first !== undefined) {
      problems.push({
        file,
        line: entry.line,
        field: "organisation",
        message: `"${entry.organisation}" is already listed on line ${first}; printed once`,
        severity: "warning",
      });
      continue;
    }
    seen.add(identity, entry.line ?? 0);
    const { line: _line, extra: _extra, ...signatory } = entry;
    signatories.push(signatory);
  }
  return signatories;
}

/**
 * The date the list last changed (YYYY-MM-DD), shown as the letter's "Updated" line: the latest approval,
 * or for the original list the latest signature.
 */
export function latestSignature(signatories: readonly Signatory[]): string | undefined {
  let latest: string | undefined;
  for (const s of signatories) {
    const date = s.approvedOn ?? s.signed;
    if (latest === undefined || date > latest) latest = date;
  }
  return latest;
}
