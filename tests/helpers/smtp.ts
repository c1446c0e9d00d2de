/**
 * Real SMTP servers for tests, on 127.0.0.1 with a free port:
 * - `startScriptedSmtpServer`: smtp-server scripted to misbehave (421 greeting, 4xx/5xx on RCPT, 5xx after
 *   DATA, dropping the connection after DATA before replying, slow replies, 535 on AUTH (or any reply a
 *   script decides per login, such as a 535 that echoes the credentials), STARTTLS with a given certificate);
 * - `startSmtpSink`: Postfix's `smtp-sink`, an independent SMTP implementation, dumping each message to a file.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readFile, readlink, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface ScriptedReply {
  code: number;
  message: string;
}

export interface ScriptedSmtpOptions {
  /** Reply 421 to every connection instead of a greeting. */
  greeting421?: boolean;
  /** Greet the first N connections (e.g. the sender's pre-flight), then reply 421 to every later one. */
  greeting421After?: number;
  /** Return a reply to refuse a recipient (e.g. 451, 452, 550); undefined accepts it. */
  onRcpt?: (address: string, session: SMTPServerSession) => ScriptedReply | undefined;
  /** After the message was received: accept, refuse with a reply (e.g. 554), or drop the connection without a reply. */
  afterData?: (message: ReceivedMessage, session: SMTPServerSession) => "accept" | "drop" | ScriptedReply;
  /** Wait this long before each reply to RCPT and DATA (a slow server). */
  replyDelayMs?: number;
  /** Require authentication with these credentials; anything else gets 535. */
  auth?: { user: string; pass: string };
  /**
   * Require authentication and decide each login (`attempt` counts from 1): accept it, or refuse it with
   * this reply (e.g. a 535 that echoes what the client sent). Takes the place of `auth`.
   */
  onAuth?: (
    login: { method: string; username: string; password: string },
    attempt: number,
  ) => "accept" | ScriptedReply;
  /** The AUTH mechanisms offered (smtp-server's default: PLAIN and LOGIN; nodemailer picks PLAIN first). */
  authMethods?: string[];
  /** Offer STARTTLS with this key and certificate (PEM). Without it STARTTLS is not offered. */
  tls?: { key: string; cert: string };
}

export interface ScriptedSmtpServer {
  port: number;
  /** Messages the server accepted (replied 250 to). */
  accepted: ReceivedMessage[];
  /** Messages the server received completely, whatever it replied (including dropped ones). */
  received: ReceivedMessage[];
  authAttempts: number;
  /** TCP connections the server has accepted (including refused greetings). */
  connections: number;
  close(): Promise<void>;
}

function replyError(r: ScriptedReply): Error {
  return Object.assign(new Error(r.message), { responseCode: r.code });
}

