/**
 * `outreach signatories add|import|inbox`: sign-on requests into the pending queue of signatories.csv;
 * `inbox` reads mailbox files, or with `--imap` every message of config.json's IMAP folders (read-only).
 * Each reports, per request, whether it was added, already listed (a duplicate: the same name however
 * written) or close to a listed name (left for a person to decide, `--allow-similar`); nothing reaches a
 * letter before `approve`.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import {
  takeInSignatories,
  type IntakeResult,
  type SignOnProposal,
} from "../../campaign/signatory-intake.js";
import { readSignOnExport } from "../../campaign/signatory-import.js";
import { statusOf } from "../../campaign/signatory-schema.js";
import { resolveCountry } from "../../contacts/countries.js";
import { ConfigError, InputError, isOutreachError, formatProblem, type Problem } from "../../core/errors.js";
import { statRegularFile } from "../../core/regular-file.fs.js";
import { decodeCsvBytes, ENCODINGS, type EncodingOption } from "../../directory/decode-bytes.js";
import { sniffDelimiter } from "../../directory/sniff-delimiter.js";
import { parseInbound } from "../../inbox/parse-inbound.js";
import { readAllImapMessages } from "../../inbox/imap-read-all.imap.js";
import { readImapPassword } from "../../inbox/imap-settings.js";
import { readMailboxes, type RawMessage } from "../../inbox/read-mailbox.fs.js";
import { readSignOnRequest } from "../../inbox/sign-on-request.js";
import type { CliContext } from "../context.js";
import type {
  AddOptions,
  ImportOptions,
  InboxIntakeOptions,
  IntakeOptions,
} from "../definitions/signatories.js";
import { EXIT_CODES } from "../exit-codes.js";
import { formatCsv, formatJson, formatTable } from "../output.js";
import {
  dateOption,
  localTimeZone,
  openSignatories,
  saveSignatories,
  type OpenSignatories,
} from "./signatories.js";

/** A message or row that was not a proposal: skipped (not a request) or for a person to read. */
interface NotTaken {
  outcome: "skipped" | "unreadable";
  origin: string;
  note: string;
}

export async function runSignatoriesAdd(
  ctx: CliContext,
  campaignId: string,
  opts: AddOptions,
): Promise<number> {
  const country = opts.country ? resolveCountry(opts.country) : "";
  if (country === undefined) {
    throw new InputError(
      "E_SIGNATORY_COUNTRY",
      `--country "${opts.country}": give an ISO code (RS) or a country name (Serbia)`,
    );
  }
  if (opts.name.trim() === "") throw new InputError("E_USAGE", "--name is empty");
  const proposal: SignOnProposal = {
    organisation: opts.name.trim(),
    country,
    ...(opts.type ? { type: opts.type as "organisation" | "individual" } : {}),
    ...(opts.contact ? { contact: opts.contact } : {}),
    signed: dateOption(ctx, opts.date),
    source: "add",
    origin: "--name",
  };
  return intake(ctx, await openSignatories(ctx, campaignId), [proposal], [], [], opts);
}

export async function runSignatoriesImport(
  ctx: CliContext,
  campaignId: string,
  csv: string,
  opts: ImportOptions,
): Promise<number> {
  if (!(ENCODINGS as readonly string[]).includes(opts.encoding)) {
    throw new InputError("E_USAGE", `--encoding must be one of ${ENCODINGS.join(", ")}`);
  }
  let bytes: Uint8Array;
  try {
    await statRegularFile(resolve(csv), csv);
    bytes = await readFile(resolve(csv));
  } catch (e) {
    if (isOutreachError(e)) throw e;
    throw new InputError("E_IMPORT_READ", `cannot read ${csv}: ${(e as Error).message}`, { cause: e });
  }
  const { text } = decodeCsvBytes(bytes, csv, opts.encoding as EncodingOption);
  const read = readSignOnExport(text, csv, sniffDelimiter(text), dateOption(ctx, undefined), opts.map);
  const usage = read.problems.filter((p) => p.code === "E_USAGE" || p.code === "E_CSV_HEADER");
  if (usage.length > 0) {
    throw new InputError(usage[0]?.code ?? "E_CSV_HEADER", `${csv}: cannot tell which column is which`, {
      problems: usage,
    });
  }
  return intake(ctx, await openSignatories(ctx, campaignId), read.proposals, read.problems, [], opts);
}

export async function runSignatoriesInbox(
  ctx: CliContext,
  campaignId: string,
  mailboxes: readonly string[],
  opts: InboxIntakeOptions,
): Promise<number> {
  if (opts.imap && mailboxes.length > 0) {
    throw new InputError("E_USAGE", "give mailbox files or --imap, not both");
  }
  if (!opts.imap && mailboxes.length === 0) {
    throw new InputError("E_USAGE", "give an mbox, maildir or .eml file, or --imap");
  }
  if (!opts.imap && (opts.folder?.length ?? 0) > 0) {
    throw new InputError("E_USAGE", "--folder goes with --imap");
  }
  const open = await openSignatories(ctx, campaignId);
  const address = open.campaign.signOnAddress ?? open.campaign.replyTo?.email;
  if (!address) {
    throw new InputError("E_SIGNON_ADDRESS", `campaign ${campaignId} has no sign-on address`, {
      hint: 'add "signOnAddress": "signon@your-coalition.example" (or a replyTo) to its campaign.json',
    });
  }
  const messages = opts.imap ? await imapMessages(ctx, opts.folder) : readMailboxes(mailboxes);
  const { proposals, notTaken } = await readRequests(ctx, messages, address);
  return intake(ctx, open, proposals, [], notTaken, opts);
}

