/**
 * `outreach demo`: the bundled example end to end with no server and no config, in a scratch copy of the
 * example workspace (so the repo's own files are never changed): directory check → plan → preview →
 * rehearsal to the outbox → a real SMTP send to a mail server the demo starts on 127.0.0.1 (nothing
 * leaves the machine) → import of the sample mailbox → status → report. This is what `npm start` runs.
 */
import { cp, mkdir, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { OperationError } from "../../core/errors.js";
import { workspacePaths } from "../../core/workspace.js";
import { REHEARSAL_FOLDER } from "../../send/outbox-transport.fs.js";
import type { CliContext } from "../context.js";
import { EXIT_CODES } from "../exit-codes.js";
import { startDemoMailServer, type DemoMailServer } from "../demo-mail-server.js";
import { packageRoot } from "../package-root.js";

const EXAMPLE_CAMPAIGN = "wcit-2012";

export async function runDemo(ctx: CliContext, dir: string): Promise<number> {
  const root = packageRoot();
  await prepareScratchWorkspace(root, dir);
  ctx.stderr(`Example workspace copied to ${dir}\n`);

  const server = await startDemoMailServer();
  try {
    await writeDemoConfig(dir, server);
    await runDemoSteps(ctx, dir);
    ctx.stdout(
      `\nThe demo's mail server on 127.0.0.1:${server.port} received ${server.messages} message(s) for ${server.recipients.size} address(es); nothing left this machine.\n`,
    );
  } finally {
    await server.close();
  }
  const paths = workspacePaths(dir);
  ctx.stdout(
    `Rehearsal (the letters as .eml files): ${join(paths.outbox(EXAMPLE_CAMPAIGN), REHEARSAL_FOLDER)}\n`,
  );
  ctx.stdout(`Report: ${paths.report(EXAMPLE_CAMPAIGN)}\n`);
  ctx.stdout(
    "\nNext, on your own data (inside this repository, `npx outreach`):\n" +
      "  outreach init my-outreach && cd my-outreach      # a workspace of your own\n" +
      "  outreach directory import ministries.csv         # your contacts (any spreadsheet export)\n" +
      "  outreach campaign new my-letter --languages en,es # campaign.json and a starter letter per language\n",
  );
  return EXIT_CODES.success;
}

/**
 * The scratch workspace's config.json: the demo's loopback server, and limits high enough that the
 * example's few dozen messages go in seconds (a real campaign keeps the polite defaults).
 */
async function writeDemoConfig(dir: string, server: DemoMailServer): Promise<void> {
  const config = {
    sender: { name: "Civil Society Coalition on WCIT (demo)", email: "letters@coalition.example" },
    smtp: { host: "127.0.0.1", port: server.port, security: "none" },
    send: { perMinute: 6000, perHour: 100_000, perDay: 1_000_000, perDomainPerHour: 100_000, burst: 100 },
  };
  await writeFile(join(dir, "config.json"), JSON.stringify(config, null, 2) + "\n");
}

async function runDemoSteps(ctx: CliContext, dir: string): Promise<void> {
  // Imported lazily: the demo runs the whole CLI, the CLI loads this file.
  const { runCli } = await import("../run.js");
  const steps: { title: string; args: string[]; okCodes: number[] }[] = [
    { title: "Check the contact directory", args: ["directory", "check"], okCodes: [0, 1] },
    { title: "Plan: who gets which letter", args: ["plan", EXAMPLE_CAMPAIGN], okCodes: [0] },
    { title: "Preview every message", args: ["preview", EXAMPLE_CAMPAIGN], okCodes: [0] },
    {
      title: "Rehearse: write every message to the outbox (nothing is delivered)",
      args: ["send", EXAMPLE_CAMPAIGN],
      okCodes: [0],
    },
    {
      // --yes: the demo cannot ask; --allow-unreviewed: the example's translations are drafts. A real
      // campaign gets its translations reviewed and answers the confirmation itself.
      title: "Send for real, to the demo's own mail server on 127.0.0.1",
      args: ["send", EXAMPLE_CAMPAIGN, "--transport", "smtp", "--yes", "--allow-unreviewed"],
      okCodes: [0],
    },
    {
      // The shipped sample quotes unkeyed ids; this writes it for the keyed ids the send just used.
      title: "Write the sample mailbox for this workspace's Message-IDs",
      args: ["inbox", "sample", EXAMPLE_CAMPAIGN],
      okCodes: [0],
    },
    {
      title: "Import the sample mailbox (bounces, auto-replies, replies)",
      args: [
        "inbox",
        "import",
        EXAMPLE_CAMPAIGN,
        join(dir, "campaigns", EXAMPLE_CAMPAIGN, "sample-inbox", "inbox.mbox"),
      ],
      okCodes: [0, 1],
    },
    {
      title: "Campaign status by country",
      args: ["status", EXAMPLE_CAMPAIGN, "--by", "country"],
      okCodes: [0],
    },
    { title: "Write the report", args: ["report", EXAMPLE_CAMPAIGN], okCodes: [0] },
  ];
  for (const [i, step] of steps.entries()) {
    ctx.stdout(`\n== ${i + 1}/${steps.length} ${step.title}: outreach ${step.args.join(" ")}\n`);
    const code = await runCli(["--workspace", dir, ...step.args], {
      workspace: dir,
      env: ctx.env,
      clock: ctx.clock,
      stdout: ctx.stdout,
      stderr: ctx.stderr,
      interactive: ctx.interactive,
      signal: ctx.signal,
    });
    if (!step.okCodes.includes(code)) {
      throw new OperationError("E_DEMO_STEP", `demo step "${step.title}" exited with code ${code}`);
    }
  }
}

async function prepareScratchWorkspace(root: string, dir: string): Promise<void> {
  if (resolve(dir) === resolve(root)) {
    throw new OperationError("E_DEMO_DIR", "the demo folder must not be the repository itself");
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const sub of ["contacts", "campaigns", "templates", "schemas"]) {
    const from = join(root, sub);
    if (!(await exists(from))) continue;
    await cp(from, join(dir, sub), {
      recursive: true,
      filter: (src) => !/(\/outbox|ledger\.jsonl|\.lock|report\.html|\/cache)$/.test(src),
    });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
