/**
 * `outreach signatories add|import|inbox|list|approve|reject`: rolling sign-on. Arguments, options and
 * help; the work is in `commands/signatories.ts` (list, approve, reject) and
 * `commands/signatories-intake.ts` (add, import, inbox).
 */
import { Option, type Command } from "commander";
import { InputError } from "../../core/errors.js";
import type { CliContext } from "../context.js";
import { campaignArgument, withExample, type CommandResult } from "../define-command.js";
import { OUTPUT_FORMATS, type OutputFormat } from "../output.js";

export interface IntakeOptions {
  format: OutputFormat;
  allowSimilar?: boolean;
  dryRun?: boolean;
}
export interface InboxIntakeOptions extends IntakeOptions {
  imap?: boolean;
  folder?: string[];
}
export interface AddOptions extends IntakeOptions {
  name: string;
  country?: string;
  type?: string;
  contact?: string;
  date?: string;
}
export interface ImportOptions extends IntakeOptions {
  map: Record<string, string>;
  encoding: string;
}
export interface ListOptions {
  format: OutputFormat;
  status: string;
}
export interface DecideOptions {
  format: OutputFormat;
  allPending?: boolean;
  date?: string;
}

const formatOption = () =>
  new Option("--format <format>", "output format").choices(OUTPUT_FORMATS).default("table");
const allowSimilar = "add a name close to one already listed (you checked: it is another organisation)";

export function defineSignatoriesCommands(parent: Command, ctx: CliContext, result: CommandResult): void {
  parent.configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) });
  parent.description(
    "rolling sign-on: requests (add, a form export, the sign-on mailbox) wait as pending in signatories.csv; " +
      'approve puts them under the letter, in a batch headed "Updated <date>"',
  );
  defineAdd(parent, ctx, result);
  defineImport(parent, ctx, result);
  defineInbox(parent, ctx, result);
  defineList(parent, ctx);
  defineDecide(parent, ctx, "approve", result);
  defineDecide(parent, ctx, "reject", result);
}

function defineAdd(parent: Command, ctx: CliContext, result: CommandResult): void {
  const cmd = parent
    .command("add")
    .description(
      "add one signatory as pending (nothing is printed under the letter before approve); the same name " +
        "written differently is refused as a duplicate, a close one is reported unless --allow-similar",
    )
    .addArgument(campaignArgument(ctx))
    .requiredOption("--name <name>", "the name as it should appear under the letter")
    .option("--country <country>", "ISO code or name (empty: an international organisation)")
    .addOption(new Option("--type <type>", "who signs").choices(["organisation", "individual"]))
    .option("--contact <email>", "who asked (kept in signatories.csv, never printed)")
    .option("--date <YYYY-MM-DD>", "when they asked (default: today)")
    .option("--allow-similar", allowSimilar)
    .addOption(formatOption())
    .action(async (campaign: string, opts: AddOptions) => {
      const { runSignatoriesAdd } = await import("../commands/signatories-intake.js");
      result.exitCode = await runSignatoriesAdd(ctx, campaign, opts);
    });
  withExample(
    cmd,
    'outreach signatories add wcit-2012 --name "ISOC Belgrade" --country RS --contact board@isoc-belgrade.example',
    'outreach signatories add wcit-2012 --name "Ana Rivera" --type individual --country AR',
  );
}

function collectMap(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.lastIndexOf("=");
  if (eq <= 0 || eq === value.length - 1) {
    throw new InputError(
      "E_USAGE",
      `--map "${value}": expected Heading=field, e.g. --map "Your group=organisation"`,
    );
  }
  return { ...previous, [value.slice(0, eq).trim()]: value.slice(eq + 1).trim() };
}

function defineImport(parent: Command, ctx: CliContext, result: CommandResult): void {
  const cmd = parent
    .command("import")
    .description(
      "read a sign-on form's export (CSV; headings in English, Spanish or French; comma, semicolon or tab) " +
        "into the pending queue; bad rows are reported as file:line and left out (exit 1)",
    )
    .addArgument(campaignArgument(ctx))
    .argument("<csv>", "the exported CSV file")
    .option(
      "--map <heading=field>",
      "assign a column: organisation, name, country, type, contact, signed, or ignore (repeatable)",
      collectMap,
      {},
    )
    .option("--encoding <name>", "auto, utf-8, utf-16le, utf-16be or windows-1252", "auto")
    .option("--allow-similar", allowSimilar)
    .option("--dry-run", "report what would be added without writing anything")
    .addOption(formatOption())
    .action(async (campaign: string, csv: string, opts: ImportOptions) => {
      const { runSignatoriesImport } = await import("../commands/signatories-intake.js");
      result.exitCode = await runSignatoriesImport(ctx, campaign, csv, opts);
    });
  withExample(
    cmd,
    "outreach signatories import wcit-2012 sign-on-form.csv --dry-run",
    'outreach signatories import wcit-2012 form.csv --map "Your group=organisation"',
  );
}

