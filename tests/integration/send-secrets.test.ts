/**
 * Issue 10, item 5: a server that echoes the credentials in its 535 (plain, base64, the AUTH PLAIN blob,
 * inside a longer base64 dump, hex, URL-encoded) never gets them into the ledger, report.html, status,
 * stdout, stderr or any other file the tool writes. Real smtp-server on 127.0.0.1, real CLI runs.
 * Item 11 (part): --verbose / OUTREACH_DEBUG=1 prints the stack of an unexpected error, scrubbed.
 */
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { copyExampleWorkspace, REPO_ROOT, runInProcess, type CliRun } from "../helpers/cli.js";
import { echoCredentials, findSecretLeaks } from "../helpers/secret-leaks.js";
import { startScriptedSmtpServer } from "../helpers/smtp.js";
import { writeLoopbackConfig } from "../helpers/send-config.js";

const ID = "wcit-2012";
const USER = "letters@coalition.example";
// Random-looking, so a run of it cannot occur in ordinary text; `+`, `/`, `=` and `~` differ in every encoding.
const PASSWORD = "Hq7-zK+vW/9x=Lp~3mRt2";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function configure(workspace: string, smtp: { port: number } & Record<string, unknown>) {
  await writeLoopbackConfig(workspace, smtp.port, { user: USER, ...smtp });
}

/** Every file under `dir`, as text. */
async function allFiles(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.push({ path, text: await readFile(path, "latin1") });
  }
  return out;
}

async function leaksIn(workspace: string, runs: CliRun[]): Promise<string[]> {
  const leaks: string[] = [];
  for (const { path, text } of await allFiles(workspace))
    for (const l of findSecretLeaks(text, PASSWORD)) leaks.push(`${path}: ${l}`);
  runs.forEach((r, i) => {
    for (const l of findSecretLeaks(r.stdout, PASSWORD)) leaks.push(`run ${i} stdout: ${l}`);
    for (const l of findSecretLeaks(r.stderr, PASSWORD)) leaks.push(`run ${i} stderr: ${l}`);
  });
  return leaks;
}

