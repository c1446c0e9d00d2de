import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contactSchema, DIRECTORY_COLUMNS } from "../../src/contacts/contact-schema.js";
import { readDirectory, writeDirectory } from "../../src/contacts/directory-store.fs.js";
import { setDirectoryStatus } from "../../src/contacts/directory-status.fs.js";
import { makeTempDir } from "../helpers/cli.js";

const contact = (id: string, status: "active" | "do-not-contact" = "active") =>
  contactSchema.parse({ id, country: "AR", email: `${id}@ministry.example`, source: "test", status });

describe("setDirectoryStatus", () => {
  it("sets the status, never weakens do-not-contact, and leaves others alone", async () => {
    const path = join(await makeTempDir(), "directory.csv");
    await writeDirectory(path, [contact("a"), contact("b", "do-not-contact"), contact("c")]);
    const result = await setDirectoryStatus(path, ["a", "b"], "bounced");
    expect(result.changed).toEqual(["a"]);
    const statuses = Object.fromEntries((await readDirectory(path)).contacts.map((c) => [c.id, c.status]));
    expect(statuses).toEqual({ a: "bounced", b: "do-not-contact", c: "active" });
  });

  it("does not rewrite a directory with invalid rows (they would be lost); warns instead", async () => {
    const path = join(await makeTempDir(), "directory.csv");
    await writeDirectory(path, [contact("a")]);
    const broken =
      (await readFile(path, "utf8")) + `zz-bad,not-a-country${",".repeat(DIRECTORY_COLUMNS.length - 2)}\n`;
    await writeFile(path, broken);
    const result = await setDirectoryStatus(path, ["a"], "bounced");
    expect(result.changed).toEqual([]);
    expect(result.problems).toMatchObject([{ severity: "warning" }]);
    expect(await readFile(path, "utf8")).toBe(broken);
  });
});
