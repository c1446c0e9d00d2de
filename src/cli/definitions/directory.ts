/**
 * `outreach directory import|check|list|crawl|history`: arguments, options and help. The commands are
 * `commands/directory.ts`, `commands/directory-crawl.ts` and `commands/directory-history.ts`.
 */
import type { Command } from "commander";
import { InputError } from "../../core/errors.js";
import { ENCODINGS } from "../../directory/decode-bytes.js";
import type { CliContext } from "../context.js";
import { withExample, type CommandResult } from "../define-command.js";
import { defineCrawlCommand } from "./directory-crawl.js";
import { defineHistoryCommand } from "./directory-history.js";

export interface ImportOptions {
  source?: string;
  map: Record<string, string>;
  encoding: string;
  dryRun?: boolean;
  format: string;
}

export interface CheckOptions {
  format: string;
  all?: boolean;
  severity?: string;
  country?: string;
}

export interface ListOptions {
  country?: string;
  status?: string;
  format: string;
}

export function defineDirectoryCommands(directory: Command, ctx: CliContext, result: CommandResult): void {
  directory.configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) });
  defineImport(directory, ctx, result);
  defineCheck(directory, ctx, result);
  defineList(directory, ctx);
  defineCrawlCommand(directory, ctx, result);
  defineHistoryCommand(directory, ctx, result);
}

function collectMap(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.lastIndexOf("=");
  if (eq <= 0 || eq === value.length - 1) {
    throw new InputError(
      "E_USAGE",
      `--map "${value}": expected Heading=field, e.g. --map "Correo institucional=email"`,
    );
  }
  return { ...previous, [value.slice(0, eq).trim()]: value.slice(eq + 1).trim() };
}

function defineImport(parent: Command, ctx: CliContext, result: CommandResult): void {
  const cmd = parent
    .command("import")
    .description(
      "import a CSV of contacts into contacts/directory.csv: headers in English, Spanish or French, UTF-8/UTF-16/Windows-1252, " +
        "comma, semicolon or tab; merges with what is there; rejected rows go to contacts/sources/<name>.rejects.csv. " +
        "Exit 1 when some rows were rejected.",
    )
    .argument("<csv>", "the CSV file to import")
    .option(
      "--source <name>",
      "provenance recorded on imported rows (default: the file name; `manual` rows win over imports)",
    )
    .option(
      "--map <heading=field>",
      "assign a column to a field, or `=ignore` to drop it (repeatable)",
      collectMap,
      {},
    )
    .option("--encoding <name>", `file encoding: ${ENCODINGS.join(", ")}`, "auto")
    .option("--dry-run", "report what would change without writing anything")
    .option("--format <format>", "report format: table, csv or json", "table")
    .action(async (csv: string, opts: ImportOptions) => {
      const { runImport } = await import("../commands/directory.js");
      result.exitCode = await runImport(ctx, csv, opts);
    });
  withExample(
    cmd,
    "outreach directory import ministries.csv",
    'outreach directory import export.csv --map "Correo institucional=email" --map "Observaciones=ignore" --dry-run',
  );
}

function defineCheck(parent: Command, ctx: CliContext, result: CommandResult): void {
  const cmd = parent
    .command("check")
    .description(
      "check the directory: invalid or duplicate emails, countries that are not ITU member states, member states with no " +
        "contact, contacts marked bounced or do-not-contact. The table folds a warning or note that comes many times " +
        "into one line (e.g. the member states without a contact); --all lists each one, and csv and json always " +
        "list every finding. Exit 1 when errors are found among those shown (warnings and notes do not count).",
    )
    .option("--all", "table format: one line per finding, none folded")
    .option("--severity <level>", "only findings this severe or worse: error, warning or note (everything)")
    .option("--country <codes>", "only findings about these countries (ISO codes or names, comma-separated)")
    .option("--format <format>", "table, csv or json (every finding shown, never folded)", "table")
    .action(async (opts: CheckOptions) => {
      const { runCheck } = await import("../commands/directory.js");
      result.exitCode = await runCheck(ctx, opts);
    });
  withExample(
    cmd,
    "outreach directory check",
    "outreach directory check --all --severity warning",
    "outreach directory check --country AR,TH --format json",
  );
}

function defineList(parent: Command, ctx: CliContext): void {
  const cmd = parent
    .command("list")
    .description("list contacts, sorted by country, organisation and name")
    .option("--country <codes>", "only these countries (ISO codes or names, comma-separated)")
    .option("--status <status>", "only contacts with this status (active, bounced, do-not-contact)")
    .option("--format <format>", "table, csv (all columns, the directory format) or json", "table")
    .action(async (opts: ListOptions) => {
      const { runList } = await import("../commands/directory.js");
      await runList(ctx, opts);
    });
  withExample(
    cmd,
    "outreach directory list --country AR,TH",
    "outreach directory list --country Canada --format json",
  );
}
