/** The real page fetcher: undici `request` over a keep-alive agent; streams the body and stops at the size limit. */
import type { Agent, request as undiciRequest } from "undici";
import { FetchFailure, type FetchRequest, type FetchResponse, type PageFetcher } from "./page-fetcher.js";

export interface HttpFetcherOptions {
  /** Sockets kept per origin; the crawler's concurrency is the useful upper bound. */
  connectionsPerOrigin?: number;
}

export function createHttpPageFetcher(options: HttpFetcherOptions = {}): PageFetcher {
  // undici is loaded on first use, so that every other command starts without paying for it.
  let client: Promise<{ agent: Agent; request: typeof undiciRequest }> | undefined;
  const connect = () =>
    (client ??= import("undici").then((undici) => ({
      agent: new undici.Agent({ connections: options.connectionsPerOrigin ?? 4, keepAliveTimeout: 10_000 }),
      request: undici.request,
    })));
  return {
    fetch: async (req) => {
      const { agent, request } = await connect();
      return fetchOnce(agent, request, req);
    },
    close: async () => {
      if (client) await (await client).agent.close();
    },
  };
}

async function fetchOnce(
  agent: Agent,
  request: typeof undiciRequest,
  req: FetchRequest,
): Promise<FetchResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  const onOuterAbort = () => controller.abort();
  req.signal?.addEventListener("abort", onOuterAbort, { once: true });
  try {
    if (req.signal?.aborted) throw new FetchFailure("aborted", "crawl interrupted");
    const res = await request(req.url, {
      method: "GET",
      headers: req.headers,
      dispatcher: agent,
      signal: controller.signal,
    });
    const headers = flattenHeaders(res.headers);
    const declared = Number(headers["content-length"] ?? NaN);
    if (!req.truncateAtLimit && Number.isFinite(declared) && declared > req.maxBodyBytes) {
      res.body.destroy();
      throw tooLarge(req, declared);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      if (size + chunk.length > req.maxBodyBytes) {
        res.body.destroy();
        if (!req.truncateAtLimit) throw tooLarge(req, size + chunk.length);
        chunks.push(chunk.subarray(0, req.maxBodyBytes - size));
        const body = Buffer.concat(chunks, req.maxBodyBytes);
        return { status: res.statusCode, headers, body, truncated: true };
      }
      size += chunk.length;
      chunks.push(chunk);
    }
    return { status: res.statusCode, headers, body: Buffer.concat(chunks, size) };
  } catch (e) {
    if (e instanceof FetchFailure) throw e;
    if (timedOut) throw new FetchFailure("timeout", `no complete response within ${req.timeoutMs} ms`, e);
    if (req.signal?.aborted) throw new FetchFailure("aborted", "crawl interrupted", e);
    const code = (e as { code?: string }).code;
    throw new FetchFailure("network", `${code ?? "network error"}: ${(e as Error).message}`, e);
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener("abort", onOuterAbort);
  }
}

function tooLarge(req: FetchRequest, size: number): FetchFailure {
  return new FetchFailure("too-large", `body exceeds ${req.maxBodyBytes} bytes (${size} read)`);
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}
