// Installs the Debian packages the tests need (chromium for browser tests and PDFs, postfix for smtp-sink,
// Dovecot's IMAP server for `inbox fetch`, poppler-utils to read PDFs back, gettext's msgfmt to check PO files,
// dnsmasq as a loopback DNS server for the pre-flight checks) when they are missing. Runs as `pretest`, so `npm test` works on a fresh
// Debian machine as root. The tests start Dovecot themselves, with a throwaway config in a temp folder
// (tests/helpers/dovecot.ts); the system's own Dovecot service is never used.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const needed = [
  { pkg: "chromium", present: () => existsSync("/usr/bin/chromium") },
  { pkg: "postfix", present: () => existsSync("/usr/sbin/smtp-sink") },
  {
    pkg: "dovecot-imapd",
    present: () => existsSync("/usr/sbin/dovecot") && existsSync("/usr/lib/dovecot/imap"),
  },
  {
    pkg: "poppler-utils",
    present: () => existsSync("/usr/bin/pdftotext") && existsSync("/usr/bin/pdftoppm"),
  },
  { pkg: "gettext", present: () => existsSync("/usr/bin/msgfmt") },
  { pkg: "dnsmasq-base", present: () => existsSync("/usr/sbin/dnsmasq") },
];
const missing = needed.filter((n) => !n.present()).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
if (!isRoot || !hasApt) {
  console.error(
    `Tests need the Debian packages: ${missing.join(" ")}. Install them with: sudo apt-get install -y ${missing.join(" ")}`,
  );
  process.exit(1);
}
console.error(`Installing Debian packages for the tests: ${missing.join(" ")}`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
// postfix asks questions during install; preseed "No configuration".
spawnSync(
  "sh",
  ["-c", "echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections"],
  { env, stdio: "inherit" },
);
execFileSync("apt-get", ["update", "-q"], { env, stdio: "inherit" });
execFileSync("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...missing], {
  env,
  stdio: "inherit",
});
