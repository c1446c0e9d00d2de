/**
 * The light table of commands: what `outreach --help` lists, and where each command's definition lives.
 * A definition (`definitions/<name>.ts`: arguments, options, help) is imported only when its command is
 * dispatched, and the command's module (`commands/<name>.ts`, with the stages it drives) only when it runs,
 * so `outreach --help` loads commander and this table, and `outreach status` loads no send, render or
 * crawl code. `tests/cli/command-table.test.ts` checks each `term` against its definition.
 */
import type { Command } from "commander";
import type { CliContext } from "./context.js";
import type { CommandResult } from "./define-command.js";

/** Fills in a command created from the table: its arguments, options, help, subcommands and action. */
export type DefineCommand = (cmd: Command, ctx: CliContext, result: CommandResult) => void;

export interface CommandEntry {
  readonly name: string;
  /** The command as `outreach --help` lists it: name, `[options]` when it has any, arguments. */
  readonly term: string;
  /** The line beside it, and the command's description unless its definition gives a longer one. */
  readonly summary: string;
  readonly load: () => Promise<DefineCommand>;
}

export const COMMAND_TABLE: readonly CommandEntry[] = [
  {
    name: "directory",
    term: "directory",
    summary: "build and inspect the contact directory (import, crawl, check, list, history)",
    load: async () => (await import("./definitions/directory.js")).defineDirectoryCommands,
  },
  {
    name: "init",
    term: "init [options] [dir]",
    summary: "scaffold a workspace; never overwrites",
    load: async () => (await import("./definitions/init.js")).defineInitCommand,
  },
  {
    name: "campaign",
    term: "campaign",
    summary:
      "start a campaign: `campaign new <id> --languages en,es` writes campaign.json and starter letters",
    load: async () => (await import("./definitions/campaign.js")).defineCampaignCommands,
  },
  {
    name: "signatories",
    term: "signatories",
    summary: "rolling sign-on: add, import or read requests from the sign-on mailbox; list, approve, reject",
    load: async () => (await import("./definitions/signatories.js")).defineSignatoriesCommands,
  },
  {
    name: "check",
    term: "check",
    summary:
      "pre-flight: `check sender [campaign]` checks SPF, DKIM and DMARC of the sender and each target domain's MX",
    load: async () => (await import("./definitions/check.js")).defineCheckCommands,
  },
  {
    name: "plan",
    term: "plan [options] <campaign>",
    summary: "who gets which letter, and every blocking problem",
    load: async () => (await import("./definitions/plan.js")).definePlanCommand,
  },
  {
    name: "preview",
    term: "preview [options] <campaign>",
    summary: "render every message to outbox/preview/ with an index page",
    load: async () => (await import("./definitions/preview.js")).definePreviewCommand,
  },
  {
    name: "send",
    term: "send [options] <campaign>",
    summary:
      "send a campaign: paced, retried, recorded in the ledger; resumes where it stopped. Without " +
      "--transport smtp it only rehearses: the messages are written to campaigns/<id>/outbox/rehearsal/ " +
      "and nothing is delivered or counted as sent",
    load: async () => (await import("./definitions/send.js")).defineSendCommand,
  },
  {
    name: "status",
    term: "status [options] <campaign>",
    summary:
      "state of every targeted contact: planned, sent, deferred, failed, uncertain, skipped, bounced, auto-replied, replied, delivered-by-partner",
    load: async () => (await import("./definitions/status.js")).defineStatusCommand,
  },
  {
    name: "inbox",
    term: "inbox",
    summary: "read replies and delivery reports into a campaign's ledger",
    load: async () => (await import("./definitions/inbox.js")).defineInboxCommands,
  },
  {
    name: "mark",
    term: "mark [options] <campaign> <contact> [outcome]",
    summary: "record an off-line outcome, settle an uncertain message (sent / not-sent), or --undo a mark",
    load: async () => (await import("./definitions/mark.js")).defineMarkCommand,
  },
  {
    name: "unmark",
    term: "unmark [options] <campaign> <contact> [outcome]",
    summary: "take back the latest mark of a contact (same as `mark … --undo`)",
    load: async () => (await import("./definitions/mark.js")).defineUnmarkCommand,
  },
  {
    name: "partners",
    term: "partners",
    summary: "coordinate with national partner groups: export packs, import their outcomes",
    load: async () => (await import("./definitions/partners.js")).definePartnersCommands,
  },
  {
    name: "translations",
    term: "translations",
    summary: "PO round trip with national partners: export, import, status (what is out of date), approve",
    load: async () => (await import("./definitions/translations.js")).defineTranslationsCommands,
  },
  {
    name: "report",
    term: "report [options] <campaign>",
    summary:
      "write campaigns/<id>/report.html: totals, world map by status, per-country table, messages per day, reasons (works offline)",
    load: async () => (await import("./definitions/report.js")).defineReportCommand,
  },
  {
    name: "publish",
    term: "publish [options] <campaign>",
    summary:
      "write the site to post: a page per language (letter, signatories, how to sign), the letter as PDF, an index",
    load: async () => (await import("./definitions/publish.js")).definePublishCommand,
  },
  {
    name: "letter",
    term: "letter",
    summary: "the letter as PDF for print: `letter pdf <campaign>` (generic, or --contact for hand delivery)",
    load: async () => (await import("./definitions/letter.js")).defineLetterCommands,
  },
  {
    name: "demo",
    term: "demo [dir]",
    summary: "run the bundled example end to end in a scratch folder (no SMTP server, no config needed)",
    load: async () => (await import("./definitions/demo.js")).defineDemoCommand,
  },
];