/**
 * Every message of the configured IMAP folders (or `folders`), read-only; the password from the
 * environment as `inbox fetch` takes it. The fetch state of `inbox fetch` is left alone.
 */
async function imapMessages(
  ctx: CliContext,
  folders: readonly string[] | undefined,
): Promise<AsyncIterable<RawMessage>> {
  const { config } = await ctx.loadConfig();
  const imap = config.imap;
  if (!imap) {
    throw new ConfigError("E_IMAP_NOT_CONFIGURED", "no imap section in config.json", {
      hint: "add one (host, user, folders; see config.example.json), or export the mailbox and give its file",
    });
  }
  return readAllImapMessages({
    imap,
    password: readImapPassword(imap, ctx.env),
    ...(folders && folders.length > 0 ? { folders } : {}),
    scrub: ctx.scrub,
    signal: ctx.signal,
  });
}

/** Reads each message as a sign-on request (mailbox files and IMAP alike): proposals and the rest. */
async function readRequests(
  ctx: CliContext,
  messages: AsyncIterable<RawMessage>,
  address: string,
): Promise<{ proposals: SignOnProposal[]; notTaken: NotTaken[] }> {
  const today = dateOption(ctx, undefined);
  const proposals: SignOnProposal[] = [];
  const notTaken: NotTaken[] = [];
  for await (const raw of messages) {
    const message = await parseInbound(raw.raw, raw.source);
    const reading = readSignOnRequest(message, address, today, localTimeZone(ctx));
    if (reading.kind === "request") proposals.push(reading.proposal);
    else
      notTaken.push({
        outcome: reading.kind === "ignored" ? "skipped" : "unreadable",
        origin: raw.source,
        note: reading.reason,
      });
  }
  return { proposals, notTaken };
}

/** Takes the proposals in, writes the file unless it is a dry run, and reports. */
async function intake(
  ctx: CliContext,
  open: OpenSignatories,
  proposals: readonly SignOnProposal[],
  problems: readonly Problem[],
  notTaken: readonly NotTaken[],
  opts: IntakeOptions,
): Promise<number> {
  const campaignId = open.campaign.id;
  const { entries, results } = takeInSignatories(open.entries, proposals, {
    allowSimilar: opts.allowSimilar ?? false,
  });
  const added = results.filter((r) => r.outcome === "added").length;
  const written = added > 0 && !opts.dryRun;
  if (written) await saveSignatories(open, entries, "taking in sign-on requests");
  const rows = [
    ...results.map(resultRow),
    ...notTaken.map((n) => ({
      outcome: n.outcome,
      id: "",
      organisation: "",
      country: "",
      from: n.origin,
      note: n.note,
    })),
  ];
  const rejected = problems.filter((p) => (p.severity ?? "error") === "error").length;
  if (opts.format === "json") {
    ctx.stdout(
      formatJson({
        campaign: campaignId,
        file: open.shown,
        added,
        written,
        dryRun: opts.dryRun ?? false,
        results: rows,
        problems,
      }),
    );
  } else {
    const columns = ["outcome", "id", "organisation", "country", "from", "note"] as const;
    const cells = rows.map((r) => columns.map((c) => r[c]));
    ctx.stdout(opts.format === "csv" ? formatCsv(columns, cells) : formatTable(columns, cells));
    for (const p of problems)
      ctx.stderr(`${p.severity === "warning" ? "warning: " : ""}${formatProblem(p)}\n`);
    const pending = entries.filter((e) => statusOf(e) === "pending").length;
    ctx.stderr(
      opts.dryRun
        ? "dry run: nothing was written\n"
        : written
          ? `${added} added to ${open.shown} as pending (${pending} pending in all); \`outreach signatories approve ${campaignId} <id>…\` puts them under the letter\n`
          : "nothing added\n",
    );
  }
  return rejected > 0 ? EXIT_CODES.finishedWithFailures : EXIT_CODES.success;
}

function resultRow(
  r: IntakeResult,
): Record<"outcome" | "id" | "organisation" | "country" | "from" | "note", string> {
  const base = {
    organisation: r.proposal.organisation,
    country: r.proposal.country,
    from: r.proposal.origin ?? r.proposal.source,
  };
  const names = (list: readonly { id: string; organisation: string }[]) =>
    list.map((e) => `${e.id} "${e.organisation}"`).join(", ");
  switch (r.outcome) {
    case "added":
      return {
        outcome: "added",
        id: r.entry.id,
        ...base,
        note: r.similarTo.length ? `close to ${names(r.similarTo)} (added: --allow-similar)` : "pending",
      };
    case "duplicate":
      return {
        outcome: "duplicate",
        id: r.of.id,
        ...base,
        note: `already listed as ${r.of.id} "${r.of.organisation}" (${statusOf(r.of)}); not added again`,
      };
    case "invalid":
      return {
        outcome: "unreadable",
        id: "",
        ...base,
        note: `${r.problems.map((p) => `${p.field ?? "row"} ${p.message}`).join("; ")}: not added; a person reads it and uses \`signatories add\``,
      };
    case "similar":
      return {
        outcome: "similar",
        id: "",
        ...base,
        note: `close to ${names(r.similarTo)}: not added; if it is another organisation, add it with --allow-similar`,
      };
  }
}
