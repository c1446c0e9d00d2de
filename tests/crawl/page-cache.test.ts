import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  cacheFileName,
  createFsPageCache,
  createFsParsedPageStore,
} from "../../src/directory/crawl/page-cache.fs.js";
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

  it("stores parsed pages as JSON and reads damage as a miss", async () => {
    const dir = await makeTempDir();
    const store = createFsParsedPageStore(dir);
    await store.write("k1", { records: [], links: [] });
    expect(await store.read("k1")).toEqual({ records: [], links: [] });
    await writeFile(join(dir, "parsed", "k1.json"), "{");
    expect(await store.read("k1")).toBeUndefined();
    expect(await store.read("missing")).toBeUndefined();
  });
});
