/**
 * A real IMAP server for tests: Debian's Dovecot (`dovecot-imapd`, installed by the pretest step), started
 * in the foreground (`dovecot -F -c <conf>`) with a throwaway config in a fresh temp folder: its runtime
 * sockets (base_dir), state, log and mail all live there, so it touches no system service or file. It
 * listens on 127.0.0.1 at a free port, with one user (passwd-file, a known password) whose mail is a
 * maildir under the temp folder; TLS is off (loopback only), so are the delays after a failed login.
 *
 * As root, Dovecot refuses to run its login processes as root: they run as `dovenull`, its internal ones
 * as `dovecot` (the users the package makes), and the mail as nobody:nogroup, which owns the maildir.
 * As another user, everything runs as that user, without chroot.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { ImapFlow } from "imapflow";
import { freePort } from "./smtp.js";

export const DOVECOT = "/usr/sbin/dovecot";

export interface DovecotServer {
  host: "127.0.0.1";
  port: number;
  user: string;
  password: string;
  /** The temp folder holding config, sockets, log and mail (removed by `stop`). */
  dir: string;
  /** The user's maildir (INBOX is its root). */
  maildir: string;
  /** Dovecot's log so far, to show when something fails. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

export interface DovecotOptions {
  user?: string;
  /** No `:` (the passwd-file separator). */
  password?: string;
}

/** The Unix users Dovecot's processes and the mail run as (see the header). */
function processUsers(): { internal: string; login: string; uid: number; gid: number } {
  if (process.getuid?.() !== 0) {
    const me = userInfo();
    return { internal: me.username, login: me.username, uid: me.uid, gid: me.gid };
  }
  const passwd = spawnSync("getent", ["passwd", "dovecot", "dovenull"], { encoding: "utf8" }).stdout;
  const has = (name: string) => passwd.split("\n").some((l) => l.startsWith(`${name}:`));
  return {
    internal: has("dovecot") ? "dovecot" : "nobody",
    login: has("dovenull") ? "dovenull" : "nobody",
    uid: 65534,
    gid: 65534,
  };
}

/** The config, in Dovecot 2.3's syntax (2.4 renamed most settings; Debian 12 ships 2.3). */
function dovecotConf(dir: string, port: number, users: ReturnType<typeof processUsers>): string {
  // Only root may chroot: as another user, the login and anvil processes run without one.
  const chroot = process.getuid?.() === 0 ? "" : "  chroot =\n";
  return `# Written by tests/helpers/dovecot.ts for one test run.
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = ${users.internal}
default_internal_group = ${users.internal === "nobody" ? "nogroup" : users.internal}
default_login_user = ${users.login}
first_valid_uid = ${Math.min(users.uid, 500)}
first_valid_gid = ${Math.min(users.gid, 500)}
mail_location = maildir:${dir}/mail/%u
service imap-login {
${chroot}  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
# No growing delay after failed logins (the wrong-password tests log in wrongly more than once).
service anvil {
${chroot}  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}
`;
}

export async function startDovecot(options: DovecotOptions = {}): Promise<DovecotServer> {
  const version = spawnSync(DOVECOT, ["--version"], { encoding: "utf8" }).stdout ?? "";
  if (!version.startsWith("2.3."))
    throw new Error(
      `tests/helpers/dovecot.ts writes a Dovecot 2.3 config; ${DOVECOT} is "${version.trim()}"`,
    );
  const user = options.user ?? "tester";
  const password = options.password ?? "Kq8-zV3t-w9Lm";
  const dir = await mkdtemp(join(tmpdir(), "outreach-dovecot-"));
  const users = processUsers();
  // Dovecot's auth process (internal user) reads the passwd file; the mail user must reach its maildir.
  await chmod(dir, 0o755);
  await mkdir(join(dir, "mail"));
  if (process.getuid?.() === 0) await chown(join(dir, "mail"), users.uid, users.gid);
  await writeFile(
    join(dir, "passwd"),
    `${user}:{PLAIN}${password}:${users.uid}:${users.gid}::${dir}/mail/${user}::\n`,
    { mode: 0o644 },
  );
  const log = () => readFile(join(dir, "dovecot.log"), "utf8").catch(() => "");
  const failures: string[] = [];
  for (let tries = 0; tries < 5; tries++) {
    const port = await freePort();
    await writeFile(join(dir, "dovecot.conf"), dovecotConf(dir, port, users));
    const child = spawn(DOVECOT, ["-F", "-c", join(dir, "dovecot.conf")], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((r) => child.once("close", () => r()));
    if (await greets(port, exited)) {
      return {
        host: "127.0.0.1",
        port,
        user,
        password,
        dir,
        maildir: join(dir, "mail", user),
        log,
        stop: async () => {
          await stopChild(child, exited);
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
    await stopChild(child, exited);
    const why = `${stderr}\n${await log()}`.trim();
    failures.push(`try ${tries + 1} (port ${port}): ${why || "no greeting"}`);
    // Only a port someone took meanwhile is worth another try; a bad config fails the same way again.
    if (!/address already in use/i.test(why)) break;
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error(`dovecot did not start:\n${failures.join("\n")}`);
}

/** True once Dovecot's own greeting comes from the port (not merely something listening there), within 15 s. */
async function greets(port: number, exited: Promise<void>): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 15_000;
  while (!gone && Date.now() < deadline) {
    const greeting = await new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      let text = "";
      socket.setTimeout(1000, () => socket.destroy());
      socket.on("data", (d: Buffer) => {
        text += d.toString();
        if (text.includes("\n")) socket.destroy();
      });
      socket.on("error", () => undefined);
      socket.on("close", () => resolve(text));
    });
    if (/^\* OK .*Dovecot/i.test(greeting)) return true;
    await delay(50);
  }
  return false;
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

/** A logged-in imapflow client for setting the test mailbox up and checking it (not the code under test). */
export async function imapClient(server: DovecotServer): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: server.user, pass: server.password },
    logger: false,
    disableAutoIdle: true,
  });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

/** Deliver messages into a folder (made if missing) with APPEND, as a mail server's delivery would. */
export async function appendMessages(
  server: DovecotServer,
  messages: readonly (Buffer | string)[],
  folder = "INBOX",
): Promise<void> {
  const client = await imapClient(server);
  try {
    if (folder !== "INBOX") await client.mailboxCreate(folder);
    for (const m of messages) await client.append(folder, m);
  } finally {
    await client.logout();
  }
}

/** How many messages a folder holds (STATUS), and its UIDVALIDITY. */
export async function folderStatus(
  server: DovecotServer,
  folder = "INBOX",
): Promise<{ messages: number; uidValidity: number }> {
  const client = await imapClient(server);
  try {
    const s = await client.status(folder, { messages: true, uidValidity: true });
    if (!s) throw new Error(`no STATUS for ${folder}`);
    return { messages: s.messages ?? 0, uidValidity: Number(s.uidValidity ?? 0) };
  } finally {
    await client.logout();
  }
}
