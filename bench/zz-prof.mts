import { mkdtemp, cp, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { runCli } from "../src/cli/run.js";
const REPO = "/work/main";
const code = `
    import { SMTPServer } from "smtp-server";
    const server = new SMTPServer({ authOptional: true, disabledCommands: ["STARTTLS"], logger: false,
      onData(stream, _s, cb) { stream.on("data", () => {}); stream.on("end", () => cb(null, "2.0.0 Ok: queued")); } });
    server.listen(0, "127.0.0.1", () => console.log(server.server.address().port));`;
const child = spawn(process.execPath, ["--input-type=module", "-e", code], { cwd: REPO, stdio: ["ignore", "pipe", "inherit"] });
const port = await new Promise<number>((r) => child.stdout.once("data", (d: Buffer) => r(Number(d.toString().trim()))));
const ws = process.argv[2]!;
await writeFile(join(ws, "config.json"), JSON.stringify({ smtp: { host: "127.0.0.1", port, security: "none", maxConnections: 5 }, send: { perMinute: 1e7, perHour: 1e9, perDay: 1e9, perDomainPerHour: 1e9, burst: 1e6, concurrency: 10 } }));
await rm(join(ws, "campaigns/wcit-2012/ledger.jsonl"), { force: true });
const t = performance.now();
let err = "";
const c = await runCli(["send", "wcit-2012", "--transport", "smtp", "--yes", "--allow-unreviewed"], { workspace: ws, env: {}, interactive: false, stdout: () => {}, stderr: (s) => { err += s; if (s.startsWith("sending")) console.log("sending at", performance.now() - t); } });
console.log(c, performance.now() - t, err.slice(-300));
child.kill();
