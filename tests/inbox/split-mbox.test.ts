import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readMailbox } from "../../src/inbox/read-mailbox.fs.js";
import { isMbox, joinMbox, splitMbox } from "../../src/inbox/split-mbox.js";
import { makeTempDir } from "../helpers/cli.js";

describe("mbox", () => {
  it("splits on From_ lines after an empty line and unescapes >From", () => {
    const mbox = [
      "From a@sender.example Mon Nov  5 09:00:00 2012",
      "Subject: one",
      "",
      "Hello",
      ">From the ministry, greetings",
      "",
      "From b@sender.example Mon Nov  5 09:01:00 2012",
      "Subject: two",
      "",
      "Body line",
      "From here on, an unescaped line inside a paragraph does not split",
      "",
    ].join("\n");
    const parts = splitMbox(Buffer.from(mbox, "latin1"));
    expect(parts).toHaveLength(2);
    expect(parts[0]?.toString()).toBe("Subject: one\n\nHello\nFrom the ministry, greetings\n");
    expect(parts[1]?.toString()).toContain("From here on");
  });

  it("round-trips bytes (UTF-8 bodies) through joinMbox and splitMbox", () => {
    const raw = Buffer.from("Subject: =?UTF-8?B?4Ka4?=\n\nআমি অফিসের বাইরে\nFrom Dhaka\n", "utf8");
    const joined = joinMbox([{ raw }, { raw: "Subject: x\n\nbody\n" }]);
    expect(isMbox(joined)).toBe(true);
    const parts = splitMbox(joined);
    expect(parts).toHaveLength(2);
    expect(parts[0]?.equals(raw)).toBe(true);
  });
});

describe("reading an mbox from disk", () => {
  it("streams a multi-megabyte mbox in chunks and returns every message byte for byte", async () => {
    const dir = await makeTempDir("outreach-mbox-");
    const raws = Array.from({ length: 4000 }, (_, i) =>
      Buffer.from(
        `Message-ID: <m${i}@x.example>\r\nSubject: n° ${i}\r\n\r\nFrom the ministry: ${"é".repeat(i % 700)}\r\n`,
        "utf8",
      ),
    );
    const path = join(dir, "big.mbox");
    await writeFile(path, joinMbox(raws.map((raw) => ({ raw }))));
    const read: Buffer[] = [];
    for await (const m of readMailbox(path)) read.push(m.raw);
    expect(read).toHaveLength(4000);
    // joinMbox normalises CRLF to LF; everything else comes back exactly, across chunk boundaries.
    expect(
      read.every((b, i) =>
        b.equals(Buffer.from((raws[i] ?? Buffer.alloc(0)).toString("utf8").replace(/\r\n/g, "\n"), "utf8")),
      ),
    ).toBe(true);
  });
});