function defineInbox(parent: Command, ctx: CliContext, result: CommandResult): void {
  const cmd = parent
    .command("inbox")
    .description(
      "read sign-on requests sent to the campaign's sign-on address (campaign.json signOnAddress, else replyTo) " +
        "from mbox files, maildirs or .eml files (or, with --imap, the IMAP mailbox of config.json) into the pending " +
        "queue: the name as they would like it to appear, country and contact; other mail is skipped, and a request " +
        "without a name is listed for a person to read; a request already taken is reported as a duplicate",
    )
    .addArgument(campaignArgument(ctx))
    .argument("[mailbox...]", "mbox file, maildir folder, folder of .eml files, or .eml files")
    .option(
      "--imap",
      "read every message of config.json's imap folders instead (read-only: nothing moved or marked read; " +
        "the password from imap.passwordEnv; `inbox fetch`'s state is left alone)",
    )
    .option(
      "--folder <name>",
      "with --imap: read this folder instead of imap.folders (repeatable)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--allow-similar", allowSimilar)
    .option("--dry-run", "report what would be added without writing anything")
    .addOption(formatOption())
    .action(async (campaign: string, mailboxes: string[], opts: InboxIntakeOptions) => {
      const { runSignatoriesInbox } = await import("../commands/signatories-intake.js");
      result.exitCode = await runSignatoriesInbox(ctx, campaign, mailboxes, opts);
    });
  withExample(
    cmd,
    "outreach signatories inbox wcit-2012 ~/Mail/sign-on.mbox",
    "outreach signatories inbox wcit-2012 --imap --folder Sign-on",
  );
}

function defineList(parent: Command, ctx: CliContext): void {
  const cmd = parent
    .command("list")
    .description(
      "list the sign-on list and its queue, in the file's order, with the approved list's revision",
    )
    .addArgument(campaignArgument(ctx))
    .addOption(
      new Option("--status <status>", "only rows with this status")
        .choices(["pending", "approved", "rejected", "all"])
        .default("all"),
    )
    .addOption(formatOption())
    .action(async (campaign: string, opts: ListOptions) => {
      const { runSignatoriesList } = await import("../commands/signatories.js");
      await runSignatoriesList(ctx, campaign, opts);
    });
  withExample(
    cmd,
    "outreach signatories list wcit-2012 --status pending",
    "outreach signatories list wcit-2012 --format json",
  );
}

function defineDecide(
  parent: Command,
  ctx: CliContext,
  decision: "approve" | "reject",
  result: CommandResult,
): void {
  const cmd = parent
    .command(decision)
    .addArgument(campaignArgument(ctx))
    .argument("[ids...]", "ids from `signatories list`")
    .addOption(formatOption());
  if (decision === "approve") {
    cmd
      .description(
        "approve pending signatories: from the next preview or send, letters list them in a batch headed " +
          '"Updated <date>" (in each letter\'s language); messages already sent keep the list they had',
      )
      .option("--all-pending", "approve every pending row")
      .option("--date <YYYY-MM-DD>", "the approval date the heading shows (default: today)");
  } else {
    cmd.description("reject signatories: they never appear under the letter (an approved one is withdrawn)");
  }
  cmd.action(async (campaign: string, ids: string[], opts: DecideOptions) => {
    const { runSignatoriesDecide } = await import("../commands/signatories.js");
    result.exitCode = await runSignatoriesDecide(ctx, campaign, ids, decision, opts);
  });
  withExample(
    cmd,
    decision === "approve"
      ? "outreach signatories approve wcit-2012 isoc-belgrade kictanet"
      : "outreach signatories reject wcit-2012 free-as-the-web-2",
    ...(decision === "approve"
      ? ["outreach signatories approve wcit-2012 --all-pending --date 2012-11-14"]
      : []),
  );
}
