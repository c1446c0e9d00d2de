/**
 * The real-send promises of issue 9, against real servers on 127.0.0.1: a fresh workspace never reaches a
 * server by accident; a server that is down, silent or dropping every message is said at once; the resume
 * hint repeats what was typed and says what it will do; `--no-wait` ends a run that could only wait.
 */
import { cp, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readLedger } from "../../src/ledger/ledger-file.fs.js";
import { countStates, foldLedger } from "../../src/ledger/fold-ledger.js";
import { copyExampleWorkspace, makeTempDir, REPO_ROOT, runInProcess } from "../helpers/cli.js";
import { freePort, startScriptedSmtpServer } from "../helpers/smtp.js";
import { writeLoopbackConfig } from "../helpers/send-config.js";

const ID = "wcit-2012";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function smtpServer(options: Parameters<typeof startScriptedSmtpServer>[0] = {}) {
  const server = await startScriptedSmtpServer(options);
  cleanups.push(() => server.close());
  return server;
}

const configure = writeLoopbackConfig;

async function attempts(workspace: string) {
  const { events } = await readLedger(join(workspace, "campaigns", ID, "ledger.jsonl"));
  return events.filter((e) => e.type === "attempt");
}

/** The example's French letter is a draft; these tests are not about review, so mark it reviewed. */
async function reviewFrench(workspace: string) {
  const file = join(workspace, "campaigns", ID, "campaign.json");
  const campaign = JSON.parse(await readFile(file, "utf8")) as {
    letters: Record<string, { reviewed: boolean }>;
  };
  if (campaign.letters.fr) campaign.letters.fr.reviewed = true;
  await writeFile(file, JSON.stringify(campaign));
}

