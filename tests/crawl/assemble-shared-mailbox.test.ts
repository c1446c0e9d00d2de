/**
 * Two people a ministry page lists at one address: the crawl output keeps both rows, and merging it (as
 * `runCrawl` does, through importDirectoryFile) gives one shared-mailbox contact listing both. Before,
 * the second person's name was silently lost when the rows were folded together.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { DIRECTORY_COLUMNS } from "../../src/contacts/contact-schema.js";
import { readDirectory } from "../../src/contacts/directory-store.fs.js";
import { assembleDirectoryRows } from "../../src/directory/crawl/assemble-directory-rows.js";
import type { CrawlResult } from "../../src/directory/crawl/crawl-site.js";
import { importDirectoryFile } from "../../src/directory/import-directory.fs.js";
import { makeTempDir } from "../helpers/cli.js";

const URL = "http://directory.test/itu/sn/ministry";
const MAILBOX = "cooperation@numerique.sn.example";

function result(): CrawlResult {
  const person = (honorific: string, name: string, title: string) => ({
    kind: "person" as const,
    group: "SN",
    orgKey: "sn:ministry",
    fields: { honorific, name, title, email: MAILBOX },
    sourceUrl: URL,
    confirmedAt: Date.UTC(2026, 10, 2),
  });
  return {
    records: [
      {
        kind: "organisation",
        group: "SN",
        orgKey: "sn:ministry",
        fields: { organisation: "Ministère du Numérique (exemple)" },
        sourceUrl: URL,
        confirmedAt: Date.UTC(2026, 10, 2),
      },
      person("M.", "Mamadou Exemple", "Directeur"),
      person("Mme", "Awa Exemple", "Conseillère"),
      person("M.", "Mamadou Exemple", ""),
    ],
    failures: [],
    skipped: [],
    warnings: [],
    groups: new Map([["SN", "Senegal"]]),
    pages: { download: 2, "not-modified": 0, cache: 0 },
    overBudget: 0,
    interrupted: false,
  };
}

describe("crawl rows of a shared mailbox", () => {
  it("keep every person, count one address, and merge into one contact listing both", async () => {
    const assembled = assembleDirectoryRows(result(), "itu-crawl");
    expect(assembled.rows.map((r) => r.name)).toEqual(["Awa Exemple", "Mamadou Exemple"]);
    expect(assembled.summary[0]).toMatchObject({ people: 3, emails: 1 });

    const ws = await makeTempDir("outreach-crawl-shared-");
    await mkdir(join(ws, "contacts", "sources"), { recursive: true });
    const file = join(ws, "contacts", "sources", "itu-2026-11-02.csv");
    await writeFile(
      file,
      stringify([[...DIRECTORY_COLUMNS], ...assembled.rows.map((r) => DIRECTORY_COLUMNS.map((c) => r[c]))]),
    );
    const now = new Date("2026-11-02T10:00:00Z");
    const report = await importDirectoryFile({ workspace: ws, file, source: "itu-crawl", now });
    expect([report.added, report.rejected, report.sharedMailboxes.length]).toEqual([1, 0, 1]);
    const { contacts } = await readDirectory(join(ws, "contacts", "directory.csv"));
    expect(contacts.map((c) => [c.honorific, c.name, c.title])).toEqual([
      ["Mme; M.", "Awa Exemple; Mamadou Exemple", "Conseillère; Directeur"],
    ]);

    const again = await importDirectoryFile({
      workspace: ws,
      file,
      source: "itu-crawl",
      now: new Date("2026-11-03T00:00:00Z"),
    });
    expect([again.added, again.updated, again.written]).toEqual([0, 0, false]);
  });
});
