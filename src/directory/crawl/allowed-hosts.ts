/**
 * Which URLs the crawler may request. An allowlist entry is `hostname` or `hostname:port`:
 * - `hostname:port` matches exactly that host and port (e.g. `127.0.0.1:8080` for a local test site);
 * - a bare `hostname` matches that host on the scheme's default port only (80 for http, 443 for https).
 * Only http and https are ever allowed. Matching is on the parsed URL, case-insensitive.
 */

export function hostKey(url: URL): string {
  return url.host.toLowerCase();
}

export function isAllowedUrl(url: URL, allowedHosts: readonly string[]): boolean {
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  // URL.port is "" when the port is the scheme's default.
  const host = url.hostname.toLowerCase();
  for (const entry of allowedHosts) {
    const e = entry.trim().toLowerCase();
    const withPort = /^(.*):(\d+)$/.exec(e);
    if (withPort && !e.startsWith("[")) {
      const port = url.port === "" ? (url.protocol === "https:" ? "443" : "80") : url.port;
      if (withPort[1] === host && withPort[2] === port) return true;
    } else if (e === host && url.port === "") {
      return true;
    }
  }
  return false;
}
