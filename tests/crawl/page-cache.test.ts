import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheFileName, createFsPageCache } from "../../src/directory/crawl/page-cache.fs.js";
import { createFsParsedPageStore } from "../../src/directory/crawl/parsed-page-store.fs.js";
import { decodeBody } from "../../src/directory/crawl/polite-fetcher.js";
import { makeTempDir } from "../helpers/cli.js";

const page = {
  url: "http://127.0.0.1:1/a?b=1",
  etag: '"abc"',
  lastModified: "Sun, 01 Jun 2025 00:00:00 GMT",
  contentType: "text/html; charset=utf-8",
  retrievedAt: 1_700_000_000_000,
  body: new TextEncoder().encode("<p>héllo</p>"),
};

describe("fs page cache", () => {
  it("round-trips an entry with its validators and leaves no temp files", async () => {
    const dir = await makeTempDir();
    const cache = createFsPageCache(dir);
    expect(await cache.read(page.url)).toBeUndefined();
    await cache.write(page);
    const back = await cache.read(page.url);
    expect(back).toMatchObject({
      url: page.url,
      etag: page.etag,
      lastModified: page.lastModified,
      retrievedAt: page.retrievedAt,
    });
    expect(Buffer.from(back!.body).toString("utf8")).toBe("<p>héllo</p>");
    expect(await readdir(dir)).toEqual([cacheFileName(page.url)]);
  });

  it("reads a torn or tampered entry as a miss", async () => {
    const dir = await makeTempDir();
    const cache = createFsPageCache(dir);
    await cache.write(page);
    const file = join(dir, cacheFileName(page.url));
    const raw = await readFile(file);
    await writeFile(file, raw.subarray(0, raw.length - 3));
    expect(await cache.read(page.url)).toBeUndefined();
    await writeFile(file, Buffer.concat([raw.subarray(0, raw.length - 1), Buffer.from("X")]));
    expect(await cache.read(page.url)).toBeUndefined();
    await writeFile(file, "not json\n<p>");
    expect(await cache.read(page.url)).toBeUndefined();
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
