import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheBodyFileName, createFsPageCache } from "../../src/directory/crawl/page-cache.fs.js";
import { createFsParsedPageStore } from "../../src/directory/crawl/parsed-page-store.fs.js";
import { decodeBody } from "../../src/directory/crawl/polite-fetcher.js";
import { makeTempDir } from "../helpers/cli.js";

const meta = {
  url: "http://127.0.0.1:1/a?b=1",
  etag: '"abc"',
  lastModified: "Sun, 01 Jun 2025 00:00:00 GMT",
  contentType: "text/html; charset=utf-8",
  retrievedAt: 1_700_000_000_000,
};
const body = new TextEncoder().encode("<p>héllo</p>");

describe("fs page cache", () => {
  it("round-trips validators and body across instances and leaves no temp files", async () => {
    const dir = await makeTempDir();
    const cache = createFsPageCache(dir);
    expect(await cache.lookup(meta.url)).toBeUndefined();
    const stored = await cache.write(meta, body);
    await cache.close();
    const again = createFsPageCache(dir);
    const back = await again.lookup(meta.url);
    expect(back).toEqual({ ...meta, digest: stored.digest });
    expect(Buffer.from((await again.readBody(back!))!).toString("utf8")).toBe("<p>héllo</p>");
    expect((await readdir(dir)).sort()).toEqual([cacheBodyFileName(meta.url), "index.jsonl"].sort());
  });

  it("reads a damaged or missing body as missing, and a torn index line as no entry", async () => {
    const dir = await makeTempDir();
    const cache = createFsPageCache(dir);
    const stored = await cache.write(meta, body);
    const file = join(dir, cacheBodyFileName(meta.url));
    await writeFile(file, "<p>tampered</p>");
    expect(await cache.readBody(stored)).toBeUndefined();
    await rm(file);
    expect(await cache.readBody(stored)).toBeUndefined();
    await cache.close();

    await writeFile(
      join(dir, "index.jsonl"),
      JSON.stringify({ k: meta.url, v: { ...meta, digest: stored.digest } }).slice(0, 40),
    );
    expect(await createFsPageCache(dir).lookup(meta.url)).toBeUndefined();
  });

  it("keeps parsed pages across runs in one JSON Lines file, skipping a torn line", async () => {
    const dir = await makeTempDir();
    const first = createFsParsedPageStore(dir);
    expect(await first.read("k1")).toBeUndefined();
    await first.write("k1", { records: [], links: [] });
    await first.write("k2", { records: [], links: [{ url: "x" }] });
    await first.close();
    await writeFile(
      join(dir, "parsed.jsonl"),
      (await readFile(join(dir, "parsed.jsonl"), "utf8")) + '{"k":"k3","v":{"rec',
    );
    const second = createFsParsedPageStore(dir);
    expect(await second.read("k1")).toEqual({ records: [], links: [] });
    expect(await second.read("k2")).toEqual({ records: [], links: [{ url: "x" }] });
    expect(await second.read("k3")).toBeUndefined();
    await second.close();
  });

  it("rewrites the file when most of its lines are superseded", async () => {
    const dir = await makeTempDir();
    const store = createFsParsedPageStore(dir);
    for (let i = 0; i < 5; i++) await store.write("same", { n: i });
    await store.close();
    const lines = (await readFile(join(dir, "parsed.jsonl"), "utf8")).trim().split("\n");
    expect(lines).toEqual([JSON.stringify({ k: "same", v: { n: 4 } })]);
  });
});

describe("decodeBody", () => {
  it("uses the header charset, else a meta charset, else UTF-8", () => {
    const latin = Buffer.from('<meta charset="windows-1252"><p>Ministère</p>', "latin1");
    expect(decodeBody(latin, "text/html")).toContain("Ministère");
    expect(decodeBody(Buffer.from("<p>Ministère</p>", "latin1"), "text/html; charset=ISO-8859-1")).toBe(
      "<p>Ministère</p>",
    );
    expect(decodeBody(Buffer.from("<p>Ministère</p>", "utf8"), undefined)).toBe("<p>Ministère</p>");
  });
});