describe("a real send goes right", () => {
  it("a fresh `init` workspace with an smtp section: plain `send` only rehearses, the server sees no connection", async () => {
    const server = await smtpServer();
    const dir = await makeTempDir();
    expect((await runInProcess(["init", dir])).code).toBe(0);
    // The organiser adds the example campaign and fills in the smtp section of the config init wrote.
    for (const sub of ["campaigns", "templates"])
      await cp(join(REPO_ROOT, sub), join(dir, sub), {
        recursive: true,
        filter: (src) => !/(outbox|ledger\.jsonl|\.lock|report\.html)$/.test(src),
      });
    for (const f of ["directory.csv", "partners.csv"])
      await cp(join(REPO_ROOT, "contacts", f), join(dir, "contacts", f));
    const config = JSON.parse(await readFile(join(dir, "config.json"), "utf8")) as Record<string, object>;
    expect(config.smtp).toMatchObject({ host: expect.stringMatching(/\.invalid$/) as unknown });
    config.smtp = { ...config.smtp, host: "127.0.0.1", port: server.port, security: "none" };
    await writeFile(join(dir, "config.json"), JSON.stringify(config));

    const run = await runInProcess(["send", ID], { workspace: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("rehearsal (no --transport smtp given)");
    expect(server.connections).toBe(0);
    expect(await attempts(dir)).toHaveLength(0);
  });

  it("nothing listening: exit 3 at once, naming host:port and the reason, nothing recorded", async () => {
    const workspace = await copyExampleWorkspace();
    const port = await freePort();
    await configure(workspace, port);
    const started = Date.now();
    const run = await runInProcess(["send", ID, "--transport", "smtp", "--yes", "--allow-unreviewed"], {
      workspace,
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("E_SMTP_UNREACHABLE");
    expect(run.stderr).toContain(`127.0.0.1:${port}`);
    expect(run.stderr).toMatch(/connection refused/);
    expect(run.stderr).toMatch(/hint: .*smtp\.port/);
    expect(await attempts(workspace)).toHaveLength(0);
  });

  it("a server that accepts the connection but never greets: exit 3 after the timeout, nothing recorded", async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((s) => sockets.add(s));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    cleanups.push(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    });
    const port = (silent.address() as { port: number }).port;
    const workspace = await copyExampleWorkspace();
    await configure(workspace, port, { connectionTimeoutMs: 1000 });
    const run = await runInProcess(["send", ID, "--transport", "smtp", "--yes", "--allow-unreviewed"], {
      workspace,
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`E_SMTP_UNREACHABLE`);
    expect(run.stderr).toContain(`127.0.0.1:${port}`);
    expect(run.stderr).toMatch(/no answer/);
    expect(await attempts(workspace)).toHaveLength(0);
  });

  it("Ctrl-C during --limit 3 --country CH: the hint repeats exactly what was typed and says what it will do", async () => {
    const controller = new AbortController();
    const server = await smtpServer({ replyDelayMs: 30, afterData: () => (controller.abort(), "accept") });
    const workspace = await copyExampleWorkspace();
    await configure(workspace, server.port);
    const csv = join(workspace, "ch.csv");
    await writeFile(
      csv,
      "country,organisation,name,email,language\n" +
        [1, 2, 3, 4]
          .map((i) => `CH,Federal Office of Communications (example),Person ${i},p${i}@bakom.ch.example,en`)
          .join("\n") +
        "\n",
    );
    expect((await runInProcess(["directory", "import", csv], { workspace })).code).toBe(0);
    await reviewFrench(workspace);
    const typed = [
      "-w",
      workspace,
      "send",
      ID,
      "--transport",
      "smtp",
      "--yes",
      "--limit",
      "3",
      "--country",
      "CH",
    ];
    const run = await runInProcess(typed, { signal: controller.signal });
    expect(run.code, run.stderr).toBe(1);
    const hint = /Resume with:\n {2}(.+)\n {2}\((.+)\)/.exec(run.stderr);
    expect(hint, run.stderr).not.toBeNull();
    const [, command, words] = hint ?? [];
    expect(command).toBe(`outreach -w ${workspace} send ${ID} --transport smtp --country CH --limit 3 --yes`);
    expect(command).not.toMatch(/--allow-unreviewed|--retry-uncertain/);
    // CH has five contacts (the example's one and four imported): one went, three more per run.
    expect(words).toBe("sends the next 3 of the 4 remaining messages (--limit 3)");
    expect(server.accepted).toHaveLength(1);
  });

  it("a server that drops every connection after DATA: the run stops after the failures in a row, exit 1", async () => {
    const server = await smtpServer({ afterData: () => "drop" });
    const workspace = await copyExampleWorkspace();
    await configure(workspace, server.port, {}, { pauseAfterConsecutiveFailures: 3 });
    const run = await runInProcess(["send", ID, "--transport", "smtp", "--yes", "--allow-unreviewed"], {
      workspace,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/stopped after 3 failures in a row; the last: /);
    expect(server.received).toHaveLength(3);
    const { events } = await readLedger(join(workspace, "campaigns", ID, "ledger.jsonl"));
    expect(countStates(foldLedger(events)).uncertain).toBe(3);
  });

  it("--no-wait ends the run when only a domain's hourly cap is left to wait for, and says until when", async () => {
    const server = await smtpServer();
    const workspace = await copyExampleWorkspace();
    await configure(workspace, server.port, {}, { perDomainPerHour: 1 });
    const csv = join(workspace, "ch.csv");
    await writeFile(
      csv,
      "country,organisation,name,email,language\n" +
        [1, 2, 3].map((i) => `CH,OFCOM (example),Person ${i},p${i}@bakom.ch.example,en`).join("\n") +
        "\n",
    );
    expect((await runInProcess(["directory", "import", csv], { workspace })).code).toBe(0);
    await reviewFrench(workspace);
    const run = await runInProcess(
      ["send", ID, "--transport", "smtp", "--yes", "--country", "CH", "--no-wait"],
      {
        workspace,
      },
    );
    expect(run.code, run.stderr).toBe(1);
    // One to the example's CH ministry (ofcom.ch.example), one to bakom.ch.example; two wait for the hour.
    // A wait that ends after midnight names the day too (CI once ran this at 23:50).
    expect(server.accepted).toHaveLength(2);
    expect(run.stderr).toMatch(
      /stopped \(--no-wait\): the rest must wait until (\d{4}-\d\d-\d\d )?\d\d:\d\d(:\d\d)? for the hourly cap for the domain bakom\.ch\.example/,
    );
    expect(run.stderr).toContain(`send ${ID} --transport smtp --country CH --yes --no-wait`);
    expect(run.stderr).toContain("(sends the 2 remaining messages)");
    expect(await attempts(workspace)).toHaveLength(2);
  });
});