describe("a server that echoes the credentials in its 535", () => {
  for (const method of ["PLAIN", "LOGIN"]) {
    it(`AUTH ${method}, refused after the pre-flight: nothing anywhere holds any form of the password`, async () => {
      // The pre-flight login succeeds; the next one (the first message's connection) is refused with an echo.
      const server = await startScriptedSmtpServer({
        authMethods: [method],
        onAuth: (login, attempt) =>
          attempt === 1 && login.password === PASSWORD
            ? "accept"
            : { code: 535, message: echoCredentials(login) },
      });
      cleanups.push(() => server.close());
      const workspace = await copyExampleWorkspace();
      await configure(workspace, { port: server.port });
      const env = { OUTREACH_SMTP_PASSWORD: PASSWORD };

      const send = await runInProcess(["send", ID, "--transport", "smtp", "--yes", "--allow-unreviewed"], {
        workspace,
        env,
      });
      expect(send.code, send.stderr).toBe(3);
      expect(send.stderr).toContain("E_SMTP_AUTH");
      expect(server.authAttempts).toBe(2);
      expect(server.accepted).toHaveLength(0);
      const report = await runInProcess(["report", ID], { workspace, env });
      expect(report.code, report.stderr).toBe(0);
      const status = await runInProcess(["status", ID, "--format", "json"], { workspace, env });
      expect(status.code, status.stderr).toBe(0);

      // The refusal reached the ledger and the report (so the search below is not vacuous), as its codes
      // only: the text of a refused login is never shown, whatever form the echo takes.
      const ledger = await readFile(join(workspace, "campaigns", ID, "ledger.jsonl"), "utf8");
      expect(ledger).toContain("the server refused the login (535 5.7.8");
      expect(ledger).not.toContain("Authentication credentials invalid");
      const html = await readFile(join(workspace, "campaigns", ID, "report.html"), "utf8");
      expect(html).toContain("the server refused the login (535 5.7.8");
      expect(await leaksIn(workspace, [send, report, status])).toEqual([]);
    });
  }

  it("refused at the pre-flight, with a password in a variable smtp.passwordEnv names: stderr is clean", async () => {
    const server = await startScriptedSmtpServer({
      onAuth: (login) => ({ code: 535, message: echoCredentials(login) }),
    });
    cleanups.push(() => server.close());
    const workspace = await copyExampleWorkspace();
    await configure(workspace, { port: server.port, passwordEnv: "NGO_RELAY_PASSWORD" });
    const run = await runInProcess(["send", ID, "--transport", "smtp", "--yes", "--allow-unreviewed"], {
      workspace,
      env: { NGO_RELAY_PASSWORD: PASSWORD },
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("E_SMTP_AUTH");
    expect(run.stderr).toContain("the server refused the login (535 5.7.8");
    expect(run.stderr).not.toContain("Authentication credentials invalid");
    expect(await leaksIn(workspace, [run])).toEqual([]);
  });
});

describe("an unexpected error (E_UNEXPECTED)", () => {
  /** The CLI as a real process with its standard output on a full device: `outreach status > /dev/full`. */
  async function runToFullDevice(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
    const workspace = await copyExampleWorkspace();
    const out = openSync("/dev/full", "w");
    const tsxLoader = pathToFileURL(join(REPO_ROOT, "node_modules/tsx/dist/loader.mjs")).href;
    const child = spawn(
      process.execPath,
      ["--import", tsxLoader, join(REPO_ROOT, "src/cli/main.ts"), "-w", workspace, ...args],
      { cwd: workspace, env: { ...process.env, OUTREACH_DEBUG: "", ...env }, stdio: ["ignore", out, "pipe"] },
    );
    closeSync(out);
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number>((r) => child.on("close", (c) => r(c ?? -1)));
    return { code, stdout: "", stderr };
  }

  it("standard output on a full device: one line and a hint, no stack", async () => {
    const run = await runToFullDevice(["status", ID]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^error \[E_UNEXPECTED\]: cannot write to standard output: ENOSPC: no space left on device/,
    );
    expect(run.stderr).toContain("hint: run it again with --verbose (or OUTREACH_DEBUG=1)");
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  for (const [how, args, env] of [
    ["--verbose", ["--verbose", "status", ID], {}],
    ["OUTREACH_DEBUG=1", ["status", ID], { OUTREACH_DEBUG: "1" }],
  ] as const) {
    it(`standard output on a full device, ${how}: the stack says where`, async () => {
      const run = await runToFullDevice([...args], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("error [E_UNEXPECTED]: cannot write to standard output: ENOSPC");
      expect(run.stderr).toContain("stack (--verbose):");
      // Where it happened: a frame naming the command that wrote, and the system error as the cause.
      expect(run.stderr).toMatch(/^\s+at .*status\.ts/m);
      expect(run.stderr).toMatch(/caused by:\n\s+Error: ENOSPC/);
    });
  }

  /** An output that fails with an error quoting the password, as a library error quoting a server might. */
  async function runWithFailingStdout(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
    const workspace = await copyExampleWorkspace();
    await configure(workspace, { port: 2525, passwordEnv: "NGO_RELAY_PASSWORD" });
    let stderr = "";
    const code = await runCli(["-w", workspace, ...args], {
      env: { NGO_RELAY_PASSWORD: PASSWORD, ...env },
      stdout: () => {
        const b64 = Buffer.from(`\0${USER}\0${PASSWORD}`).toString("base64");
        throw new Error(`write failed near "${PASSWORD}" (${b64})`);
      },
      stderr: (t) => (stderr += t),
      interactive: false,
    });
    return { code, stdout: "", stderr };
  }

  it("--verbose after the command: the message and the stack are scrubbed of the secrets", async () => {
    const run = await runWithFailingStdout(["status", ID, "--verbose"], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [E_UNEXPECTED]: write failed near "***" (***)');
    expect(run.stderr).toContain("stack (--verbose):");
    expect(run.stderr).toMatch(/^\s+at .*status\.ts/m);
    expect(findSecretLeaks(run.stderr, PASSWORD)).toEqual([]);
  });

  it("OUTREACH_DEBUG=0 is off", async () => {
    const run = await runWithFailingStdout(["status", ID], { OUTREACH_DEBUG: "0" });
    expect(run.stderr).toContain("error [E_UNEXPECTED]");
    expect(run.stderr).not.toContain("stack (--verbose):");
  });
});
