/**
 * The fixture site on a real `node:http` server (127.0.0.1:0), with ETag / Last-Modified and 304s, the
 * faults the description asks for, and a request log. A second server on 127.0.0.2 plays "another
 * host" for the off-host redirect; both log into the same list so tests can assert it was never hit.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { renderOversized, renderSite, type RenderedPage } from "./render-site.js";
import type { Fault, SiteDescription } from "./site-description.js";

export interface LoggedRequest {
  server: "site" | "other";
  host: string;
  path: string;
  status: number;
  userAgent: string;
  conditional: boolean;
}

export interface FixtureSite {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** `127.0.0.1:PORT`, the allowlist entry for this site. */
  hostPort: string;
  otherOrigin: string;
  listUrl: string;
  log: LoggedRequest[];
  /** Replace a page's body (it gets a new ETag and Last-Modified). */
  updatePage(path: string, body: string): void;
  pageBody(path: string): string | undefined;
  close(): Promise<void>;
}

interface StoredPage extends RenderedPage {
  etag: string;
  lastModified: string;
}

export async function startFixtureSite(site: SiteDescription): Promise<FixtureSite> {
  const log: LoggedRequest[] = [];
  const pages = new Map<string, StoredPage>();
  let version = Date.UTC(2025, 5, 1);
  const store = (path: string, page: RenderedPage) => {
    version += 1000;
    pages.set(path, {
      ...page,
      etag: `"${createHash("sha1").update(page.body).digest("hex").slice(0, 16)}"`,
      lastModified: new Date(version).toUTCString(),
    });
  };
  for (const [path, page] of renderSite(site)) store(path, page);

  const faults = new Map<string, Fault>();
  const served = new Map<string, number>();
  for (const c of site.countries) {
    if (c.fault) faults.set(c.path, c.fault);
    for (const m of c.ministries) if (m.fault && m.path) faults.set(m.path, m.fault);
  }
  const oversized = new Map<string, string>();

  const other = await listen("127.0.0.2", (req, res) => {
    log.push({
      server: "other",
      host: req.headers.host ?? "",
      path: req.url ?? "",
      status: 200,
      userAgent: req.headers["user-agent"] ?? "",
      conditional: false,
    });
    res.writeHead(200, { "content-type": "text/html" }).end("<p>other host</p>");
  });
  const otherOrigin = `http://127.0.0.2:${other.port}`;

  const main = await listen("127.0.0.1", (req, res) => {
    const path = req.url ?? "/";
    const conditional =
      req.headers["if-none-match"] !== undefined || req.headers["if-modified-since"] !== undefined;
    const reply = (status: number, headers: Record<string, string>, body?: string) => {
      log.push({
        server: "site",
        host: req.headers.host ?? "",
        path,
        status,
        userAgent: req.headers["user-agent"] ?? "",
        conditional,
      });
      res.writeHead(status, headers).end(body);
    };
    const fault = faults.get(path);
    const count = (served.get(path) ?? 0) + 1;
    served.set(path, count);
    if (fault?.kind === "retry-after" && count <= fault.times)
      return reply(429, { "retry-after": String(fault.seconds) }, "slow down");
    if (fault?.kind === "error-then-ok" && count <= fault.times)
      return reply(fault.status, {}, "temporary fault");
    if (fault?.kind === "redirect-off-host") return reply(302, { location: `${otherOrigin}${fault.path}` });
    if (fault?.kind === "slow") {
      log.push({
        server: "site",
        host: req.headers.host ?? "",
        path,
        status: 200,
        userAgent: req.headers["user-agent"] ?? "",
        conditional,
      });
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html><body>");
      const timer = setTimeout(() => res.end("<p>finally</p></body></html>"), fault.ms);
      res.on("close", () => clearTimeout(timer));
      return;
    }
    if (fault?.kind === "oversized") {
      let body = oversized.get(path);
      if (body === undefined) {
        body = renderOversized(fault.bytes);
        oversized.set(path, body);
      }
      return reply(200, { "content-type": "text/html" }, body);
    }
    const page = pages.get(path);
    if (!page) return reply(404, { "content-type": "text/plain" }, "not found");
    const validators = { etag: page.etag, "last-modified": page.lastModified };
    const inm = req.headers["if-none-match"];
    const ims = req.headers["if-modified-since"];
    if (
      (inm !== undefined && inm === page.etag) ||
      (inm === undefined && ims !== undefined && Date.parse(ims) >= Date.parse(page.lastModified))
    ) {
      return reply(304, validators);
    }
    return reply(200, { ...validators, "content-type": page.contentType }, page.body);
  });
  const origin = `http://127.0.0.1:${main.port}`;
  return {
    origin,
    hostPort: `127.0.0.1:${main.port}`,
    otherOrigin,
    listUrl: `${origin}${site.listPath}`,
    log,
    updatePage: (path, body) => {
      const current = pages.get(path);
      store(path, { body, contentType: current?.contentType ?? "text/html; charset=utf-8" });
    },
    pageBody: (path) => pages.get(path)?.body,
    close: async () => {
      await Promise.all([main.close(), other.close()]);
    },
  };
}

interface Listening {
  port: number;
  close(): Promise<void>;
}

async function listen(
  host: string,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Listening> {
  const sockets = new Set<Socket>();
  const server: Server = createServer(handler);
  server.keepAliveTimeout = 5000;
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