export async function startScriptedSmtpServer(
  options: ScriptedSmtpOptions = {},
): Promise<ScriptedSmtpServer> {
  const accepted: ReceivedMessage[] = [];
  const received: ReceivedMessage[] = [];
  const state = { authAttempts: 0, connections: 0 };
  const wait = () => (options.replyDelayMs ? delay(options.replyDelayMs) : Promise.resolve());
  const server: SMTPServer = new SMTPServer({
    logger: false,
    secure: false,
    closeTimeout: 100,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : { disabledCommands: ["STARTTLS"] }),
    authOptional: !options.auth && !options.onAuth,
    ...(options.auth || options.onAuth ? { allowInsecureAuth: !options.tls } : {}),
    ...(options.authMethods ? { authMethods: options.authMethods } : {}),
    onConnect(_session, callback) {
      state.connections += 1;
      if (
        options.greeting421 ||
        (options.greeting421After !== undefined && state.connections > options.greeting421After)
      )
        return callback(replyError({ code: 421, message: "4.3.2 Service not available, closing channel" }));
      callback();
    },
    onAuth(auth, _session, callback) {
      state.authAttempts += 1;
      if (options.onAuth) {
        const login = { method: auth.method, username: auth.username ?? "", password: auth.password ?? "" };
        const decision = options.onAuth(login, state.authAttempts);
        if (decision === "accept") return callback(null, { user: login.username });
        return callback(replyError(decision));
      }
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass)
        return callback(null, { user: auth.username });
      callback(replyError({ code: 535, message: "5.7.8 Authentication credentials invalid" }));
    },
    onRcptTo(address, session, callback) {
      void wait().then(() => {
        const r = options.onRcpt?.(address.address, session);
        callback(r ? replyError(r) : undefined);
      });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        void wait().then(() => {
          const message: ReceivedMessage = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          };
          received.push(message);
          const decision = options.afterData?.(message, session) ?? "accept";
          if (decision === "drop") {
            for (const c of (
              server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }
            ).connections) {
              if (c.id === session.id) c._socket.destroy();
            }
            return;
          }
          if (decision !== "accept") return callback(replyError(decision));
          accepted.push(message);
          callback(null, `2.0.0 Ok: queued as T${accepted.length}`);
        });
      });
    },
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
  return {
    port,
    accepted,
    received,
    get authAttempts() {
      return state.authAttempts;
    },
    get connections() {
      return state.connections;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A free TCP port on 127.0.0.1 (for servers that cannot listen on port 0 and report it). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export const SMTP_SINK = "/usr/sbin/smtp-sink";

export interface SmtpSink {
  port: number;
  dumpDir: string;
  /**
   * Messages dumped so far: the sink's envelope lines and the message as received. `complete` is false
   * for a transaction cut off before the end of the message (its multipart closing boundary is missing).
   */
  messages(): Promise<{ file: string; rcpt: string[]; raw: string; complete: boolean }[]>;
  stop(): Promise<void>;
}

/**
 * Start Postfix's smtp-sink on 127.0.0.1, dumping each transaction to its own file in a fresh temp folder.
 * The sink listens on port 0 and the port it got is read from /proc, so no other test can take it between
 * a port being chosen and the sink binding it. Without /proc (not Linux) a free port is chosen first, and a
 * sink that exits at start because someone took it meanwhile (EADDRINUSE) is started again on another.
 */
export async function startSmtpSink(options: { extraArgs?: string[] } = {}): Promise<SmtpSink> {
  const base = await mkdtemp(join(tmpdir(), "outreach-sink-"));
  const dumpDir = join(base, "dump");
  await mkdir(dumpDir, { recursive: true });
  // smtp-sink drops privileges when started as root; that user must reach and write the dump folder.
  await chmod(base, 0o755);
  await chmod(dumpDir, 0o777);
  const asRoot = process.getuid?.() === 0;
  const withProc = await stat("/proc/self/net/tcp").then(
    () => true,
    () => false,
  );
  const failures: string[] = [];
  for (let tries = 0; tries < 5; tries++) {
    const requested = withProc ? 0 : await freePort();
    const args = [
      ...(asRoot ? ["-u", "nobody"] : []),
      ...(options.extraArgs ?? []),
      "-d",
      `${dumpDir}/msg.`,
      `127.0.0.1:${requested}`,
      "64",
    ];
    const child: ChildProcess = spawn(SMTP_SINK, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number>((r) => child.once("close", (c) => r(c ?? -1)));
    let gone = false;
    void exited.then(() => (gone = true));
    const port = await Promise.race([
      withProc ? sinkPort(child, () => gone) : waitForPort(requested).then(() => requested),
      exited.then(() => undefined),
    ]);
    // The sink must still be the one listening: a port that opened for someone else does not count.
    if (port !== undefined && !gone && (withProc || (await listenedBy(child, port)))) {
      return sinkAt(port, dumpDir, child, exited);
    }
    if (!gone) {
      child.kill("SIGKILL");
      await exited;
    }
    failures.push(`try ${tries + 1} (port ${requested}): ${stderr.trim() || "no port"}`);
    // Only a port taken meanwhile is worth another try; a bad argument would fail the same way again.
    if (!/address already in use/i.test(stderr)) break;
  }
  throw new Error(`smtp-sink did not start:\n${failures.join("\n")}`);
}

function sinkAt(port: number, dumpDir: string, child: ChildProcess, exited: Promise<number>): SmtpSink {
  return {
    port,
    dumpDir,
    async messages() {
      const files = (await readdir(dumpDir)).filter((f) => f.startsWith("msg.")).sort();
      const out = [];
      for (const file of files) {
        const text = await readFile(join(dumpDir, file), "utf8");
        const rcpt = [...text.matchAll(/^X-Rcpt-Args: <([^>]*)>/gm)].map((m) => m[1] ?? "");
        const boundary = /boundary="?([^";\r\n]+)"?/i.exec(text)?.[1];
        const complete = boundary ? text.includes(`--${boundary}--`) : /\r?\n\r?\n[\s\S]*\S/.test(text);
        out.push({ file, rcpt, raw: text, complete });
      }
      return out;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

/** The TCP port a process listens on, from /proc: its socket descriptors matched to the listening sockets. */
async function listeningPort(pid: number): Promise<number | undefined> {
  const inodes = new Set<string>();
  for (const fd of await readdir(`/proc/${pid}/fd`).catch(() => [])) {
    const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
    const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
    if (inode) inodes.add(inode);
  }
  if (inodes.size === 0) return undefined;
  const table = await readFile(`/proc/${pid}/net/tcp`, "utf8").catch(() => "");
  for (const line of table.split("\n").slice(1)) {
    // sl local_address rem_address st … inode; st 0A is LISTEN.
    const cols = line.trim().split(/\s+/);
    const local = cols[1]?.split(":")[1];
    if (cols[3] === "0A" && local && inodes.has(cols[9] ?? "")) return parseInt(local, 16);
  }
  return undefined;
}

/** Wait until the sink (spawned on port 0) listens, and return its port; undefined if it exits first. */
async function sinkPort(child: ChildProcess, gone: () => boolean): Promise<number | undefined> {
  for (let i = 0; i < 400 && !gone(); i++) {
    const port = child.pid === undefined ? undefined : await listeningPort(child.pid);
    if (port !== undefined) return port;
    await delay(25);
  }
  return undefined;
}

/** Whether the port is listened on by this child (where /proc can tell; elsewhere trust the connect). */
async function listenedBy(child: ChildProcess, port: number): Promise<boolean> {
  if (child.pid === undefined) return false;
  const own = await listeningPort(child.pid);
  return own === undefined || own === port;
}

async function waitForPort(port: number): Promise<void> {
  const { connect } = await import("node:net");
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, "127.0.0.1");
      s.once("connect", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    await delay(25);
  }
  throw new Error(`port ${port} never opened`);
}
