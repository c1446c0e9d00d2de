/**
 * A real DNS server for tests: Debian's dnsmasq (`dnsmasq-base`, installed by the pretest step), started in
 * the foreground on 127.0.0.1 at a free port with a throwaway config (`--conf-file`, nothing read from
 * /etc: `--no-resolv --no-hosts`, no pid file, no user switch). It answers only from the zone the test
 * gives it: `local=/test/` and `local=/example/` make every other name under those reserved domains
 * NXDOMAIN (a name that exists with other records answers NODATA), and a name elsewhere is refused.
 *
 * What the zone can hold, and the dnsmasq line each becomes:
 * - TXT (`txt-record=`; a text longer than 255 bytes is split into 255-byte strings, as DNS requires),
 * - MX (`mx-host=name,host,pref`), and the null MX of RFC 7505 (`mx-host=name,.,0`: dnsmasq writes the
 *   root name as the exchange, which resolvers return as ""),
 * - A records (`host-record=`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { Resolver } from "node:dns/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { freePort } from "./smtp.js";

export const DNSMASQ = "/usr/sbin/dnsmasq";

export interface DnsZone {
  /** name → the TXT record's text (one record per string in an array). */
  txt?: Record<string, string | string[]>;
  /** name → its mail exchangers. */
  mx?: Record<string, { host: string; preference?: number }[]>;
  /** Names that publish the null MX ("MX 0 ."): the domain accepts no mail. */
  nullMx?: string[];
  /** name → IPv4 address. */
  a?: Record<string, string>;
}

export interface DnsServer {
  host: "127.0.0.1";
  port: number;
  /** `127.0.0.1:<port>`, as `Resolver.setServers` and config.json's `dns.servers` take it. */
  address: string;
  /** dnsmasq's log so far, to show when something fails. */
  log(): string;
  stop(): Promise<void>;
}

/** One DNS character-string holds at most 255 bytes; longer TXT data is several strings. */
function txtStrings(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 255) out.push(text.slice(i, i + 255));
  return out.length ? out : [""];
}

const quote = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** The config lines for a zone (see the header for what each becomes). */
export function dnsmasqConf(port: number, zone: DnsZone): string {
  const lines = [
    "# Written by tests/helpers/dns-server.ts for one test run.",
    `port=${port}`,
    "listen-address=127.0.0.1",
    "bind-interfaces",
    "local=/test/",
    "local=/example/",
    "no-negcache",
    "local-ttl=0",
    "txt-record=ready.test,ready",
  ];
  for (const [name, texts] of Object.entries(zone.txt ?? {}))
    for (const text of [texts].flat())
      lines.push(`txt-record=${name},${txtStrings(text).map(quote).join(",")}`);
  for (const [name, hosts] of Object.entries(zone.mx ?? {}))
    for (const h of hosts) lines.push(`mx-host=${name},${h.host},${h.preference ?? 10}`);
  for (const name of zone.nullMx ?? []) lines.push(`mx-host=${name},.,0`);
  for (const [name, ip] of Object.entries(zone.a ?? {})) lines.push(`host-record=${name},${ip}`);
  return lines.join("\n") + "\n";
}

/** Start dnsmasq with this zone; resolves once it answers a query. */
export async function startDnsServer(zone: DnsZone): Promise<DnsServer> {
  const dir = await mkdtemp(join(tmpdir(), "outreach-dns-"));
  const failures: string[] = [];
  for (let tries = 0; tries < 5; tries++) {
    const port = await freePort();
    const conf = join(dir, "dnsmasq.conf");
    await writeFile(conf, dnsmasqConf(port, zone));
    const child = spawn(
      DNSMASQ,
      [
        "--no-daemon",
        "--no-resolv",
        "--no-hosts",
        `--conf-file=${conf}`,
        "--pid-file=",
        "--user=",
        "--log-facility=-",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let log = "";
    child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
    const exited = new Promise<number>((r) => child.once("close", (c) => r(c ?? -1)));
    let gone = false;
    void exited.then(() => (gone = true));
    if (await answers(port, () => gone)) return serverAt(port, child, exited, dir, () => log);
    if (!gone) {
      child.kill("SIGKILL");
      await exited;
    }
    failures.push(`try ${tries + 1} (port ${port}): ${log.trim() || "no answer"}`);
    if (!/address already in use/i.test(log)) break;
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error(`dnsmasq did not start:\n${failures.join("\n")}`);
}

/** Poll the server with the `ready.test` TXT query until it answers (or exits, or 5 s pass). */
async function answers(port: number, gone: () => boolean): Promise<boolean> {
  const resolver = new Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  for (let i = 0; i < 50 && !gone(); i++) {
    try {
      const txt = await resolver.resolveTxt("ready.test");
      if (txt.flat().includes("ready")) return true;
    } catch {
      await delay(100);
    }
  }
  return false;
}

function serverAt(
  port: number,
  child: ChildProcess,
  exited: Promise<number>,
  dir: string,
  log: () => string,
): DnsServer {
  return {
    host: "127.0.0.1",
    port,
    address: `127.0.0.1:${port}`,
    log,
    async stop() {
      child.kill("SIGTERM");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
